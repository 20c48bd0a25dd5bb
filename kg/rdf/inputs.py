"""Where the dataset's files live: the shipped ontology, data and queries (installed or in a checkout),
the user's KG_DATA files, the source texts, and the named graph each file's triples go to."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError, shorten
from kg.rdf.namespaces import GRAPH_NS

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the kg package

def resource_dir(name: str) -> Path:
    """The folder `ontology`, `data` or `queries`: inside the installed package, else beside it."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's {name}/ folder is missing from {_PACKAGE_DIR}")


def shipped_files() -> list[Path]:
    """The ontology and data files that make up the shipped graph, in a fixed order."""
    files: list[Path] = []
    for name in ("ontology", "data"):
        files.extend(sorted(p for p in resource_dir(name).iterdir() if p.suffix == ".ttl" and p.name != "shapes.ttl"))
    return files


def shapes_file() -> Path:
    """The SHACL shapes used by `kg validate`."""
    return resource_dir("ontology") / "shapes.ttl"


def extra_files() -> list[Path]:
    """The user's extra RDF files named in KG_DATA (paths separated by ':'), in the given order."""
    value = os.environ.get("KG_DATA", "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def input_files() -> list[Path]:
    """Every file of the dataset: the shipped ones, then KG_DATA's; each file once, however often and
    however spelt (`a.ttl`, `./a.ttl`, a symbolic link) it is named."""
    files: dict[Path, Path] = {}
    for path in shipped_files() + extra_files():
        files.setdefault(path.resolve(), path)
    return list(files.values())


def graph_name(path: Path) -> str:
    """The named graph a file's triples go to: shipped files by stem, extra files by file: URI."""
    path = Path(path)
    resolved = path.resolve()
    if resolved.parent in _shipped_folders():
        return GRAPH_NS + path.stem
    return resolved.as_uri()


@lru_cache(maxsize=1)
def _shipped_folders() -> frozenset[Path]:
    """The resolved ontology/ and data/ folders that exist (read once: every lookup names every input file)."""
    folders = set()
    for name in ("ontology", "data"):
        try:
            folders.add(resource_dir(name).resolve())
        except FileNotFoundError:
            pass
    return frozenset(folders)


def seeds_dir() -> Path | None:
    """The folder of the source texts: $KG_SEEDS, else ../shared/seeds beside the project or the working folder.

    None when there is none; InputError when KG_SEEDS names no folder.
    """
    value = os.environ.get("KG_SEEDS", "").strip()
    if value:
        folder = Path(value).expanduser()
        if not folder.is_dir():
            raise InputError(f"KG_SEEDS={shorten(value)}: no such folder")
        return folder
    project = _PACKAGE_DIR.parent
    for base in (project, Path.cwd()):
        folder = base.parent / "shared" / "seeds"
        if folder.is_dir():
            return folder
    return None
