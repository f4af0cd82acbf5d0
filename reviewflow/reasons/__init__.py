"""Pages where lawyers keep their saved reasons (and administrators the shared ones)."""
