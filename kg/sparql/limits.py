"""Queries that can be stopped: a deadline and a row limit, enforced in worker processes.

pyoxigraph cannot cancel a running query, and rdflib's engine holds the interpreter, so a query runs in a
worker process that holds its engine open; a worker past its deadline is killed and replaced. A worker
stops at the first row past the row limit, so no caller ever sees a truncated answer as if it were whole.
Workers (kg.sparql.worker) ignore Ctrl-C (the parent handles it and kills them) and exit when the parent dies.

Rows cross the process boundary as text in the SPARQL TSV results format, which pyoxigraph parses back
in native code (pickling pyoxigraph terms is two orders of magnitude slower); triples as N-Triples.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from kg.errors import InputError, KgError, LimitError, NotFoundError, RowLimitError
from kg.sparql.openers import ENGINE_OPENERS
from kg.sparql.results import QueryResult, Term, tsv_header

BATCH_ROWS = 2000  # rows per message from a worker
_ERRORS = {cls.__name__: cls for cls in (KgError, InputError, NotFoundError, LimitError, RowLimitError)}


def error_name(error: KgError) -> str:
    """The name of the error's nearest class that the parent raises again (a subclass's exit code is its base's)."""
    return next(cls.__name__ for cls in type(error).__mro__ if cls.__name__ in _ERRORS)


@dataclass(frozen=True)
class Limits:
    """What a query may use: `timeout` wall-clock seconds, at most `max_rows` rows (None: no row limit;
    a graph result counts its triples)."""

    timeout: float = 60.0
    max_rows: int | None = None

    def __post_init__(self):
        if not self.timeout > 0:
            raise InputError(f"the timeout must be a positive number of seconds, not {self.timeout}")
        if self.max_rows is not None and self.max_rows < 0:
            raise InputError(f"the row limit must be 0 or more, not {self.max_rows}")


def deadline_message(limits: Limits) -> str:
    return f"stopped at the {limits.timeout:g} s deadline; raise --timeout, or narrow the query"


def rows_message(limits: Limits) -> str:
    return (f"more than {limits.max_rows} rows: stopped, nothing shown rather than a truncated answer; "
            "raise --max-rows, or add LIMIT to the query")


def batches_within(items: Iterable, max_rows: int | None, size: int = BATCH_ROWS) -> Iterator[list]:
    """`items` in lists of at most `size`; RowLimitError, before the list that would pass it, as soon as
    there are more than `max_rows` (a worker's answer, and the router's in process)."""
    taken = 0
    while True:
        batch = list(islice(items, size if max_rows is None else min(size, max_rows + 1 - taken)))
        if not batch:
            return
        taken += len(batch)
        if max_rows is not None and taken > max_rows:
            raise RowLimitError(rows_message(Limits(max_rows=max_rows)))
        yield batch


def collect(pieces: Iterable[QueryResult]) -> QueryResult:
    """One QueryResult from the pieces of QueryPool.stream()."""
    pieces = list(pieces)
    first = pieces[0]
    if first.kind == "graph":
        return QueryResult("graph", [], [], triples=[t for piece in pieces for t in piece.triples])
    return QueryResult(first.kind, first.variables, [row for piece in pieces for row in piece.rows],
                       boolean=first.boolean)


