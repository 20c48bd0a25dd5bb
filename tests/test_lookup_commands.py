"""The lookup commands through the CLI: output, formats, exit codes and help."""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import invoke

from kg.cli import COMMANDS

LOOKUPS = ["who-endorsed", "endorsements-by", "show", "search", "path", "compare", "sources", "claims",
           "single-source", "query"]


def run(*args, expect=0):
    return invoke(list(args), expect=expect)


def test_who_endorsed_milei_lists_bullrich_and_macri_with_sources():
    result = run("who-endorsed", "Milei")
    assert "Endorsements of Javier Milei (kg:javier-milei)" in result.output
    assert "Patricia Bullrich" in result.output and "Mauricio Macri" in result.output
    bullrich = next(line for line in result.output.splitlines() if line.startswith("Patricia Bullrich"))
    assert "2023-10-26" in bullrich
    assert "000_9c4870c4c3406898.txt" in bullrich and "002_0f267a4a9a1e3df1.txt" in bullrich


def test_who_endorsed_massa_in_any_case_lists_foreign_leaders_and_governors():
    result = run("who-endorsed", "sergio MASSA")
    for name in ["Luiz Inácio Lula da Silva", "Andrés Manuel López Obrador", "Pedro Sánchez", "Gustavo Petro",
                 "19 of Argentina's 23 governors"]:
        assert name in result.output


def test_who_endorsed_json_has_quotes():
    result = run("who-endorsed", "Javier Milei", "--format", "json")
    data = json.loads(result.output)
    assert data["actor"] == {"iri": "https://w3id.org/argentina2023/id/javier-milei", "label": "Javier Milei"}
    macri = next(e for e in data["endorsements"] if e["endorser"]["label"] == "Mauricio Macri")
    assert macri["evidence"][0]["file_name"] == "000_9c4870c4c3406898.txt"
    assert "Former President Mauricio Macri also endorsed Milei" in macri["evidence"][0]["quote"]


def test_who_endorsed_csv():
    result = run("who-endorsed", "Massa", "--format", "csv")
    lines = result.output.splitlines()
    assert lines[0] == "endorser,endorser_iri,date,sources"
    assert any(line.startswith("Pedro Sánchez,https://w3id.org/argentina2023/id/pedro-sanchez,") for line in lines)


def test_endorsements_by_bullrich():
    result = run("endorsements-by", "Patricia Bullrich")
    assert "Javier Milei" in result.output


def test_unknown_name_suggests_and_exits_1():
    result = run("who-endorsed", "Mliei", expect=1)
    assert result.output.strip() == "Error: no actor matches 'Mliei'; did you mean: Javier Milei?"


@pytest.mark.parametrize("name", ["Fernández", "Bolsonaro", "Kirchner"])
def test_ambiguous_name_lists_candidates_and_exits_1(name):
    result = run("show", name, expect=1)
    assert "matches several actors" in result.output
    assert result.output.count("(kg:") >= 2


@pytest.mark.parametrize("name", ["Union por la Patria", "Unión por la Patria", "Union for the Homeland"])
def test_show_union_for_the_homeland_in_either_language(name):
    result = run("show", name)
    assert result.output.startswith("Union for the Homeland  (https://w3id.org/argentina2023/id/union-por-la-patria)")
    assert "Unión por la Patria" in result.output
    assert "Sergio Massa  candidate of  Union for the Homeland" in result.output


def test_show_liberty_advances_members_ties_and_claims():
    result = run("show", "Liberty Advances")
    out = result.output
    assert "La Libertad Avanza" in out
    assert "Libertarian Party" in out and "Patricia Bullrich" in out
    assert "founding date" in out and "2021" in out
    assert "Claims (opinions the sources report, not facts)" in out and "National Electoral Court" in out


def test_show_massa_offices_and_ticket_with_sources():
    result = run("show", "Massa", "--format", "json")
    data = json.loads(result.output)
    offices = data["sections"]["offices and roles"]
    economy = next(f for f in offices if f["other_label"] == "Minister of Economy of Argentina")
    assert economy["qualifiers"]["start date"] == "2022-07"
    assert economy["evidence"][0]["quote"]
    assert [f["other_label"] for f in data["sections"]["ticket"]] == ["Agustín Rossi"]
    assert {f["other_label"] for f in data["sections"]["endorsements received"]} >= {"Pedro Sánchez", "Gustavo Petro"}


def test_show_csv_has_one_row_per_fact():
    result = run("show", "Villarruel", "--format", "csv")
    assert result.output.splitlines()[0] == "section,subject,relation,object,details,sources"
    assert "ticket,Javier Milei,running mate,Victoria Villarruel" in result.output


def test_search_ranks_full_names_first():
    result = run("search", "Bolsonaro", "--format", "json")
    labels = [m["actor"]["label"] for m in json.loads(result.output)]
    assert set(labels[:2]) == {"Jair Bolsonaro", "Eduardo Bolsonaro"}


def test_search_without_match():
    result = run("search", "zzzzqqq")
    assert "No actor matches 'zzzzqqq'." in result.output


