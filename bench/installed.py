"""kg installed as users install it, for the benchmarks: `pip install .` (not editable) into a fresh venv.

An editable install runs kg from the source tree through an import hook (about 10 ms more at each start)
and, where PYTHONDONTWRITEBYTECODE is set, recompiles kg's modules at every run; an installed kg runs from
the bytecode pip compiled. pip takes kg's dependencies from wherever pip is configured to look (a local
registry or wheel folder works offline). The same command by hand:

    python3 -m venv /tmp/kg-installed && /tmp/kg-installed/bin/pip install .
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1]
# Installed packages run from compiled bytecode: never recompile them at each run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def install(folder: Path) -> Path:
    """A new venv in `folder` with kg installed from this checkout; returns the folder of its scripts."""
    folder = Path(folder)
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    bin_dir = folder / "bin"
    done = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(SOURCE)],
                          capture_output=True, text=True, env=ENV)
    if done.returncode != 0:
        raise SystemExit(f"pip install {SOURCE} failed:\n{done.stdout}{done.stderr}")
    return bin_dir


def scripts(folder: Path | None, workdir: Path) -> Path:
    """The scripts folder of an installed kg: `folder`'s when given (a venv made by install), else a new
    venv under `workdir`."""
    if folder is not None:
        return Path(folder) / "bin"
    print(f"installing kg into {workdir / 'venv'} (pip install .) ...", file=sys.stderr, flush=True)
    return install(workdir / "venv")
