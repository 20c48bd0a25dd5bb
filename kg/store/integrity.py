"""A cheap integrity probe of a built store: its files are those the build left, unchanged.

RocksDB trusts its files: a truncated SST, a damaged CURRENT or MANIFEST, or random bytes written into an
SST make opening fail, every query fail, or (for some bytes) a query allocate without bound. A build records
the size and modification time of every file of the finished store (kg-store.json's "store_files"); before a
store is used, the same figures are read again (a few stat calls, no data) and any difference makes the
store unusable, so it is rebuilt rather than read.
"""

from __future__ import annotations

import os
from pathlib import Path

# Written by kg beside the RocksDB files after the fingerprint is taken, or only ever locked.
UNCHECKED = frozenset({"kg-store.json", "kg-readers.lock", "LOCK", "LOG"})


def fingerprint(folder: Path) -> dict[str, list[int]]:
    """The size and modification time (ns) of every file of the store in `folder`, by name."""
    files = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in UNCHECKED or entry.name.startswith("LOG.old") or not entry.is_file():
                continue
            stat = entry.stat()
            files[entry.name] = [stat.st_size, stat.st_mtime_ns]
    return dict(sorted(files.items()))


def damage(folder: Path, recorded: dict[str, list[int]]) -> str | None:
    """What differs between the store's files and those its build recorded, or None when nothing does."""
    try:
        found = fingerprint(folder)
    except OSError as exc:
        return f"cannot list its files: {exc.strerror}"
    for name, figures in recorded.items():
        if name not in found:
            return f"{name} is missing"
        if found[name] != figures:
            return f"{name} has changed"
    return None
