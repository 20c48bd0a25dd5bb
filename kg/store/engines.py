"""Opening the dataset's query engine: the embedded store, rdflib in memory, or a SPARQL endpoint."""

from __future__ import annotations

from functools import partial

from kg.errors import InputError
from kg.sparql.endpoint_engine import ENDPOINT_VARIABLE, EndpointSpec
from kg.sparql.limits import register_engine
from kg.sparql.oxigraph_engine import StoreEngine

ENGINES = ("store", "rdflib", "endpoint")


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


def as_engine(engine=None):
    """`engine` itself when it is an engine, else the engine it names (open_engine); for the Python API."""
    if engine is None or isinstance(engine, (str, EndpointSpec)):
        return open_engine(engine)
    return engine


for _name in ("store", "rdflib"):  # QueryPool("store") opens its workers' engines with these
    register_engine(_name, partial(open_engine, _name))
