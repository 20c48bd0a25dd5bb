"""Where an endpoint is (EndpointSpec) and the environment variables that say so; light to import (no HTTP
library), so that choosing an engine costs a lookup nothing."""

from __future__ import annotations

import os
from typing import NamedTuple

import pyoxigraph as ox

from kg.errors import InputError

ENDPOINT_VARIABLE, GRAPHS_VARIABLE, TIMEOUT_VARIABLE = "KG_ENDPOINT", "KG_GRAPHS", "KG_ENDPOINT_TIMEOUT"
USER_VARIABLE, PASSWORD_VARIABLE = "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD"
DEFAULT_TIMEOUT = 60.0  # seconds per request, unless KG_ENDPOINT_TIMEOUT or the query's own limits say less


def checked_url(url: str) -> str:
    """`url` if it is an http(s) URL without user information; else InputError."""
    from urllib.parse import urlsplit  # 2.5 ms: not on a lookup's path unless an endpoint is named

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an http(s) URL: {url[:80]!r}")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"the URL holds credentials: give them in {USER_VARIABLE} and {PASSWORD_VARIABLE} instead")
    return url


class EndpointSpec(NamedTuple):
    """Where the graph is: the query URL and the named graphs that hold kg's data (empty: those that
    `kg publish` recorded in the manifest graph). Picklable: kg.store.engines.pool_opener(spec) opens one
    in each worker of a kg.sparql.limits.QueryPool."""

    url: str
    graphs: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_environment(cls, url: str | None = None, graphs: tuple[str, ...] = ()) -> EndpointSpec | None:
        """The spec that `url` (else KG_ENDPOINT) and `graphs` (else KG_GRAPHS, space-separated) give; None without a URL."""
        url = url or os.environ.get(ENDPOINT_VARIABLE)
        if not url:
            return None
        graphs = tuple(graphs) or tuple(os.environ.get(GRAPHS_VARIABLE, "").split())
        for graph in graphs:
            try:
                ox.NamedNode(graph)
            except ValueError:
                raise InputError(f"--graph {graph[:80]!r} is not an IRI") from None
        return cls(checked_url(url), graphs, _timeout_from_environment())


def _timeout_from_environment() -> float:
    text = os.environ.get(TIMEOUT_VARIABLE)
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise InputError(f"{TIMEOUT_VARIABLE} must be a positive number of seconds, not {text[:80]!r}")
    return value
