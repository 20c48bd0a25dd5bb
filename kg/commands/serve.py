"""`kg serve`: the SPARQL endpoint, the Linked Data IRIs and the HTML pages over HTTP."""

from __future__ import annotations

import logging
import socket
import threading
import webbrowser

import click

from kg.commands.common import engine_option
from kg.errors import InputError
from kg.rdf.namespaces import shorten
from kg.sparql.endpoint_spec import EndpointSpec
from kg.store.engines import open_engine
from kg.web.app import ServeConfig, create_app


@click.command(short_help="Serve the SPARQL endpoint, the Linked Data IRIs and the pages over HTTP.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this machine can connect unless you give another one.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 3600),
              metavar="SECONDS", help="Wall-clock deadline of each query; a query past it is stopped (HTTP 503).")
@click.option("--max-rows", type=click.IntRange(1), metavar="N",
              help="Refuse (HTTP 400) a result of more than N rows or triples, never cut it. Default: no limit.")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 32),
              help="Worker processes that run queries (each holds the store open).")
@click.option("--cors", is_flag=True, help="Let pages of any origin query the endpoint (CORS, no credentials).")
@click.option("--open", "open_browser", is_flag=True, help="Open the home page in the browser once serving.")
@engine_option
def serve(host, port, timeout, max_rows, workers, cors, open_browser, engine):
    """Serve the graph over HTTP: the SPARQL 1.1 endpoint at /sparql, every resource IRI under /id/ (HTML
    for browsers, Turtle, N-Triples, JSON-LD or RDF/XML by Accept) and the HTML pages.

    The endpoint is read-only and offline (SERVICE, FROM and updates get HTTP 400), and every query has a
    wall-clock deadline. One line per request is logged on standard error. Stop with Ctrl-C.
    """
    import uvicorn

    backend = open_engine(engine)  # builds the store now, so that bad data is a one-line error before serving
    if isinstance(engine, EndpointSpec):
        backend.graphs  # reaches the endpoint and reads its manifest: an unusable endpoint fails here
    config = ServeConfig(host=host, port=port, timeout=timeout, max_rows=max_rows, cors=cors, workers=workers,
                         engine="memory" if engine == "store" else engine)
    listening = _bind(host, port)
    port = listening.getsockname()[1]
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    click.echo(f"Serving {url} (SPARQL endpoint: {url}sparql); Ctrl-C stops", err=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    server = uvicorn.Server(uvicorn.Config(create_app(config), access_log=False, log_level="warning", lifespan="on"))
    server.run(sockets=[listening])


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, so that a taken port or a bad address is a one-line error (exit 2)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listening = socket.socket(family, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it. asyncio sets it only on sockets it opens itself; without it a
        # keep-alive client waits ~40 ms per answer (Nagle's algorithm against delayed ACKs).
        listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        listening.bind((host, port))
        listening.listen(2048)
    except OSError as error:
        raise InputError(f"cannot listen on {shorten(host)} port {port}: {error.strerror or error}") from None
    return listening
