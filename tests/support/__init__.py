"""Real services for the test suite: Redis, PostgreSQL, an SMTP sink, started in temporary folders."""
