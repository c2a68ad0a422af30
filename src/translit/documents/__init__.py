"""Documents: a file's kind, what its markup protects, reading and writing it safely."""
