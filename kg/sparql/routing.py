"""Cheap queries in process, the others in killable workers: a QueryRouter in front of a QueryPool.

Sending a query to a worker process costs a round trip and a parse of its rows, which for a lookup that the
store answers in a few milliseconds is most of the time. The data do not change while a server runs, so a
query text with its bindings that a worker answered within FAST_SECONDS will again be that fast: the router
runs it in process afterwards (the same engine, the same safety check, the same row limit). A query not seen
yet, or seen to be slower, still goes to a worker, whose deadline is enforced by killing it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from kg.sparql.limits import Limits, QueryPool, batches_within
from kg.sparql.lru import LRUCache
from kg.sparql.results import QueryResult, Term

FAST_SECONDS = 0.05  # a worker's answer within this makes a query cheap enough to run in process
KNOWN_FAST = 4096  # cheap queries remembered (text and bindings), the least recently used forgotten first


def run_in_process(engine, sparql: str, bindings: Mapping[str, Term] | None, limits: Limits) -> QueryResult:
    """The whole answer of `sparql` on `engine`, refused (RowLimitError) past the row limit, as a worker does."""
    solutions = engine.execute(sparql, bindings)
    items = solutions.triples if solutions.kind == "graph" else solutions.rows
    taken = [item for batch in batches_within(items, limits.max_rows) for item in batch]
    if solutions.kind == "graph":
        return QueryResult("graph", [], [], triples=taken)
    return QueryResult(solutions.kind, solutions.variables, taken, boolean=solutions.boolean)


class QueryRouter:
    """run() as QueryPool.run(): in process for a query known to be cheap, else in the pool's workers
    (which learns whether it is cheap). The in-process engine is the pool's, opened on first use.
    Thread-safe."""

    def __init__(self, pool: QueryPool, fast_seconds: float = FAST_SECONDS, remembered: int = KNOWN_FAST):
        self.pool, self.fast_seconds = pool, fast_seconds
        self._fast = LRUCache(remembered)  # the keys of queries known to be cheap
        self._lock = threading.Lock()
        self._engine = None

    def run(self, sparql: str, bindings: Mapping[str, Term] | None = None, limits: Limits | None = None) -> QueryResult:
        """The whole answer, within `limits` (default: the pool's); raises as QueryPool.run does."""
        limits = limits or self.pool.limits
        key = (sparql, tuple(sorted((name, str(term)) for name, term in (bindings or {}).items())))
        if self._fast.get(key):
            return run_in_process(self.engine(), sparql, bindings, limits)
        result, seconds = self.pool.run_timed(sparql, bindings, limits)
        if seconds < self.fast_seconds:
            self._fast.put(key, True)
        return result

    def engine(self):
        """The in-process engine, opened once with the pool's opener."""
        with self._lock:
            if self._engine is None:
                self._engine = self.pool.opener()
            return self._engine