class QueryPool:
    """Worker processes that each hold the engine open (opened in the worker, by engine name, e.g. "store"
    or "rdflib", or by a picklable zero-argument factory); run() sends a query to a free worker and waits
    for its answer at most limits.timeout seconds; a worker past its deadline is killed and replaced, so
    other queries keep being answered meanwhile. Thread-safe: several threads may call run() at once."""

    def __init__(self, engine: str | Callable[[], object] = "store", workers: int = 1, limits: Limits = Limits()):
        if isinstance(engine, str):
            if engine not in ENGINE_OPENERS:
                raise InputError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINE_OPENERS)}")
            engine = ENGINE_OPENERS[engine]
        if workers < 1:
            raise InputError(f"a query pool needs at least one worker, not {workers}")
        self.opener, self.limits = engine, limits
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def run(self, sparql: str, bindings: Mapping[str, Term] | None = None, limits: Limits | None = None) -> QueryResult:
        """The whole answer of `sparql` with `bindings` bound, within `limits` (default: the pool's); raises
        LimitError (deadline or rows), InputError (malformed or refused), KgError for a dead worker."""
        return self.run_timed(sparql, bindings, limits)[0]

    def run_timed(self, sparql: str, bindings: Mapping[str, Term] | None = None,
                  limits: Limits | None = None) -> tuple[QueryResult, float]:
        """run()'s answer and the seconds its worker took (from sending it the query to the answer's end)."""
        seconds: list[float] = []
        return collect(self.stream(sparql, bindings, limits, seconds)), seconds[0]

    def stream(self, sparql: str, bindings: Mapping[str, Term] | None = None, limits: Limits | None = None,
               seconds: list[float] | None = None) -> Iterator[QueryResult]:
        """The answer in pieces as the worker sends them (the first may be empty; all carry kind and
        variables). The deadline covers the whole iteration; the row limit fails before the piece that
        would pass it, so a caller that must not show a partial answer keeps the pieces aside until the end.
        Once the answer is whole, the seconds the worker took are appended to `seconds` when it is given."""
        limits = limits or self.limits
        try:
            worker = self._idle.get(timeout=limits.timeout)
        except queue.Empty:
            raise LimitError(f"no free query worker: {deadline_message(limits)}") from None
        if not worker.alive:  # died while idle (killed from outside): a fresh one answers instead
            self._discard(worker)
            worker = self._start()
        try:
            worker.wait_ready()
            sent = time.monotonic()
            worker.send((sparql, dict(bindings or {}), limits.max_rows))
            yield from worker.answer(sent + limits.timeout, limits)
            if seconds is not None:
                seconds.append(time.monotonic() - sent)
        except KeyboardInterrupt:
            self._discard(worker)
            raise
        finally:
            self._release(worker)

    def _start(self) -> _Worker:
        """A new worker: a fresh interpreter (fork is unsafe in a threaded server, and multiprocessing's
        spawn would re-run the caller's main script) that gets the opener over its connection."""
        from multiprocessing.connection import Pipe  # here: multiprocessing costs a lookup 15 ms to import

        parent, child = Pipe()
        # a worker that cannot even import kg says why in one line, not a traceback
        code = ("import sys\ntry:\n    from kg.sparql.worker import serve\nexcept Exception as error:\n"
                "    sys.exit(f'kg: the query worker cannot start: {type(error).__name__}: {error}')\n"
                f"serve({child.fileno()})")
        # The worker imports what this process imports: its path, and no more. Without -P, Python would put
        # the working folder first, and a folder with a kg/ of its own (a checkout, a user's folder named
        # kg) made the worker run that kg, on other data ("" in this path is the working folder: abspath).
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(os.path.abspath(p) for p in sys.path)}
        process = subprocess.Popen([sys.executable, "-P", "-c", code], pass_fds=[child.fileno()], env=environment,
                                   stdin=subprocess.DEVNULL)
        child.close()
        parent.send((self.opener, os.getpid()))
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _release(self, worker: _Worker) -> None:
        """Give the worker back, or kill it and start another when it is past its deadline, dead, or still
        sending an answer that nobody reads."""
        if self._closed or worker.discarded:
            return
        if worker.idle and worker.alive:
            self._idle.put(worker)
            return
        self._discard(worker)
        self._idle.put(self._start())

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def close(self) -> None:
        """Kill every worker; the pool answers no more queries."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Worker:
    """The parent's handle on one worker process: its connection, and whether it has opened its engine."""

    def __init__(self, process, connection):
        self.process, self.connection = process, connection
        self.ready, self.idle, self.discarded = False, True, False

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, message) -> None:
        self.idle = False
        try:
            self.connection.send(message)
        except (OSError, ValueError):
            raise self._died() from None

    def receive(self, deadline: float | None):
        """The worker's next message; None at the deadline."""
        while True:
            wait = 0.5 if deadline is None else min(0.5, deadline - time.monotonic())
            try:
                if self.connection.poll(max(wait, 0)):
                    return self.connection.recv()
            except (EOFError, OSError):
                raise self._died() from None
            if not self.alive and not self.connection.poll(0):
                raise self._died()
            if deadline is not None and time.monotonic() >= deadline:
                return None

    def wait_ready(self) -> None:
        """Wait until the worker has opened its engine (not counted in the query's deadline)."""
        if not self.ready:
            _raise_if_error(self.receive(None))
            self.ready = True

    def answer(self, deadline: float, limits: Limits) -> Iterator[QueryResult]:
        head = self.receive(deadline)
        if head is None:
            raise LimitError(deadline_message(limits))
        self.idle = head[0] != "head"
        _, kind, variables, boolean = _raise_if_error(head)
        yield QueryResult(kind, variables, [], boolean=boolean, triples=[] if kind == "graph" else None)
        while True:
            message = self.receive(deadline)
            if message is None:
                raise LimitError(deadline_message(limits))
            self.idle = message[0] != "rows"
            if _raise_if_error(message)[0] == "done":
                return
            if kind == "graph":
                yield QueryResult(kind, [], [], triples=[q.triple for q in ox.parse(
                    message[1].encode(), format=ox.RdfFormat.N_TRIPLES)])
            else:
                yield QueryResult(kind, variables, _parse_rows(variables, message[1], message[2]))

    def kill(self) -> None:
        self.discarded = True
        if self.alive:
            self.process.kill()
        self.process.wait()
        self.connection.close()

    def _died(self) -> KgError:
        try:
            code = self.process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            code = None
        return KgError(f"the query worker died (exit code {code}); the query was not answered")


def _raise_if_error(message):
    if message[0] == "error":
        raise _ERRORS.get(message[1], KgError)(message[2])
    if message[0] == "crash":
        raise RuntimeError(f"in the query worker: {message[1]}")
    return message


def _parse_rows(variables: list[str], text: str, count: int) -> list[dict]:
    if not variables:
        return [{} for _ in range(count)]
    solutions = ox.parse_query_results((tsv_header(variables) + text).encode(), format=ox.QueryResultsFormat.TSV)
    return [{name: term for name, term in zip(variables, solution) if term is not None} for solution in solutions]
