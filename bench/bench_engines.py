"""The engines benchmark: the same kg commands on the embedded store, an Oxigraph server and Virtuoso.

In one run, for the shipped graph alone and with bench/replica.py's copies of it added (`--size`, 1m by
default: about a million quads), on each engine:

* embedded: kg's pyoxigraph store (the data in KG_DATA, built before timing);
* oxigraph: `oxigraph serve` from the `oxigraph` PyPI package, and virtuoso: Debian's `virtuoso-t`, each
  started on a free loopback port with a fresh database by tests/servers.py, loaded with `kg publish
  --store`, and queried with `--endpoint` (the name index made by a first call, as any user's first lookup
  makes it);

it times whole processes, as a user types them (median of --runs): `kg who-endorsed "Javier Milei"`, `kg show
"Javier Milei"`, `kg query tickets` and `kg viz --focus "Javier Milei"`. The yardstick, in the same run, is
the engine alone: the lookup's SPARQL (`endorsements_received` for Milei) sent with httpx to each server, and
run by pyoxigraph on kg's store, in one warm process (median ms). Publishing times are printed too.
kg runs as users install it: `pip install .` into a new venv in the work folder (bench/installed.py;
--venv reuses one).

    python bench/bench_engines.py [--size 1m|100k|none] [--runs 5] [--servers oxigraph,virtuoso] [--workdir DIR]
                                  [--venv DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import installed  # noqa: E402
import replica  # noqa: E402
from bench_scale import machine_note, run  # noqa: E402
from bench_web import median_ms  # noqa: E402
from servers import oxigraph_server, virtuoso_server  # noqa: E402

MILEI = "https://w3id.org/argentina2023/id/javier-milei"
COMMANDS = {
    "who-endorsed": ["who-endorsed", "Javier Milei"],
    "show": ["show", "Javier Milei"],
    "query tickets": ["query", "tickets"],
    "viz --focus": ["viz", "--focus", "Javier Milei", "-o", "{out}/focus.html"],
}
SERVERS = {"oxigraph": lambda folder: oxigraph_server(folder, union_default_graph=True), "virtuoso": virtuoso_server}
YARDSTICK_RUNS = 20


def lookup_query() -> str:
    """The who-endorsed lookup's SPARQL for Milei, as one text (the yardstick's query)."""
    from kg.sparql.catalogue import get_query

    text = get_query("endorsements_received").text
    where = text.index("WHERE {") + len("WHERE {")
    return f"{text[:where]}\n  VALUES ?actor {{ <{MILEI}> }}{text[where:]}"


def raw_store_ms(bin_dir: Path, env: dict) -> float:
    """The lookup's SPARQL on kg's built store by pyoxigraph alone, in a process of its own (warm, ms)."""
    code = ("import sys, statistics, time, pyoxigraph as ox\n"
            "from kg.store.cache import open_store_folder\n"
            "store, _ = open_store_folder()\n"
            "text = sys.stdin.read()\n"
            "def call(): return list(store.query(text, use_default_graph_as_union=True))\n"
            "call(); samples = []\n"
            f"for _ in range({YARDSTICK_RUNS}):\n"
            "    start = time.perf_counter(); call(); samples.append((time.perf_counter() - start) * 1000)\n"
            "print(statistics.median(samples))\n")
    result = subprocess.run([str(bin_dir / "python"), "-c", code], input=lookup_query(), env=env, capture_output=True,
                            text=True, check=True)
    return float(result.stdout.strip())


def raw_server_ms(server) -> float:
    """The lookup's SPARQL posted to the server with httpx, in this process (warm, ms)."""
    import httpx

    with httpx.Client(timeout=60) as client:
        def call():
            response = client.post(server.query_url, data={"query": lookup_query()},
                                   headers={"Accept": "application/sparql-results+json"})
            response.raise_for_status()
        return median_ms(call, YARDSTICK_RUNS)


