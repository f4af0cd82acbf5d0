"""Tests of letter rendering: Word template in, bytes out."""
