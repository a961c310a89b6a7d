"""The machine's processes as /proc shows them, for the tests of worker and child processes."""

from __future__ import annotations

from pathlib import Path


def process_table() -> dict[int, tuple[int, int]]:
    """Every process: its parent's pid and its process group (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            found[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return found


def in_group(pgid: int) -> list[int]:
    """The processes of the group `pgid`."""
    return [pid for pid, (_, group) in process_table().items() if group == pgid]


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    return [child for child, (parent, _) in process_table().items() if parent == pid]