def time_commands(kg: str, env: dict, extra: list[str], runs: int, out: Path) -> dict:
    """Median whole-process ms of each command, after one untimed call (the name index); None for a command
    that stops at the server's row limit (exit 3: Virtuoso's ResultSetMaxRows, 10,000 in its default ini)."""
    figures = {}
    for name, arguments in COMMANDS.items():
        command = [kg, *[a.format(out=out) for a in arguments], *extra]
        if run(command, env, answers=(0, 3)).code == 3:
            figures[name] = None
            continue
        figures[name] = statistics.median(run(command, env).seconds for _ in range(runs)) * 1000
    return figures


def measure(size: str, workdir: Path, runs: int, bin_dir: Path, servers: list[str]) -> list[dict]:
    """One row per engine for the shipped graph plus `size` of replica ("" for the shipped graph alone)."""
    data = [str(replica.dataset(size, workdir))] if size else []
    label = f"shipped + replica {size}" if size else "shipped graph"
    env = dict(installed.ENV, KG_DATA=os.pathsep.join(data), KG_CACHE=str(workdir / f"cache-engines-{size or 0}"),
               COLUMNS="200")
    env.pop("KG_ENDPOINT", None)
    kg = str(bin_dir / "kg")
    built = run([kg, "build", "--force"], env).output
    triples = next(line for line in built.splitlines() if "triples" in line)
    rows = []
    with tempfile.TemporaryDirectory(dir=workdir) as out:
        rows.append({"data": label, "engine": "embedded", "raw": raw_store_ms(bin_dir, env), "build": triples,
                     **time_commands(kg, env, ["--engine", "store"], runs, Path(out))})
        for name in servers:
            start = SERVERS[name]
            with ExitStack() as stack:
                server = stack.enter_context(start(Path(stack.enter_context(tempfile.TemporaryDirectory(dir=workdir)))))
                publish_env = dict(env, **server.credentials())
                started = time.perf_counter()
                published = run([kg, "publish", "--store", server.store_url], publish_env)
                publish_s = time.perf_counter() - started
                rows.append({"data": label, "engine": name, "raw": raw_server_ms(server),
                             "build": f"publish {publish_s:.1f} s: {published.output.strip().splitlines()[-1]}",
                             **time_commands(kg, publish_env, ["--endpoint", server.query_url], runs, Path(out))})
            print(f"{label}, {name}: done", file=sys.stderr)
    return rows


def table(rows: list[dict]) -> str:
    out = ["| data | engine | " + " | ".join(f"cold {name}" for name in COMMANDS) +
           " | yardstick: the lookup's SPARQL alone (warm) |",
           "|---|---|" + "---:|" * (len(COMMANDS) + 1)]
    for r in rows:
        cells = " | ".join("row limit (exit 3)" if r[name] is None else f"{r[name]:,.0f}" for name in COMMANDS)
        out.append(f"| {r['data']} | {r['engine']} | {cells} | {r['raw']:.1f} |")
    out += ["", "Times in ms, medians of whole `kg` processes (the yardstick: of the query alone, in a warm "
            "process: pyoxigraph on kg's store, httpx to each server).", ""]
    out += [f"* {r['data']}, {r['engine']}: {r['build']}" for r in rows]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1m", help="replica quads added for the second row: 100k, 1m, 3m, none")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--venv", type=Path, help="a venv with kg installed (default: install into a new one)")
    parser.add_argument("--servers", default=",".join(SERVERS), help="of: " + ", ".join(SERVERS))
    args = parser.parse_args(argv)
    servers = [name for name in args.servers.split(",") if name]
    if unknown := sorted(set(servers) - set(SERVERS)):
        parser.error(f"unknown server {', '.join(unknown)}: choose from {', '.join(SERVERS)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    bin_dir = installed.scripts(args.venv, args.workdir)
    load_before = os.getloadavg()
    rows = measure("", args.workdir, args.runs, bin_dir, servers)
    if args.size.lower() != "none":
        rows += measure(args.size.lower(), args.workdir, args.runs, bin_dir, servers)
    print(table(rows))
    print(machine_note(load_before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
