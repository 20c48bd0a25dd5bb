"""Rendering rows (lists of dicts of strings) as an aligned table, CSV, TSV or JSON."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from collections.abc import Sequence

TABLE_FORMATS = ("table", "json", "csv")


def _width(text: str) -> int:
    """Display width: wide East Asian characters take two columns, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text
    )


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def terminal_width() -> int | None:
    """The width tables are fitted to: the terminal's (or $COLUMNS) when standard output is a terminal, else
    None (no limit), so that a table piped to a file or another program is never cut."""
    try:
        interactive = sys.stdout.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        return None
    import shutil  # with bz2 and lzma, 10 ms: only for a terminal

    return shutil.get_terminal_size((120, 24)).columns


def render_table(rows: Sequence[dict], columns: Sequence[str], max_width: int | None = None) -> str:
    """An aligned plain-text table; with `max_width` (default: terminal_width()) the widest columns are
    clipped first, with a '…', until it fits."""
    if max_width is None:
        max_width = terminal_width()
    cells = [[" ".join(("" if row.get(c) is None else str(row.get(c))).split()) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    budget = sum(widths) if max_width is None else max(max_width - 2 * (len(columns) - 1), 10 * len(columns))
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= 10:
            break
        widths[widest] -= 1

    def line(values):
        parts = []
        for value, width in zip(values, widths):
            value = _clip(value, width)
            parts.append(value + " " * (width - _width(value)))
        return "  ".join(parts).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def render_delimited(rows: Sequence[dict], columns: Sequence[str], delimiter: str = ",") -> str:
    """CSV (or TSV with delimiter '\\t') with a header row."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue().rstrip("\n")


def render(rows: Sequence[dict], columns: Sequence[str], fmt: str) -> str:
    """Rows as `fmt`: table, csv, tsv or json (a list of objects with the given columns)."""
    if fmt == "table":
        return render_table(rows, columns)
    if fmt == "csv":
        return render_delimited(rows, columns, ",")
    if fmt == "tsv":
        return render_delimited(rows, columns, "\t")
    if fmt == "json":
        return json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}")
