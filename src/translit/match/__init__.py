"""The matcher: the automaton's hits, the short path, and the general path with its
checks (:mod:`translit.scan` runs them, then the review of the context)."""
