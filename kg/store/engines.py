"""Opening the dataset's query engine: the embedded store, rdflib in memory, or a SPARQL endpoint; and a
server's engine, the store copied into memory when it is small enough (`open_server_engine`, registered as
"memory")."""

from __future__ import annotations

from functools import partial

import pyoxigraph as ox

from kg.errors import InputError
from kg.sparql.endpoint_spec import ENDPOINT_VARIABLE, EndpointSpec
from kg.sparql.openers import register_engine
from kg.sparql.oxigraph_engine import StoreEngine

ENGINES = ("store", "rdflib", "endpoint")
# A store of at most this many quads is copied into memory for a server (about 3 s per worker at the limit);
# queries on the copy run 6-8 times faster than on the store on disk (an actor's facts: 1.7 ms, not 14 ms).
MEMORY_QUADS = 250_000


def open_engine(name: str | EndpointSpec | None = None):
    """The engine that `name` designates over the whole dataset (shipped data plus KG_DATA, or what an
    endpoint holds): "store", "rdflib", an EndpointSpec, or "endpoint" / None for KG_ENDPOINT's (None: the
    store when KG_ENDPOINT is not set)."""
    if name is None or name == "endpoint":
        name = chosen_engine(name)
    if isinstance(name, EndpointSpec):
        from kg.store.endpoint import RemoteEngine

        return RemoteEngine(name)
    if name == "store":
        from kg.store.cache import open_store_folder

        return StoreEngine(*open_store_folder())
    if name == "rdflib":
        from kg.sparql.rdflib_engine import RdflibEngine

        return RdflibEngine()
    raise InputError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")


def open_server_engine():
    """The store engine, on a copy of the store in memory when it holds at most MEMORY_QUADS quads, else on
    the store itself; for a server, whose data do not change while it runs."""
    engine = open_engine("store")
    if len(engine.store) > MEMORY_QUADS:
        return engine
    memory = ox.Store()
    memory.bulk_extend(engine.store.quads_for_pattern(None, None, None, None))
    return StoreEngine(memory, engine.folder)


def chosen_engine(name: str | None = None, url: str | None = None, graphs: tuple[str, ...] = ()):
    """What --engine, --endpoint and --graph choose: "store", "rdflib" or an EndpointSpec. An endpoint
    (--endpoint, else KG_ENDPOINT) is used unless --engine says store or rdflib."""
    if name in ("store", "rdflib"):
        if url:
            raise InputError(f"--engine {name} and --endpoint contradict each other: give one of them")
        return name
    spec = EndpointSpec.from_environment(url, graphs)
    if spec is None:
        if name == "endpoint":
            raise InputError(f"--engine endpoint needs --endpoint URL or {ENDPOINT_VARIABLE}")
        return "store"
    return spec


def pool_opener(choice):
    """What a QueryPool opens its workers' engines with for `choice`: an engine name as it is, an EndpointSpec
    as a picklable opener of its engine, any other opener (a zero-argument function) as it is."""
    return partial(open_engine, choice) if isinstance(choice, EndpointSpec) else choice


def as_engine(engine=None):
    """`engine` itself when it is an engine, else the engine it names (open_engine); for the Python API."""
    if engine is None or isinstance(engine, (str, EndpointSpec)):
        return open_engine(engine)
    return engine


for _name in ("store", "rdflib"):  # QueryPool("store") opens its workers' engines with these
    register_engine(_name, partial(open_engine, _name))
register_engine("memory", open_server_engine)
