"""The persistent pyoxigraph store holding the whole dataset, kept in a cache folder.

The store is built from the shipped files plus KG_DATA on first use, and again whenever an input changes.
Inputs are compared by (resolved path, size, modification and status-change times) of every file plus the
kg and pyoxigraph versions and the store format, as recorded in the store's manifest (kg.store.manifest), so
opening a built store reads no data file; their hash, the signature, names stores and builds. When only
KG_DATA files changed, were added or removed, the new store is the previous one with just their graphs
dropped and reloaded (kg.store.building); a change to the shipped data, the versions or the store format
rebuilds everything. Before a store is used, a probe of its files (kg.store.integrity) makes sure they are
those its build left; a damaged store is rebuilt.

Cache layout (KG_CACHE, default $XDG_CACHE_HOME/kg or ~/.cache/kg)::

    current               "<signature> <store folder>": the store to use, replaced atomically
    build.lock            held by the one process building at a time
    failed                "<signature> <message>": the error of the last build, while inputs are unchanged
    store-<sig>-<token>/  a complete store (RocksDB files, kg-store.json, kg-readers.lock, names.sqlite)
    build-<sig>-<token>/  a build in progress, renamed to store-... when complete

Every build happens aside and is swapped in by renaming, so a build stopped at any point leaves the previous
store usable. Lookups open stores read-only, holding a shared lock on kg-readers.lock that keeps a
builder from deleting a store someone still reads.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.rdf.inputs import input_files
from kg.store.integrity import damage
from kg.store.manifest import READERS_LOCK, BuildInfo, file_entry, holds, read_manifest, signatures

if TYPE_CHECKING:
    from kg.store.bulkload import Progress

# A lookup that must build for longer than this says so on standard error.
PROGRESS_AFTER = 1.0

# Stores opened by this process, by folder: read-only stores are safe to share.
_open_stores: dict[Path, ox.Store] = {}
_reader_locks: dict[Path, int] = {}


def cache_dir() -> Path:
    """The cache folder: KG_CACHE, else kg/ under XDG_CACHE_HOME or ~/.cache."""
    if os.environ.get("KG_CACHE"):
        return Path(os.environ["KG_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "kg"


def open_store() -> ox.Store:
    """The store of the shipped data plus KG_DATA, opened read-only; built first if missing or stale.

    Raises InputError (file and line) when an input is malformed, KgError when the cache is unusable.
    """
    return open_store_folder()[0]


def open_store_folder() -> tuple[ox.Store, Path]:
    """open_store()'s store and the folder holding it (with its name index, kg.names.stored)."""
    files = input_files()
    entries = [file_entry(path) for path in files]
    cache = cache_dir()
    for _ in range(3):
        path = _current_store(cache, entries)
        if path is None:
            with _AnnouncedBuild(cache):
                path = build_store(files).path
        store = _open_read_only(path)
        if store is not None:
            return store, path
        # The store vanished or is damaged: rebuild it, unless another process just did.
        with _build_lock(cache):
            if _current_store(cache, entries) == path:
                _write_pointer(cache, "", "")
    raise KgError(f"cannot open the store in {cache}; remove that folder and try again")


