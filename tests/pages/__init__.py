"""Tests of the pages people use: the route matrix, the browser walks, accessibility."""
