"""The scan of a text: the automaton's hits, the short path, the general path and its checks."""