class _AnnouncedBuild:
    """A line on standard error once a lookup's build has taken PROGRESS_AFTER seconds, and its time at the end."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.start = time.perf_counter()
        self.timer = threading.Timer(PROGRESS_AFTER, self._announce)
        self.timer.daemon = True
        self.announced = False

    def _announce(self) -> None:
        self.announced = True
        print(f"kg: building the store in {self.cache} (first use, or the data changed)...", file=sys.stderr,
              flush=True)

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.cancel()
        self.timer.join()
        if self.announced and exc[0] is None:
            print(f"kg: store built in {time.perf_counter() - self.start:.1f} s", file=sys.stderr, flush=True)


def build_store(files: list[Path] | None = None, force: bool = False, progress: Progress | None = None) -> BuildInfo:
    """Build the store for `files` (default: shipped data plus KG_DATA) unless it is up to date and intact.

    Only the graphs of changed KG_DATA files are rebuilt when the previous store allows it; `force`
    rebuilds everything. Only one process builds at a time; the others wait, then use its store.
    """
    from kg.store.building import build_full, build_incremental, changes  # threads and regexes: only here

    files = input_files() if files is None else files
    entries = [file_entry(path) for path in files]
    signature = signatures(entries)[0]
    cache = cache_dir()
    with _build_lock(cache):
        current = _current_store(cache, entries)
        if current is not None and not force:
            manifest = read_manifest(current)
            if _intact(current, manifest):
                return BuildInfo(current, manifest["triples"], len(files), manifest["seconds"],
                                 manifest["load_seconds"], built=False)
        if not force:
            _raise_recorded_failure(cache, signature)
        previous = None if force else _previous_store(cache)
        plan = changes(read_manifest(previous), entries) if previous else None
        try:
            if plan is None:
                info = build_full(cache, files, signature, progress)
            else:
                info = build_incremental(cache, previous, files, signature, *plan, progress)
        except InputError as error:
            _write_atomically(cache / "failed", f"{signature} {error}")
            raise
        (cache / "failed").unlink(missing_ok=True)
        _write_pointer(cache, signature, info.path.name)
        _clean(cache, keep=info.path.name)
        return info


def _previous_store(cache: Path) -> Path | None:
    """The intact store the pointer names, whatever inputs it was built for, to build the next one from."""
    try:
        name = (cache / "current").read_text().strip().partition(" ")[2]
    except OSError:
        return None
    path = cache / name
    return path if name and _intact(path, read_manifest(path)) else None


def _intact(path: Path, manifest: dict | None) -> bool:
    """Whether the store in `path` has a manifest and every file its build left, unchanged."""
    return manifest is not None and "store_files" in manifest and damage(path, manifest["store_files"]) is None


def _current_store(cache: Path, entries: list[dict]) -> Path | None:
    """The folder of the complete store of the inputs `entries` (file_entry), if the pointer names one."""
    try:
        name = (cache / "current").read_text().strip().partition(" ")[2]
    except OSError:
        return None
    path = cache / name
    return path if name and holds(read_manifest(path), entries) else None


def _open_read_only(path: Path) -> ox.Store | None:
    """The store in `path`, read-only, with a shared readers' lock held for this process; None if unusable."""
    if path in _open_stores:
        return _open_stores[path]
    try:
        fd = os.open(path / READERS_LOCK, os.O_RDONLY)
    except OSError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    try:
        # A builder may have deleted the folder between our reading the pointer and taking the lock.
        store = ox.Store.read_only(str(path)) if _intact(path, read_manifest(path)) else None
    except OSError:
        store = None
    if store is None:
        os.close(fd)
        return None
    _reader_locks[path] = fd
    _open_stores[path] = store
    return store


class _build_lock:
    """An exclusive lock on the cache's build.lock, creating the cache folder if needed."""

    def __init__(self, cache: Path):
        self.cache = cache

    def __enter__(self):
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.cache / "build.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise KgError(f"cannot use the cache folder {self.cache}: {exc.strerror}; set KG_CACHE") from None
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        os.close(self.fd)


def _raise_recorded_failure(cache: Path, signature: str) -> None:
    """Raise again the input error of the last build if the inputs have not changed since."""
    try:
        recorded, _, message = (cache / "failed").read_text(encoding="utf-8").partition(" ")
    except OSError:
        return
    if recorded == signature and message:
        raise InputError(message)


def _write_pointer(cache: Path, signature: str, name: str) -> None:
    _write_atomically(cache / "current", f"{signature} {name}\n")


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(partial, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)


def _clean(cache: Path, keep: str) -> None:
    """Remove interrupted builds and the stores no process is reading (call with the build lock held)."""
    import shutil  # with bz2 and lzma, 10 ms: only after a build

    for entry in cache.iterdir():
        if entry.name == keep or not entry.is_dir():
            continue
        if entry.name.startswith("build-"):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith("store-"):
            try:
                fd = os.open(entry / READERS_LOCK, os.O_RDONLY)
            except OSError:
                shutil.rmtree(entry, ignore_errors=True)
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(entry, ignore_errors=True)
            except BlockingIOError:
                pass  # still read by another process; a later build removes it
            finally:
                os.close(fd)

