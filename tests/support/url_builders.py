"""Compile each URL rule's builder once per test process instead of once per app.

The suite builds a fresh app for nearly every test (two per test: see ``tests/conftest.py``), and werkzeug
compiles the URL builder of each of the app's ~136 rules from a generated AST every time: about 90 % of
``create_app``, some 3 minutes of the suite's wall time. The generated function takes the rule as its first
argument and looks its converters up on it when called, so its code depends only on the rule's parsed parts,
its defaults and ``append_unknown``: the same function serves every app's copy of the rule. Only the tests do
this; a running server builds its app once.
"""

from __future__ import annotations

from werkzeug.routing.rules import Rule


def reuse_url_builders() -> None:
    """Memoise ``Rule._compile_builder`` on what the generated code depends on; a no-op if werkzeug changed."""
    original = getattr(Rule, "_compile_builder", None)
    if original is None or getattr(original, "reused", False):
        return
    compiled: dict[tuple, object] = {}

    def compile_builder(self: Rule, append_unknown: bool = True):
        trace = getattr(self, "_trace", None)
        if trace is None:
            return original(self, append_unknown)
        converters = tuple(sorted((name, type(c).__name__) for name, c in self._converters.items()))
        key = (tuple(trace), repr(sorted((self.defaults or {}).items())), converters, append_unknown)
        builder = compiled.get(key)
        if builder is None:
            builder = compiled[key] = original(self, append_unknown)
        return builder

    compile_builder.reused = True
    Rule._compile_builder = compile_builder
