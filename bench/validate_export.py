"""Time `kg validate` and `kg export` for each format, as a user runs them: a fresh process each time.

Usage: python bench/validate_export.py [--runs N]   (prints a Markdown table; the README keeps the last one)

Wall-clock time depends on what else the machine runs; CPU time (user + system of the process) much less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from kg.rdf.export import FORMATS

COMMANDS = [["validate"]] + [["export", "--format", fmt] for fmt in FORMATS]


def timings(args: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds taken by `kg ARGS` in each of `runs` fresh processes."""
    wall, cpu = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *args],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
        after = os.times()
        cpu.append(after.children_user - before.children_user + after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    runs = parser.parse_args().runs
    print(f"{runs} runs each, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start.\n")
    print("| command | wall median (s) | wall min (s) | CPU median (s) |")
    print("|---|---|---|---|")
    for args in COMMANDS:
        wall, cpu = timings(args, runs)
        print(f"| `kg {' '.join(args)}` | {statistics.median(wall):.2f} | {min(wall):.2f} | {statistics.median(cpu):.2f} |")


if __name__ == "__main__":
    main()
