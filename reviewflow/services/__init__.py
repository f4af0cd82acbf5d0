"""Units of work: one public verb_noun function each, one commit, background work after the commit."""
