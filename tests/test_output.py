"""Rendering rows as tables, CSV and JSON."""

from kg.output.tables import render


def test_table_shows_zero_and_false_but_not_none():
    table = render([{"name": "Milei", "won": 0, "flag": False, "none": None}], ["name", "won", "flag", "none"], "table")
    last = table.splitlines()[-1]
    assert last.split() == ["Milei", "0", "False"]


def test_csv_and_json_keep_column_order():
    rows = [{"b": 2, "a": "x"}]
    assert render(rows, ["a", "b"], "csv") == "a,b\nx,2"
    assert render(rows, ["a", "b"], "json").index('"a"') < render(rows, ["a", "b"], "json").index('"b"')
