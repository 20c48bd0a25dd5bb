"""The pyoxigraph store holding the whole dataset."""

from __future__ import annotations

import pyoxigraph as ox

from kg.parsing import read_quads
from kg.resources import input_files


def open_store() -> ox.Store:
    """A store with the shipped data plus KG_DATA, loaded in memory."""
    store = ox.Store()
    for path in input_files():
        store.extend(read_quads(path))
    return store
