"""Signing in and out, sessions, the user's own profile."""
