"""Administration: users and reference data."""
