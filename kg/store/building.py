"""Building a store aside, in full or from the previous store, and sealing it with its manifest.

A full build bulk-loads every input into a new folder, compacts it and writes its name index. An
incremental build starts from a checkpoint of the previous store (pyoxigraph's Store.backup: hard links
to its immutable files, so cheap and leaving it untouched), drops the graphs of the input files that
changed or went away, loads the files that changed or are new, and updates the name index for the
actors those graphs name. Either way the folder is renamed into place only when complete, so a build
stopped at any point leaves the previous store usable.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import traceback
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.names.stored import FILE as NAME_INDEX
from kg.names.stored import update_name_index, write_name_index
from kg.store.bulkload import Progress, load
from kg.store.integrity import fingerprint
from kg.store.manifest import MANIFEST, READERS_LOCK, STORE_FORMAT, BuildInfo, file_entry, signatures
from kg.version import __version__

# Beyond this share of the previous inputs' bytes to drop, a full build beats deleting quad by quad.
INCREMENTAL_SHARE = 0.25
_NAME_PREDICATES = [ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")]
_SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")


def changes(previous: dict, entries: list[dict]) -> tuple[list[dict], list[dict]] | None:
    """The previous store's input entries to drop and the current ones to load, or None when only a full
    build will do: another base (shipped data, versions, format), the same file twice, a TriG or
    N-Quads file changed or removed (its quads may lie in graphs it shares), or too much to drop."""
    _, base = signatures(entries)
    if previous.get("format") != STORE_FORMAT or previous.get("base") != base:
        return None
    paths = [e["path"] for e in entries]
    if len(set(paths)) != len(paths):
        return None
    before = {e["path"]: e for e in previous.get("inputs", [])}
    now = {e["path"]: e for e in entries}
    dropped = [e for path, e in before.items() if now.get(path) != e]
    loaded = [e for path, e in now.items() if before.get(path) != e]
    if any(e["quads"] for e in dropped):
        return None
    if sum(e["size"] for e in dropped) > INCREMENTAL_SHARE * max(sum(e["size"] for e in before.values()), 1):
        return None
    return dropped, loaded


def build_full(cache: Path, files: list[Path], signature: str, progress: Progress | None) -> BuildInfo:
    """A new store of `files` in `cache`, built aside and compacted."""
    def fill(store: ox.Store, building: Path) -> tuple[int, float]:
        load(store, files, progress)
        store.flush()
        loaded = time.perf_counter() - start
        store.optimize()  # one compacted level: point lookups and joins read fewer files
        write_name_index(store, building)
        return len(store), loaded

    start = time.perf_counter()
    return _build_aside(cache, files, signature, None, fill, start)


def build_incremental(cache: Path, previous: Path, files: list[Path], signature: str,
                      dropped: list[dict], loaded: list[dict], progress: Progress | None) -> BuildInfo:
    """The previous store's checkpoint with the graphs of `dropped` removed and the files of `loaded` added."""
    def fill(store: ox.Store, building: Path) -> tuple[int, float]:
        graphs = [ox.NamedNode(e["graph"]) for e in dropped]
        named, reclassified = _named_in(store, graphs)
        triples = json.loads((previous / MANIFEST).read_text())["triples"]
        for graph in graphs:
            triples -= sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
            store.remove_graph(graph)
        load(store, [Path(e["path"]) for e in loaded], progress)
        store.flush()
        seconds = time.perf_counter() - start
        added = [ox.NamedNode(e["graph"]) for e in loaded]
        triples += sum(1 for graph in added for _ in store.quads_for_pattern(None, None, None, graph))
        now_named, now_reclassified = _named_in(store, added)
        shutil.copyfile(previous / NAME_INDEX, building / NAME_INDEX)
        if reclassified or now_reclassified:  # which things are actors may have changed anywhere
            (building / NAME_INDEX).unlink()
            write_name_index(store, building)
        else:
            update_name_index(store, building, named | now_named)
        return triples, seconds

    start = time.perf_counter()
    info = _build_aside(cache, files, signature, previous, fill, start)
    return BuildInfo(info.path, info.triples, info.files, info.seconds, info.load_seconds, True,
                     changed=len({e["path"] for e in dropped + loaded}))


def _named_in(store: ox.Store, graphs: list[ox.NamedNode]) -> tuple[set[str], bool]:
    """The IRIs given a type or a name in `graphs`, and whether the graphs hold any rdfs:subClassOf."""
    iris: set[str] = set()
    subclasses = False
    for graph in graphs:
        for predicate in _NAME_PREDICATES:
            iris.update(q.subject.value for q in store.quads_for_pattern(None, predicate, None, graph)
                        if isinstance(q.subject, ox.NamedNode))
        subclasses = subclasses or next(store.quads_for_pattern(None, _SUBCLASS_OF, None, graph), None) is not None
    return iris, subclasses


def _build_aside(cache: Path, files: list[Path], signature: str, previous: Path | None, fill,
                 start: float) -> BuildInfo:
    """Build in cache/build-..., by `fill(store, folder) -> (triples, load seconds)`, then seal the folder
    with its manifest and rename it to cache/store-...; remove it if anything fails."""
    token = os.urandom(4).hex()
    building = cache / f"build-{signature}-{token}"
    final = cache / f"store-{signature}-{token}"
    entries = [file_entry(p) for p in files]
    store = None
    try:
        if previous is not None:
            ox.Store.read_only(str(previous)).backup(str(building))
        store = ox.Store(str(building))
        triples, loaded = fill(store, building)
        store = None  # closes the database
        seconds = time.perf_counter() - start
        _, base = signatures(entries)
        manifest = {"signature": signature, "base": base, "format": STORE_FORMAT, "kg": __version__,
                    "pyoxigraph": ox.__version__, "inputs": entries, "triples": triples,
                    "seconds": round(seconds, 3), "load_seconds": round(loaded, 3),
                    "store_files": fingerprint(building)}
        (building / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        (building / READERS_LOCK).touch()
        os.rename(building, final)
    except BaseException as exc:
        # The traceback's frames hold the store open: close it before removing its folder.
        traceback.clear_frames(exc.__traceback__)
        store = None
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(exc, OSError):
            raise KgError(f"cannot build the store in {cache}: {exc}") from None
        raise
    return BuildInfo(final, triples, len(files), seconds, loaded, built=True)
