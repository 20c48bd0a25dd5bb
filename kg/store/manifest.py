"""What a store records about itself in kg-store.json: the inputs it holds, by file and graph, and its files.

Each input file is described by its resolved path, the graph its triples went to, and its size,
modification and status-change times (the latter catches a fixed permission). The store's signature
hashes all of them with the software versions and the store format; its base signature hashes only the
shipped files' entries with the versions and format, which an incremental build must keep unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.inputs import graph_name, shipped_files
from kg.version import __version__

MANIFEST = "kg-store.json"
READERS_LOCK = "kg-readers.lock"
# Raised whenever what a store holds or records changes meaning, so that older stores are rebuilt whole.
STORE_FORMAT = 3
# Formats whose quads may go to named graphs other than the file's own: such a file cannot be dropped alone.
QUAD_SUFFIXES = frozenset({".trig", ".nq"})


class BuildInfo(NamedTuple):
    """What a build produced: the store folder, how many quads from how many files, in how many seconds
    (of which load_seconds bulk loading, the rest counting, compacting and indexing names), and for an
    incremental build how many files it reloaded or dropped."""

    path: Path
    triples: int
    files: int
    seconds: float
    load_seconds: float
    built: bool  # False when the store was already up to date
    changed: int | None = None  # None for a full build

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0


def file_entry(path: Path) -> dict:
    """The manifest's description of one input file; InputError if it is missing."""
    try:
        stat = path.stat()
    except OSError:
        raise InputError(f"{path}: no such file") from None
    return {"path": str(path.resolve()), "graph": graph_name(path), "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns, "ctime_ns": stat.st_ctime_ns,
            "quads": path.suffix.lower() in QUAD_SUFFIXES}


def signatures(entries: list[dict]) -> tuple[str, str]:
    """The signature of a store holding these inputs, and its base signature (see above)."""
    shipped = {str(p.resolve()) for p in shipped_files()}
    versions = [STORE_FORMAT, __version__, ox.__version__]
    every = json.dumps([*versions, entries], sort_keys=True)
    base = json.dumps([*versions, [e for e in entries if e["path"] in shipped]], sort_keys=True)
    return _hash(every), _hash(base)


def _hash(text: str) -> str:
    import hashlib  # 4 ms (OpenSSL): only when building, a lookup compares the manifest instead

    return hashlib.sha256(text.encode()).hexdigest()[:32]


def holds(manifest: dict | None, entries: list[dict]) -> bool:
    """Whether the store whose manifest this is was built from exactly these inputs by this kg, pyoxigraph and
    store format (what the signature hashes, compared without hashing)."""
    return (manifest is not None and manifest.get("inputs") == entries and manifest.get("format") == STORE_FORMAT
            and manifest.get("kg") == __version__ and manifest.get("pyoxigraph") == ox.__version__)


def read_manifest(folder: Path) -> dict | None:
    """The manifest of the store in `folder`, or None if it has none or an unreadable one."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None
