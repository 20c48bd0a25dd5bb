"""Engine openers by name, for the query workers of kg.sparql.limits.QueryPool.

kg.store.engines, which sits above this layer, registers "store", "rdflib" and "memory" here at import. A
module of its own, so that registering does not import the pool's machinery (subprocess, threads, queues:
6 ms), which a quick lookup never uses.
"""

from __future__ import annotations

from collections.abc import Callable

ENGINE_OPENERS: dict[str, Callable[[], object]] = {}


def register_engine(name: str, opener: Callable[[], object]) -> None:
    """Make QueryPool(name) open its workers' engines with `opener` (picklable, zero arguments)."""
    ENGINE_OPENERS[name] = opener
