"""The draft lifecycle: states, one declarative transition table, pure guards."""

from reviewflow.workflows.lifecycle import (
    TRANSITIONS,
    Actor,
    DraftFacts,
    Refusal,
    Transition,
    allowed_transitions,
    check_transition,
)

__all__ = [
    "TRANSITIONS",
    "Actor",
    "DraftFacts",
    "Refusal",
    "Transition",
    "allowed_transitions",
    "check_transition",
]
