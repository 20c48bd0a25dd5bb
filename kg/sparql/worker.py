"""A query worker's side of kg.sparql.limits: open the engine, then answer queries, each in batches of
rows (SPARQL TSV results text) or triples (N-Triples), until the parent process goes."""

from __future__ import annotations

import os
import signal
import threading
import time
from multiprocessing.connection import Connection

from kg.errors import KgError
from kg.sparql.limits import batches_within, error_name
from kg.sparql.results import tsv_lines


def serve(fd: int) -> None:
    """A worker's life (QueryPool starts it): open the engine, then answer queries until the parent goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    connection = Connection(fd)
    try:
        opener, parent_pid = connection.recv()
    except EOFError:
        return
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    try:
        engine = opener()
        connection.send(("ready",))
        while True:
            try:
                sparql, bindings, max_rows = connection.recv()
            except EOFError:
                return
            try:
                _answer(connection, engine, sparql, bindings, max_rows)
            except KgError as error:
                connection.send(("error", error_name(error), str(error)))
            except Exception as error:  # a bug: the parent reports it as an internal error
                connection.send(("crash", f"{type(error).__name__}: {error}"))
    except KgError as error:
        connection.send(("error", error_name(error), str(error)))
    except (EOFError, BrokenPipeError):
        pass


def _answer(connection, engine, sparql: str, bindings: dict, max_rows: int | None) -> None:
    solutions = engine.execute(sparql, bindings)
    items = solutions.triples if solutions.kind == "graph" else solutions.rows
    connection.send(("head", solutions.kind, solutions.variables, solutions.boolean))
    for batch in batches_within(items, max_rows):
        if solutions.kind == "graph":
            connection.send(("rows", "".join(f"{triple} .\n" for triple in batch), len(batch)))
        else:
            connection.send(("rows", tsv_lines(solutions.variables, batch), len(batch)))
    connection.send(("done",))


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)

