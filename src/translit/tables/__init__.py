"""Reading and validating the data files: alias tables, schemes, press languages,
inflection, context rules."""
