"""An endpoint engine with a local name index, so that a lookup does not download every name.

The index (kg.names.stored's names.sqlite) is written into the cache folder, one per endpoint URL and
graph set, under a folder named after the server's data version (kg.sparql.endpoint_engine: the manifest's
version that `kg publish` writes, else a triple count) and kg's store format, so that an index of another
layout is never read. When the data change, the next lookup writes a new index and removes the old one. An
index is written aside and renamed, so a killed lookup leaves none half-built.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from kg.names.stored import FILE, write_name_index
from kg.sparql.endpoint_engine import EndpointEngine
from kg.store.cache import cache_dir
from kg.store.manifest import STORE_FORMAT


class RemoteEngine(EndpointEngine):
    """EndpointEngine, plus `folder`: where its name index is (kg.names.resolve looks there)."""

    _folder: Path | None = None

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = name_index_folder(self)
        return self._folder


def name_index_folder(engine: EndpointEngine) -> Path:
    """The folder holding names.sqlite for the engine's endpoint, graphs and current data version."""
    key = _digest("\n".join([engine.spec.url, *engine.graphs]))
    home = cache_dir() / "endpoints" / key
    folder = home / _digest(f"{STORE_FORMAT}\n{engine.version()}")
    if (folder / FILE).is_file():
        return folder
    aside = home / f"building-{os.getpid()}-{os.urandom(4).hex()}"
    aside.mkdir(parents=True)
    try:
        write_name_index(engine, aside)
        try:
            aside.rename(folder)
        except OSError:  # another process renamed its own index first: use that one
            pass
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    for old in home.iterdir():
        if old != folder and not old.name.startswith("building-"):
            shutil.rmtree(old, ignore_errors=True)
    return folder


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
