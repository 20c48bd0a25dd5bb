"""A query's answer as the table that the query page shows without JavaScript: each cell's text (an IRI by
the label in the row's `?xLabel` column, else in prefixed form) and the page it links to, if any.

At most HTML_ROWS rows are shown; the table says how many there are in all, and the page links the whole
answer as CSV, so that nothing is cut silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.sparql.results import QueryResult, display_rows

HTML_ROWS = 1000  # rows of a result shown on the page; the CSV download has them all
TRIPLE_COLUMNS = ["subject", "predicate", "object"]


@dataclass
class Cell:
    text: str
    href: str | None = None


@dataclass
class ResultTable:
    """`rows` of cells under `columns` (the first HTML_ROWS of `total`), or `boolean` for an ASK query."""

    columns: list[str]
    rows: list[list[Cell]]
    total: int
    boolean: bool | None = None


def result_table(result: QueryResult, link: Callable[[str], str | None]) -> ResultTable:
    """The table of `result` (rows, or a graph's triples), IRIs linked by `link` (IRI -> page path or None)."""
    if result.kind == "ask":
        return ResultTable([], [], 0, boolean=bool(result.boolean))
    if result.kind == "graph":
        rows = [dict(zip(TRIPLE_COLUMNS, (t.subject, t.predicate, t.object))) for t in result.triples]
        result = QueryResult("select", TRIPLE_COLUMNS, rows)
    shown = QueryResult("select", result.variables, result.rows[:HTML_ROWS])
    table = []
    for row, texts in zip(shown.rows, display_rows(shown, None)):
        cells = []
        for name in result.variables:
            term = row.get(name)
            label = row.get(name + "Label")
            if isinstance(term, ox.NamedNode):
                cells.append(Cell(label.value if label is not None else texts[name], link(term.value)))
            else:
                cells.append(Cell(texts.get(name, "")))
        table.append(cells)
    return ResultTable(list(result.variables), table, len(result.rows))
