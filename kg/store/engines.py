"""Opening the dataset's query engine: the embedded store, rdflib in memory, by name."""

from __future__ import annotations

from functools import partial

from kg.errors import InputError
from kg.sparql.limits import register_engine
from kg.sparql.oxigraph_engine import StoreEngine

ENGINES = ("store", "rdflib")


def open_engine(name: str = "store"):
    """The engine called `name` ("store" or "rdflib") over the whole dataset, shipped data plus KG_DATA."""
    if name == "store":
        from kg.store.cache import open_store_folder

        return StoreEngine(*open_store_folder())
    if name == "rdflib":
        from kg.sparql.rdflib_engine import RdflibEngine

        return RdflibEngine()
    raise InputError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")


def as_engine(engine=None):
    """`engine` itself when it is an engine, else the engine it names ("store" when None); for the Python API."""
    if engine is None or isinstance(engine, str):
        return open_engine(engine or "store")
    return engine


for _name in ENGINES:  # QueryPool("store") opens its workers' engines with these
    register_engine(_name, partial(open_engine, _name))
