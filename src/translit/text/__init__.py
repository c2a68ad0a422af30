"""Text without tables: folding, case and script, the language of a paragraph, what is not prose."""
