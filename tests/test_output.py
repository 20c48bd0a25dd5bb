"""Rendering rows as tables, CSV and JSON."""

import sys

from conftest import invoke

from kg.output.tables import render, render_table


def test_table_shows_zero_and_false_but_not_none():
    table = render([{"name": "Milei", "won": 0, "flag": False, "none": None}], ["name", "won", "flag", "none"], "table")
    last = table.splitlines()[-1]
    assert last.split() == ["Milei", "0", "False"]


def test_csv_and_json_keep_column_order():
    rows = [{"b": 2, "a": "x"}]
    assert render(rows, ["a", "b"], "csv") == "a,b\nx,2"
    assert render(rows, ["a", "b"], "json").index('"a"') < render(rows, ["a", "b"], "json").index('"b"')


def test_columns_align_by_display_width_with_wide_and_combining_characters():
    rows = [{"name": "Milei", "party": "LLA"}, {"name": "米莱", "party": "LLA"},
            {"name": "Bullrich", "party": "PRO"}, {"name": "Pe\u0301rez", "party": "UxP"}]
    lines = render_table(rows, ["name", "party"], max_width=None).splitlines()
    # 米莱 takes four columns and the accent of Pe\u0301rez none: every party starts at column 10
    assert lines[1:] == ["--------  -----", "Milei     LLA", "米莱      LLA", "Bullrich  PRO", "Pe\u0301rez     UxP"]


LONG = "Former President Mauricio Macri also endorsed Milei " * 4


def test_a_table_on_a_terminal_fits_its_width(monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "60")
    lines = render_table([{"who": "Mauricio Macri", "quote": LONG}], ["who", "quote"]).splitlines()
    assert max(len(line) for line in lines) == 60
    assert lines[2].startswith("Mauricio Macri  Former President Mauricio Macri also") and lines[2].endswith("…")


def test_a_table_piped_elsewhere_is_never_cut(monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    monkeypatch.setenv("COLUMNS", "60")
    lines = render_table([{"who": "Mauricio Macri", "quote": LONG}], ["who", "quote"]).splitlines()
    assert lines[2] == "Mauricio Macri  " + LONG.strip()


def test_kg_query_table_keeps_long_values_and_iris_whole_when_piped():
    iri = "https://w3id.org/argentina2023/id/" + "a-very-long-local-name-" * 5
    result = invoke(["query", "-e", f'SELECT ?text ?iri WHERE {{ BIND("{LONG.strip()}" AS ?text) '
                                    f'BIND(<{iri}> AS ?iri) }}', "--iris"])
    assert result.output.splitlines()[2] == f"{LONG.strip()}  kg:{iri.rsplit('/', 1)[1]}"
