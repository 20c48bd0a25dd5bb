"""Time a cold `kg who-endorsed Milei` against a plain-rdflib script doing the same lookup and `python -c pass`.

Each command runs as a fresh process, N times (interleaved, after one warm-up round), and the medians
are compared. The plain-rdflib script parses every file of the dataset into one rdflib Graph and runs one
SPARQL query for Milei's endorsers, which is what a lookup without kg's store would cost.

    python bench/bench_lookup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

PLAIN_RDFLIB = """
import rdflib
from kg.resources import input_files
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


def commands() -> dict[str, list[str]]:
    kg = str(Path(sys.executable).with_name("kg"))
    return {
        "kg who-endorsed Milei": [kg, "who-endorsed", "Milei"],
        "plain rdflib (parse + 1 query)": [sys.executable, "-c", PLAIN_RDFLIB],
        "python -c pass": [sys.executable, "-c", "pass"],
    }


def run_once(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or "Bullrich" not in done.stdout and "pass" not in command:
        raise SystemExit(f"{command[:2]} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command (default 21)")
    args = parser.parse_args()
    todo = commands()
    times: dict[str, list[float]] = {name: [] for name in todo}
    for name, command in todo.items():
        run_once(command)  # warm-up: file system cache, .pyc files
    for _ in range(args.runs):
        for name, command in todo.items():
            times[name].append(run_once(command))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    lookup, plain, bare = (medians[name] for name in todo)
    print(f"{args.runs} cold runs each, medians:\n")
    print("| command | median (ms) | min (ms) |")
    print("|---|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {medians[name]:.0f} | {min(values) * 1000:.0f} |")
    print(f"\nplain rdflib / kg who-endorsed: {plain / lookup:.1f}x")
    print(f"kg who-endorsed - python -c pass: {lookup - bare:.0f} ms of kg's own work")
    print(f"targets: median <= 100 ms: {'met' if lookup <= 100 else 'NOT met'}; "
          f">= 4x faster than plain rdflib: {'met' if plain / lookup >= 4 else 'NOT met'}")


if __name__ == "__main__":
    main()
