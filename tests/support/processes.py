"""Look at process trees through /proc: who descends from a process, and who is still alive."""

from __future__ import annotations

from pathlib import Path

Process = tuple[int, int]  # (pid, start time in clock ticks): a pid reused later is not "alive"


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name is in parentheses and may contain spaces: split after its closing one.
    return raw[raw.rindex(")") + 2:].split()


def descendants(pid: int) -> set[Process]:
    """Every living process below ``pid`` (children, grandchildren, ...)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[Process] = set()
    todo = list(parents.get(pid, []))
    while todo:
        child = todo.pop()
        fields = _stat(child)
        if fields is not None and fields[0] != "Z":
            found.add((child, int(fields[19])))
        todo.extend(parents.get(child, []))
    return found


def alive(processes: set[Process]) -> set[Process]:
    """Those of ``processes`` that still run (zombies count as gone)."""
    still = set()
    for pid, started in processes:
        fields = _stat(pid)
        if fields is not None and fields[0] != "Z" and int(fields[19]) == started:
            still.add((pid, started))
    return still
