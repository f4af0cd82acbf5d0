"""Reference data shipped with Reviewflow (CSV)."""