def test_path_from_villarruel_to_lula_names_and_sources_each_hop():
    result = run("path", "Villarruel", "Lula", "--format", "json")
    data = json.loads(result.output)
    hops = data["hops"]
    ends = {hops[0]["subject"], hops[0]["object"]} | {hops[-1]["subject"], hops[-1]["object"]}
    assert {"https://w3id.org/argentina2023/id/victoria-villarruel", "https://w3id.org/argentina2023/id/lula"} <= ends
    for hop in hops:
        assert hop["relation"] and hop["evidence"] and hop["evidence"][0]["quote"]
    for before, after in zip(hops, hops[1:]):
        assert {before["subject"], before["object"]} & {after["subject"], after["object"]}


def test_path_table():
    result = run("path", "Milei", "Villarruel")
    assert "Javier Milei to Victoria Villarruel: 1 fact" in result.output
    assert "running mate" in result.output


def test_compare_milei_and_massa_side_by_side():
    result = run("compare", "Milei", "Massa")
    header = result.output.splitlines()[0].split()
    assert header[:3] == ["issue", "Javier", "Milei"]
    assert "proposes Dollarization [comparison]" in result.output
    assert "foreign affairs" in result.output and "security" in result.output


def test_compare_one_issue_in_spanish():
    result = run("compare", "Milei", "Massa", "--issue", "economía", "--format", "json")
    data = json.loads(result.output)
    assert [c["issue_label"] for c in data["issues"]] == ["economy"]
    milei = data["issues"][0]["stances"]["https://w3id.org/argentina2023/id/javier-milei"]
    assert "Dollarization" in {s["policy_label"] for s in milei}


def test_compare_unknown_issue():
    result = run("compare", "Milei", "Massa", "--issue", "zzzz", expect=1)
    assert "no issue matches 'zzzz'" in result.output


def test_sources_counts_facts_and_claims():
    result = run("sources", "--format", "json")
    data = {s["file_name"]: s for s in json.loads(result.output)}
    assert set(data) == {"000_9c4870c4c3406898.txt", "001_a0d888796c0492e9.txt", "002_0f267a4a9a1e3df1.txt"}
    assert all(s["facts"] > 0 for s in data.values())
    assert data["001_a0d888796c0492e9.txt"]["claims"] > 0


def test_claims_of_one_source():
    result = run("claims", "--source", "open letter", "--format", "json")
    claims = json.loads(result.output)
    assert claims and {c["evidence"]["file_name"] for c in claims} == {"001_a0d888796c0492e9.txt"}
    assert any("electoral fraud" in c["text"] for c in claims)


def test_claims_source_must_be_a_source_document():
    """'Milei' names an actor, but --source resolves among source documents only: the three whose titles
    name him are the candidates."""
    result = run("claims", "--source", "Milei", expect=1)
    assert "matches several sources: Open letter against Javier Milei (src:open-letter)" in result.output
    assert "src:comparison" in result.output and "src:op-ed" in result.output
    assert "kg:javier-milei" not in result.output


def test_single_source_facts_of_the_comparison():
    result = run("single-source", "--source", "000", "--format", "csv")
    lines = result.output.splitlines()
    assert lines[0] == "source,kind,subject,relation,object,quote"
    assert any(",Endorsement,Mauricio Macri,endorses,Javier Milei," in line for line in lines)
    assert all(line.startswith("000_9c4870c4c3406898.txt") for line in lines[1:] if line[:3].isdigit())


@pytest.mark.parametrize("command", LOOKUPS)
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert "Usage: main " + command in result.output or f"Usage: kg {command}" in result.output
    assert len(result.output.splitlines()) > 4


def test_commands_are_registered():
    assert set(LOOKUPS) <= set(COMMANDS)


@pytest.mark.parametrize("a, b", [("Villarruel", "Lula"), ("Petro", "Kast"), ("Rossi", "Bullrich"),
                                  ("Sumar", "Trump"), ("Macri", "Hamas")])
def test_path_is_as_short_as_networkx_finds(a, b):
    import networkx as nx

    from kg.names.resolve import resolve
    from kg.store.engines import open_engine

    engine = open_engine("store")
    graph = nx.Graph()
    for row in engine.select("SELECT ?s ?o WHERE { ?st a/rdfs:subClassOf kgo:Statement ; rdf:subject ?s ; "
                             "rdf:object ?o FILTER(isIRI(?o)) }"):
        graph.add_edge(row["s"].value, row["o"].value)
    expected = nx.shortest_path_length(graph, resolve(a, engine).iri, resolve(b, engine).iri)
    result = run("path", a, b, "--format", "json")
    assert len(json.loads(result.output)["hops"]) == expected


@pytest.mark.parametrize("args, code, stdout, stderr", [
    (["who-endorsed", "Milei"], 0, "Patricia Bullrich       2023-10-26 (four days after the election)", ""),
    (["who-endorsed", "Zzyzx"], 1, "", "Error: no actor matches 'Zzyzx'\n"),
])
def test_the_kg_executable_keeps_output_and_exit_code(args, code, stdout, stderr):
    """The installed `kg` runs kg.cli:run, which skips the collections at exit: the output is still flushed
    and the exit code still the command's."""
    with open(Path(__file__).parents[1] / "pyproject.toml", "rb") as toml:
        assert tomllib.load(toml)["project"]["scripts"]["kg"] == "kg.cli:run"
    done = subprocess.run([sys.executable, "-c", "from kg.cli import run; run()", *args], capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stderr) == (code, stderr)
    assert stdout in done.stdout
