"""Benchmarks: commands that print timings; never part of the test suite."""
