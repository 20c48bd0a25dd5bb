"""Time a cold `kg who-endorsed Milei` against a plain-rdflib script doing the same lookup, and `python -c pass`.

Each command runs as a fresh process, N times (interleaved, after one warm-up round); the medians of wall
time and of CPU time (user + system, steadier on a busy machine) are compared. The plain-rdflib script
parses every file of the dataset into one rdflib Graph and runs one SPARQL query for Milei's endorsers,
which is what a lookup without kg's store would cost.

    python bench/bench_lookup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

PLAIN_RDFLIB = """
import rdflib
from kg.rdf.inputs import input_files
graph = rdflib.Graph()
for path in input_files():
    graph.parse(path, format="turtle")
rows = graph.query('''
    PREFIX kgo: <https://w3id.org/argentina2023/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?name WHERE {
      ?milei rdfs:label "Javier Milei"@en .
      ?endorser kgo:endorses ?milei ; rdfs:label ?name FILTER(LANG(?name) = "en")
    } ORDER BY ?name''')
print("\\n".join(str(row.name) for row in rows))
"""


# Installed packages run from compiled bytecode; a PYTHONDONTWRITEBYTECODE left in the environment would
# make every run recompile kg's modules, which no installed kg does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def commands() -> dict[str, list[str]]:
    return {
        # what the `kg` console script runs
        "kg who-endorsed Milei": [sys.executable, "-c", "from kg.cli import main; main()", "who-endorsed", "Milei"],
        "plain rdflib (parse + 1 query)": [sys.executable, "-c", PLAIN_RDFLIB],
        "python -c pass": [sys.executable, "-c", "pass"],
    }


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "Bullrich" not in done.stdout and "pass" not in command:
        raise SystemExit(f"{command[:2]} failed:\n{done.stdout}{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command (default 21)")
    args = parser.parse_args()
    todo = commands()
    walls: dict[str, list[float]] = {name: [] for name in todo}
    cpus: dict[str, list[float]] = {name: [] for name in todo}
    for command in todo.values():
        run_once(command)  # warm-up: file system cache, .pyc files, the store built if missing
    for _ in range(args.runs):
        for name, command in todo.items():
            wall, cpu = run_once(command)
            walls[name].append(wall * 1000)
            cpus[name].append(cpu * 1000)
    wall = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    lookup, plain, bare = todo
    load = os.getloadavg()[0]
    print(f"{args.runs} cold runs of each, interleaved; {os.cpu_count()} CPUs, load average {load:.1f}.\n")
    print("| command | wall median (ms) | wall min (ms) | CPU median (ms) |")
    print("|---|---:|---:|---:|")
    for name in todo:
        print(f"| {name} | {wall[name]:.0f} | {min(walls[name]):.0f} | {cpu[name]:.0f} |")
    print(f"\nplain rdflib / kg who-endorsed: {wall[plain] / wall[lookup]:.1f}x wall, "
          f"{cpu[plain] / cpu[lookup]:.1f}x CPU")
    print(f"kg who-endorsed beyond python -c pass: {wall[lookup] - wall[bare]:.0f} ms wall")
    met = wall[lookup] <= 100 and wall[plain] / wall[lookup] >= 4
    print(f"target (median <= 100 ms, >= 4x faster than plain rdflib): {'met' if met else 'not met'}")


if __name__ == "__main__":
    main()
