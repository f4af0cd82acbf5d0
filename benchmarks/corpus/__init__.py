"""The anchors corpus: drafts written for the benchmark, their builder and their expected anchors."""
