"""Compiling tables into an index: generated variants, word forms, the automaton, the cache."""
