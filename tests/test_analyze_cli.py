"""`kg analyze` through the CLI: each format, filters, errors and determinism."""

import csv
import io
import json
import os
import subprocess
import sys

from conftest import invoke


def test_table_shows_every_section():
    result = invoke(["analyze", "--top", "5"])
    out = result.output
    assert out.startswith("Network: ")
    for title in ("Centrality:", "Communities:", "Brokers:", "Camps:"):
        assert title in out
    assert "Javier Milei" in out and "Patricia Bullrich" in out and "withheld" in out


def test_json_holds_the_analysis():
    result = invoke(["analyze", "--format", "json", "--top", "3"])
    data = json.loads(result.output)
    assert [c["label"] for c in data["centrality"]][0] == "Javier Milei"
    assert len(data["centrality"]) == 3
    camp = {(m["candidate_label"], m["stance"], m["label"]) for m in data["camps"]}
    assert ("Sergio Massa", "for", "Luiz Inácio Lula da Silva") in camp
    assert ("Javier Milei", "against", "Podemos") in camp
    names = {g["name"] for g in data["communities"]}
    assert {"Javier Milei", "Sergio Massa"} <= names


def test_csv_of_one_section_is_one_table():
    result = invoke(["analyze", "--format", "csv", "--section", "camps"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == ["candidate", "stance", "actor", "type", "reasons", "sources", "iri"]
    bullrich = [r for r in rows if r["actor"] == "Patricia Bullrich"]
    assert bullrich[0]["candidate"] == "Javier Milei" and bullrich[0]["stance"] == "for"
    assert bullrich[0]["iri"] == "https://w3id.org/argentina2023/id/patricia-bullrich"


def test_csv_of_several_sections_marks_each_table():
    result = invoke(["analyze", "--format", "csv", "--section", "brokers", "--section", "centrality"])
    blocks = result.output.split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["# centrality", "# brokers"]
    brokers = list(csv.DictReader(io.StringIO(blocks[1].split("\n", 1)[1])))
    assert brokers[0]["actor"] == "Javier Milei" and brokers[0]["articulation_point"] == "yes"


def test_relation_and_source_filters():
    result = invoke(["analyze", "-r", "endorses", "-s", "op-ed", "--section", "camps", "--format", "json"])
    endorsers = {m["label"] for m in json.loads(result.output)["camps"]}
    assert endorsers == {"Patricia Bullrich", "Leading figures in PRO", "Luis Petri", "Pedro Sánchez", "Gustavo Petro"}


def test_unknown_relation_is_a_one_line_error_listing_the_relationships():
    result = invoke(["analyze", "--relation", "endorse"], expect=1)
    assert result.output.startswith("Error: no relationship 'endorse' in the graph; known: ")


def test_both_engines_give_the_same_analysis():
    store = invoke(["analyze", "--format", "json", "--top", "0"])
    rdflib = invoke(["analyze", "--format", "json", "--top", "0", "--engine", "rdflib"])
    assert store.output == rdflib.output


def test_output_does_not_depend_on_the_hash_seed():
    command = [sys.executable, "-c", "from kg.cli import main; main()", "analyze", "--format", "json", "--top", "0"]
    outputs = {subprocess.run(command, check=True, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1
    assert '"label": "Javier Milei"' in outputs.pop()
