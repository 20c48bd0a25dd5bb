"""Real SPARQL servers for tests: Oxigraph and Virtuoso, started on free loopback ports with their data
in a test's temporary folder, and always stopped afterwards.

    with oxigraph_server(tmp_path) as server:
        httpx.post(server.query_url, data={"query": "ASK {}"}, timeout=5)

Both context managers call pytest.skip when the server's binary is not installed, and only then. They
bind to 127.0.0.1 only, wait a bounded time for the server to answer, and stop it with SIGTERM, then
SIGKILL, even when the test body raises. docs/servers.md describes what each server does.

This module must not import kg: the endpoint engine's tests use it while kg itself is being reorganised.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

HOST = "127.0.0.1"
OXIGRAPH_START_TIMEOUT = 20.0  # seconds; it answers in well under a second
VIRTUOSO_START_TIMEOUT = 90.0  # seconds; a fresh database takes ~5 s on an idle machine, more on a busy one
STOP_TIMEOUT = 15.0  # seconds between SIGTERM and SIGKILL

# Values written into the test virtuoso.ini; tests assert against them.
VIRTUOSO_RESULT_SET_MAX_ROWS = 10000
VIRTUOSO_MAX_QUERY_EXECUTION_TIME = 5  # seconds; short so that a test can reach it
VIRTUOSO_MAX_QUERY_COST_ESTIMATION_TIME = 100  # seconds (the estimate, not the real time)
VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # the password of a freshly created database


class Listener:
    """A loopback TCP listener that records the first request it receives and closes without answering."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind((HOST, 0))
        self.sock.listen(1)
        self.sock.settimeout(8)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(3)
            try:
                while b"\r\n\r\n" not in self.received:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    self.received += chunk
            except OSError:
                pass

    def close(self):
        self.sock.close()
        self.thread.join(10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def find_binary(name: str) -> str | None:
    """`name` on PATH, else beside the running Python (a venv's bin/ is often not on PATH)."""
    found = shutil.which(name)
    if found:
        return found
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() and os.access(beside, os.X_OK) else None


def require_binary(name: str, hint: str) -> str:
    binary = find_binary(name)
    if binary is None:
        pytest.skip(f"{name} is not installed ({hint})")
    return binary


@dataclass
class Server:
    """A running server. URLs are absolute; `auth` is (user, password) for the authenticated endpoints."""

    name: str
    process: subprocess.Popen
    base_url: str
    query_url: str
    update_url: str
    store_url: str
    data_dir: Path
    log_path: Path
    port: int
    startup_seconds: float = 0.0
    auth: tuple[str, str] | None = None
    sql_port: int | None = None
    command: list[str] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def digest_auth(self) -> httpx.DigestAuth | None:
        return httpx.DigestAuth(*self.auth) if self.auth else None

    def credentials(self) -> dict[str, str]:
        """The environment that gives kg this server's user and password ({} when it needs none)."""
        user, password = self.auth or ("", "")
        return {"KG_ENDPOINT_USER": user, "KG_ENDPOINT_PASSWORD": password} if self.auth else {}

    def rss_kib(self) -> int | None:
        """Resident memory of the server process in KiB (Linux /proc), None when it is gone."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def running(self) -> bool:
        return self.process.poll() is None


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL it when the test process dies, even by SIGKILL (Linux prctl)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _start(command: list[str], log_path: Path, cwd: Path) -> subprocess.Popen:
    log = open(log_path, "ab")
    try:
        # A session of its own: stop() signals the whole group, so no helper process outlives the test.
        return subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    finally:
        log.close()  # the child keeps its own descriptor


def listening_addresses(pid: int) -> set[tuple[str, int]]:
    """The (IPv4 address, port) pairs process `pid` listens on over TCP, from Linux /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = set()
    for table in ("tcp", "tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    address, port = fields[1].split(":")
                    if len(address) == 8:
                        host = socket.inet_ntoa(bytes.fromhex(address)[::-1])
                    else:
                        host = socket.inet_ntop(socket.AF_INET6, b"".join(
                            bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, 32, 8)))
                    found.add((host, int(port, 16)))
    return found


def stop(process: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the process group, wait up to `timeout` s, then SIGKILL it; reaps the child."""
    if process.poll() is not None:
        return

    def signal_group(sig):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass

    signal_group(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        signal_group(signal.SIGKILL)
        process.wait(timeout)


class ServerExited(RuntimeError):
    """The server process ended before it answered (a taken port, a bad configuration)."""


START_ATTEMPTS = 3  # free_port() can race with another process taking the port before the server binds it


@contextlib.contextmanager
def _serve(launch, deadline_s: float):
    """Runs `launch()` -> Server until its query URL answers, retrying with fresh ports when the process
    exits early; yields the Server and stops it afterwards, whatever happens."""
    for attempt in range(1, START_ATTEMPTS + 1):
        server = launch()
        try:
            _wait_until_answers(server, lambda: _ask_answers(server.query_url), deadline_s)
            break
        except ServerExited:
            stop(server.process)
            if attempt == START_ATTEMPTS:
                raise
        except BaseException:
            stop(server.process)
            raise
    try:
        yield server
    finally:
        stop(server.process)


def _wait_until_answers(server: Server, probe, deadline_s: float) -> None:
    """Polls `probe()` (True when the server answers) until it does, the process dies, or the deadline."""
    started = time.monotonic()
    last_error = None
    while time.monotonic() - started < deadline_s:
        if not server.running():
            raise ServerExited(
                f"{server.name} exited with code {server.process.returncode} before answering; log:\n{server.log_tail()}"
            )
        try:
            if probe():
                server.startup_seconds = time.monotonic() - started
                return
        except httpx.HTTPError as error:  # refused, reset or timed out while the server boots
            last_error = error
        time.sleep(0.1)
    raise TimeoutError(
        f"{server.name} did not answer within {deadline_s:.0f} s (last error: {last_error!r}); log:\n{server.log_tail()}"
    )


def _ask_answers(url: str) -> bool:
    response = httpx.get(url, params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"},
                         timeout=2.0)
    return response.status_code == 200


@contextlib.contextmanager
def oxigraph_server(
    tmp_path: Path,
    read_only: bool = False,
    union_default_graph: bool = False,
    timeout_s: int | None = None,
    load: list[tuple[Path, str | None]] = (),
):
    """An `oxigraph serve` (or `serve-read-only`) with its store in tmp_path/oxigraph.

    `load` is a list of (file, graph IRI or None for the default graph) put into the store with
    `oxigraph load` before the server starts: the only way to give a read-only server data.
    `union_default_graph` passes `--union-default-graph`; `timeout_s` passes `--timeout-s`.
    """
    binary = require_binary("oxigraph", "pip install oxigraph")
    location = Path(tmp_path) / "oxigraph"
    log_path = Path(tmp_path) / "oxigraph.log"
    location.mkdir(parents=True, exist_ok=True)
    for file, graph in load:
        command = [binary, "load", "--location", str(location), "--file", str(file)]
        if graph:
            command += ["--graph", graph]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def launch():
        port = free_port()
        command = [binary, "serve-read-only" if read_only else "serve", "--location", str(location),
                   "--bind", f"{HOST}:{port}"]
        if union_default_graph:
            command.append("--union-default-graph")
        if timeout_s is not None:
            command += ["--timeout-s", str(timeout_s)]
        base = f"http://{HOST}:{port}"
        process = _start(command, log_path, cwd=Path(tmp_path))
        return Server(name="oxigraph", process=process, base_url=base, query_url=f"{base}/query",
                      update_url=f"{base}/update", store_url=f"{base}/store", data_dir=location,
                      log_path=log_path, port=port, command=command)

    with _serve(launch, OXIGRAPH_START_TIMEOUT) as server:
        yield server


VIRTUOSO_INI = """\
; Written by tests/servers.py for one test server: loopback ports, files in the test's folder, small memory.
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = {host}:{sql_port}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 0
CaseMode                 = 2
DirsAllowed              = ., {dir}
NumberOfBuffers          = 2000
MaxDirtyBuffers          = 1500
MaxQueryMem              = 100M
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 4

[HTTPServer]
ServerPort               = {host}:{http_port}
ServerRoot               = {dir}/vsp
MaxClientConnections     = 8
ServerThreads            = 8
MaxKeepAlives            = 8
KeepAliveTimeout         = 10
EnabledDavVSP            = 0
Charset                  = UTF-8

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryExecutionTime      = {max_exec}
MaxQueryCostEstimationTime = {max_cost}
"""


@contextlib.contextmanager
def virtuoso_server(tmp_path: Path):
    """A `virtuoso-t +foreground` with a fresh database and a virtuoso.ini of its own in tmp_path/virtuoso.

    The yielded Server has query_url /sparql (anonymous, read-only), update_url /sparql-auth and
    store_url /sparql-graph-crud-auth (both digest auth as dba/dba; `server.digest_auth()`), and
    sql_port for isql.
    """
    binary = require_binary("virtuoso-t", "apt-get install virtuoso-opensource")
    directory = Path(tmp_path) / "virtuoso"

    def launch():
        if directory.exists():  # a failed attempt's half-made database
            shutil.rmtree(directory)
        (directory / "vsp").mkdir(parents=True)
        sql_port, http_port = free_port(), free_port()
        while http_port == sql_port:
            http_port = free_port()
        ini = directory / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(
            dir=directory, host=HOST, sql_port=sql_port, http_port=http_port,
            max_rows=VIRTUOSO_RESULT_SET_MAX_ROWS, max_exec=VIRTUOSO_MAX_QUERY_EXECUTION_TIME,
            max_cost=VIRTUOSO_MAX_QUERY_COST_ESTIMATION_TIME,
        ))
        command = [binary, "+configfile", str(ini), "+foreground"]
        base = f"http://{HOST}:{http_port}"
        log_path = directory / "stdout.log"
        process = _start(command, log_path, cwd=directory)
        return Server(name="virtuoso", process=process, base_url=base, query_url=f"{base}/sparql",
                      update_url=f"{base}/sparql-auth", store_url=f"{base}/sparql-graph-crud-auth",
                      data_dir=directory, log_path=log_path, port=http_port,
                      auth=(VIRTUOSO_USER, VIRTUOSO_PASSWORD), sql_port=sql_port, command=command)

    with _serve(launch, VIRTUOSO_START_TIMEOUT) as server:
        yield server


def isql(server: Server, sql: str, timeout: float = 30.0) -> subprocess.CompletedProcess:
    """Runs `sql` through Debian's isql-vt (or isql) on the server's SQL port as dba; skips without isql."""
    binary = find_binary("isql-vt")  # not unixODBC's isql, which takes other arguments
    if binary is None:
        pytest.skip("isql-vt is not installed (apt-get install virtuoso-opensource)")
    user, password = server.auth
    return subprocess.run([binary, f"{HOST}:{server.sql_port}", user, password, f"exec={sql}"],
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


KG_START_TIMEOUT = 90.0  # seconds; the first start of a test session also builds the store


# `kg serve`'s app under uvicorn with the event loop and HTTP parser given as argv[1] and argv[2] (for the
# benchmark's comparison of uvicorn's pure-Python defaults); then --port, --timeout, --workers.
KG_APP_UNDER_UVICORN = """import sys, uvicorn
from kg.web.app import ServeConfig, create_app
port, timeout, workers = (sys.argv[sys.argv.index(name) + 1] for name in ("--port", "--timeout", "--workers"))
config = ServeConfig(timeout=float(timeout), workers=int(workers))
uvicorn.run(create_app(config), host="127.0.0.1", port=int(port), loop=sys.argv[1], http=sys.argv[2],
            log_level="warning")
"""


@contextlib.contextmanager
def kg_server(tmp_path: Path, *options: str, loop_and_http: tuple[str, str] | None = None):
    """A `kg serve OPTIONS` (the `kg` script beside the running Python) on a free loopback port; with
    `loop_and_http` (such as ("asyncio", "h11")), its app under uvicorn with that loop and HTTP parser,
    given --timeout and --workers.

    It inherits the environment (KG_CACHE, KG_DATA); the yielded Server's query_url is /sparql.
    """
    binary = require_binary("kg", "pip install -e .")
    log_path = Path(tmp_path) / "kg-serve.log"

    def launch():
        port = free_port()
        command = [binary, "serve", "--port", str(port), *options]
        if loop_and_http:
            command = [sys.executable, "-c", KG_APP_UNDER_UVICORN, *loop_and_http, "--port", str(port), *options]
        base = f"http://{HOST}:{port}"
        process = _start(command, log_path, cwd=Path(tmp_path))
        return Server(name="kg serve", process=process, base_url=base, query_url=f"{base}/sparql",
                      update_url=f"{base}/sparql", store_url="", data_dir=Path(tmp_path), log_path=log_path,
                      port=port, command=command)

    with _serve(launch, KG_START_TIMEOUT) as server:
        yield server
