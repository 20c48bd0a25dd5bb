"""The library of named SPARQL queries in queries/*.rq.

Each file opens with comment headers: `#+ summary: ...` (one line, required) and `#+ param: name` for each
parameter the query expects bound (which it must also project, see kg.sparql.oxigraph_engine). A file is
read once per process and kept while its size and modification time stay the same (a page of `kg serve`
runs a dozen named queries; reading each file every time was a sixth of an actor page's time).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.rdf.inputs import resource_dir
from kg.sparql.oxigraph_engine import with_values


class NamedQuery(NamedTuple):
    name: str
    path: Path
    summary: str
    params: tuple[str, ...] = ()
    text: str = ""

    @property
    def is_check(self) -> bool:
        """Check queries must return no rows; `kg validate` runs them."""
        return self.name.startswith("check_")


def parse_headers(path: Path) -> NamedQuery:
    """A NamedQuery from a .rq file's `#+` header lines, and its text."""
    status = path.stat()
    return _parsed(path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=1024)
def _parsed(path: Path, mtime_ns: int, size: int) -> NamedQuery:
    text = path.read_text(encoding="utf-8-sig")
    summary = ""
    params: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("#+ ").partition(":")
        if line.startswith("#+") and key.strip() == "summary":
            summary = value.strip()
        elif line.startswith("#+") and key.strip() == "param":
            params.append(value.strip())
    return NamedQuery(path.stem, path, summary, tuple(params), text)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name, in name order."""
    return {p.stem: parse_headers(p) for p in sorted(resource_dir("queries").glob("*.rq"))}


def get_query(name: str) -> NamedQuery:
    """The named query `name`; NotFoundError lists the names when there is none."""
    path = resource_dir("queries") / f"{name}.rq"
    if name.isidentifier() and path.is_file():  # one file, not the whole folder
        return parse_headers(path)
    queries = named_queries()
    if name not in queries:
        raise NotFoundError(f"no named query {name!r}; known: {', '.join(q for q in queries if not q.startswith('check_'))}")
    return queries[name]


def select_for(engine, query: str, variable: str, iris: Iterable[str]) -> list[dict]:
    """The rows of the named query `query` with `variable` bound to each of `iris` (none: no rows)."""
    iris = sorted(set(iris))
    if not iris:
        return []
    bind = getattr(engine, "with_iris", with_values)  # an endpoint engine knows its server's way
    return engine.select(bind(get_query(query).text, {variable: [ox.NamedNode(iri) for iri in iris]}))
