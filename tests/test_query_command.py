"""`kg query`: named queries, files and inline SPARQL; formats; parameters; refused and malformed queries."""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from conftest import invoke

from kg.rdf.export import export
from kg.sparql.catalogue import named_queries

KG = "https://w3id.org/argentina2023/id/"
KGO = "https://w3id.org/argentina2023/ontology#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def run(*args, expect=0, env=None):
    return invoke(["query", *args], expect=expect, env=env)


def stdout(result):
    """Standard output as written (click's `output` turns CRLF into LF)."""
    return result.stdout_bytes.decode()


def test_list_shows_named_queries_with_summaries():
    result = run("--list")
    line = next(line for line in result.output.splitlines() if line.startswith("endorsements_received"))
    assert "actor" in line and "Who endorsed an actor" in line


def test_named_query_with_an_actor_name_as_parameter():
    result = run("endorsements_received", "--param", "actor=Milei", "--format", "csv")
    assert "Patricia Bullrich" in result.output and "Mauricio Macri" in result.output
    assert "Pedro Sánchez" not in result.output


@pytest.mark.parametrize("value", ["kg:sergio-massa", f"<{KG}sergio-massa>", "Sergio Massa"])
def test_parameter_as_iri_prefixed_name_or_actor_name(value):
    result = run("endorsements_received", "--param", f"actor={value}", "--format", "csv")
    assert f"{KG}pedro-sanchez" in result.output and f"{KG}patricia-bullrich" not in result.output


def test_named_query_parameter_must_be_declared():
    result = run("members", "--param", "org=PRO", expect=2)
    assert "no parameter 'org'; its parameters: organisation" in result.output


def test_named_query_parameter_name_must_resolve():
    result = run("members", "--param", "organisation=Bolsonaro", expect=1)
    assert "matches several actors" in result.output


def test_inline_query_json_is_w3c_results_format():
    result = run("-e", "SELECT ?who ?date WHERE { ?s a kgo:Endorsement ; rdf:subject ?who ; "
                               "rdf:object kg:javier-milei ; kgo:date ?date }", "--format", "json")
    data = json.loads(result.output)
    assert data["head"] == {"vars": ["who", "date"]}
    assert data["results"]["bindings"] == [{
        "who": {"type": "uri", "value": f"{KG}patricia-bullrich"},
        "date": {"type": "literal", "value": "2023-10-26", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
    }]


def test_inline_query_literals_keep_their_language():
    result = run("-e", 'SELECT ?l WHERE { kg:union-por-la-patria rdfs:label ?l FILTER(LANG(?l) = "es") }',
                 "--format", "json")
    binding = json.loads(result.output)["results"]["bindings"][0]["l"]
    assert binding == {"type": "literal", "value": "Unión por la Patria", "xml:lang": "es"}


def test_ask_query():
    assert run("-e", "ASK { kg:lula kgo:endorses kg:sergio-massa }").output.strip() == "true"
    result = run("-e", "ASK { kg:lula kgo:endorses kg:javier-milei }", "--format", "json")
    assert json.loads(result.output) == {"head": {}, "boolean": False}


def test_construct_prints_turtle():
    result = run("-e", "CONSTRUCT { ?a kgo:endorses kg:javier-milei } "
                               "WHERE { ?a kgo:endorses kg:javier-milei }")
    assert "@prefix kg: <https://w3id.org/argentina2023/id/> ." in result.output
    assert "kg:mauricio-macri kgo:endorses kg:javier-milei ." in result.output


def test_describe_prints_turtle():
    result = run("-e", "DESCRIBE kg:lula")
    triples = {q.triple for q in ox.parse(result.output.encode(), format=ox.RdfFormat.TURTLE)}
    lula = ox.NamedNode(KG + "lula")
    assert ox.Triple(lula, ox.NamedNode(KGO + "endorses"), ox.NamedNode(KG + "sergio-massa")) in triples
    assert ox.Triple(lula, RDFS_LABEL, ox.Literal("Luiz Inácio Lula da Silva", language="en")) in triples


def test_table_shows_labels_unless_iris_asked():
    query = "SELECT ?who WHERE { ?who kgo:endorses kg:sergio-massa } ORDER BY ?who"
    assert "Luiz Inácio Lula da Silva" in run("-e", query).output
    with_iris = run("-e", query, "--iris").output
    assert "kg:lula" in with_iris and "Luiz Inácio" not in with_iris


def test_tsv_uses_ntriples_terms():
    result = run("-e", "SELECT ?l WHERE { kg:lula rdfs:label ?l } ORDER BY ?l", "--format", "tsv")
    assert result.output.splitlines() == ["?l", '"Luiz Inácio Lula da Silva"@en', '"Luiz Inácio Lula da Silva"@es']


def test_query_from_a_file(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?mate WHERE { kg:javier-milei kgo:runningMate ?mate }\n")
    result = run(str(path), "--format", "csv")
    assert result.output.splitlines() == ["mate", f"{KG}victoria-villarruel"]


def test_missing_query_file(tmp_path):
    result = run(str(tmp_path / "absent.rq"), expect=2)
    assert "cannot read the query file" in result.output


def test_unknown_named_query_lists_names():
    result = run("no_such_query", expect=1)
    assert "no named query 'no_such_query'; known:" in result.output and "tickets" in result.output


def test_malformed_sparql_reports_line_and_column():
    result = run("-e", "SELECT ?s\nWHERE { ?s ?p }", expect=2)
    assert result.output.startswith("Error: malformed SPARQL") and "2:" in result.output


def test_malformed_sparql_on_rdflib_reports_line_and_column():
    result = run("-e", "SELECT ?s\nWHERE { ?s ?p }", "--engine", "rdflib", expect=2)
    assert "malformed SPARQL: line 2" in result.output


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
])
@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_remote_reaching_queries_are_refused_before_running(monkeypatch, sparql, engine):
    def no_engine(name):
        raise AssertionError("the engine was opened for a refused query")

    monkeypatch.setattr("kg.commands.query.open_engine", no_engine)
    result = run("-e", sparql, "--engine", engine, expect=2)
    assert "is refused" in result.output


def test_refused_query_file(tmp_path):
    path = tmp_path / "remote.rq"
    path.write_text("# fetches a remote graph\nSELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }\n")
    result = run(str(path), expect=2)
    assert "SERVICE is refused (line 2, column 18)" in result.output


def _values(bindings):
    """Bindings as a multiset; numbers by value, and xsd:string the same as no datatype (RDF 1.1)."""
    def value(term):
        datatype = term.get("datatype", "")
        if datatype.rsplit("#", 1)[-1] in {"decimal", "integer", "double"}:
            return term["type"], str(Decimal(term["value"]).normalize())
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            datatype = ""
        return term["type"], term["value"], term.get("xml:lang"), datatype
    return Counter(tuple(sorted((k, value(v)) for k, v in b.items())) for b in bindings)


@pytest.fixture(scope="module")
def exported_dataset():
    """The graph as `kg export --format nquads` writes it, read back by rdflib: an independent engine."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=export("nquads"), format="nquads")
    return dataset


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name", [q.name for q in named_queries().values() if not q.params and not q.is_check])
def test_kg_query_json_matches_rdflib_on_the_export(exported_dataset, name):
    ours = json.loads(run(name, "--format", "json").output)
    theirs = json.loads(exported_dataset.query(named_queries()[name].text).serialize(format="json"))
    assert ours["head"] == theirs["head"]
    assert _values(ours["results"]["bindings"]) == _values(theirs["results"]["bindings"])


CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENDORSERS = "SELECT ?who ?whom WHERE { ?who kgo:endorses ?whom } ORDER BY ?who ?whom"  # more than 5 rows


@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_a_query_past_its_deadline_stops_with_exit_3_and_prints_nothing(engine):
    result = run("-e", CROSS_JOIN, "--timeout", "1.5", "--engine", engine, "--format", "csv", expect=3)
    assert result.output == "Error: stopped at the 1.5 s deadline; raise --timeout, or narrow the query\n"


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_more_rows_than_max_rows_is_exit_3_with_no_partial_output(fmt):
    result = run("-e", ENDORSERS, "--max-rows", "5", "--format", fmt, expect=3)
    assert result.output == ("Error: more than 5 rows: stopped, nothing shown rather than a truncated answer; "
                             "raise --max-rows, or add LIMIT to the query\n")


def test_max_rows_counts_the_triples_of_a_graph_and_lets_a_small_answer_through():
    result = run("-e", "CONSTRUCT WHERE { kg:lula ?p ?o }", "--max-rows", "2", expect=3)
    assert result.output.startswith("Error: more than 2 rows")
    mates = run("-e", "SELECT ?mate WHERE { kg:javier-milei kgo:runningMate ?mate }", "--max-rows", "1",
                "--format", "csv")
    assert stdout(mates) == f"mate\r\n{KG}victoria-villarruel\r\n"


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_timeout_must_be_a_positive_number(value):
    assert "--timeout" in run("-e", ENDORSERS, "--timeout", value, expect=2).output


def test_csv_is_the_w3c_format_crlf_blank_nodes_and_quoting():
    result = run("-e", 'SELECT ?b ?text ?n ?none WHERE { ?statement prov:qualifiedDerivation ?b . '
                       'BIND("say \\"hi\\", then\\nleave" AS ?text) BIND(30.0 AS ?n) } LIMIT 1', "--format", "csv")
    header, rest = stdout(result).split("\r\n", 1)
    assert header == "b,text,n,none"
    blank, quoted = rest.split(",", 1)
    assert blank.startswith("_:") and len(blank) > 2
    assert quoted == '"say ""hi"", then\nleave",30,\r\n'


def test_tsv_escapes_tabs_and_line_breaks_inside_literals():
    result = run("-e", 'SELECT ?text ?who WHERE { BIND("a\\tb\\nc" AS ?text) BIND(kg:lula AS ?who) }',
                 "--format", "tsv")
    assert result.output == f'?text\t?who\n"a\\tb\\nc"\t<{KG}lula>\n'


def test_empty_results_keep_their_header_in_every_format():
    query = "SELECT ?who ?date WHERE { ?who kgo:endorses kg:no-one . OPTIONAL { ?who kgo:date ?date } }"
    assert stdout(run("-e", query, "--format", "csv")) == "who,date\r\n"
    assert run("-e", query, "--format", "tsv").output == "?who\t?date\n"
    assert json.loads(run("-e", query, "--format", "json").output) == {
        "head": {"vars": ["who", "date"]}, "results": {"bindings": []}}
    assert run("-e", query).output.split() == ["who", "date", "---", "----"]


def test_a_utf8_byte_order_mark_in_a_query_file_is_ignored(tmp_path):
    path = tmp_path / "bom.rq"
    path.write_bytes("\ufeffSELECT ?mate WHERE { kg:javier-milei kgo:runningMate ?mate }\n".encode())
    assert stdout(run(str(path), "--format", "csv")) == f"mate\r\n{KG}victoria-villarruel\r\n"


@pytest.mark.parametrize("engine", ["store", "rdflib"])
@pytest.mark.parametrize("sparql, message", [
    ("SELECT * WHERE { ?s nope:p ?o }", "Error: unknown prefix nope: (line 1, column 21); declare it with "
                                        "PREFIX nope: <...>"),
    ("SELECT ?x WHERE { BIND(<http://example.org/f>(1) AS ?x) }",
     "Error: unknown function <http://example.org/f> (line 1, column 24): besides SPARQL's built-in functions"),
    ("SELECT * WHERE { ?s ?p ?o FILTER ex:f(?o) }", "Error: unknown prefix ex: (line 1, column 34)"),
])
def test_both_engines_refuse_unknown_prefixes_and_functions_alike(engine, sparql, message):
    assert run("-e", sparql, "--engine", engine, expect=2).output.startswith(message)


@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_a_type_error_in_an_aggregate_leaves_it_unbound_on_both_engines(engine):
    result = run("-e", 'SELECT (SUM(?x) AS ?sum) (AVG(?x) AS ?avg) (COUNT(?x) AS ?n) WHERE { VALUES ?x { "a" 1 } }',
                 "--engine", engine, "--format", "csv")
    assert stdout(result) == "sum,avg,n\r\n,,2\r\n"


@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_a_solution_binding_nothing_is_one_row_on_both_engines(engine):
    result = run("-e", "SELECT ?x WHERE { BIND(1/0 AS ?x) }", "--engine", engine, "--format", "json")
    assert json.loads(result.output)["results"]["bindings"] == [{}]


@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_a_file_named_twice_in_kg_data_loads_once(kg_data, monkeypatch, tmp_path, engine):
    path = kg_data('kg:dup-test prov:qualifiedDerivation [ kgo:quote "only once" ] .', "dup.ttl")
    (tmp_path / "link.ttl").symlink_to(path)
    spellings = [str(path), str(tmp_path / "." / "dup.ttl"), str(tmp_path / "link.ttl")]
    monkeypatch.setenv("KG_DATA", os.pathsep.join(spellings))
    result = run("-e", "SELECT ?g ?q WHERE { GRAPH ?g { kg:dup-test prov:qualifiedDerivation/kgo:quote ?q } }",
                 "--engine", engine, "--format", "csv")
    assert stdout(result) == f"g,q\r\n{path.resolve().as_uri()},only once\r\n"


def test_the_worker_imports_the_same_kg_from_a_folder_that_holds_another(tmp_path):
    """A worker started from a folder with a `kg` package of its own (a checkout, a user's folder named kg)
    runs the kg that started it: it once ran the folder's, whose data differed, and rebuilt the store."""
    decoy = tmp_path / "kg"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise ImportError('the decoy kg was imported')\n")
    done = subprocess.run([sys.executable, "-P", "-c", "from kg.cli import main; main()", "query", "tickets",
                           "--format", "csv"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Javier Milei" in done.stdout and "Victoria Villarruel" in done.stdout


def test_a_worker_that_cannot_import_kg_says_why_in_one_line(tmp_path, monkeypatch, capfd):
    decoy = tmp_path / "kg"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise ImportError('a broken kg')\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])  # what the worker is started with
    result = invoke(["query", "tickets"], expect=2)
    assert result.output == "Error: the query worker died (exit code 1); the query was not answered\n"
    assert capfd.readouterr().err == "kg: the query worker cannot start: ImportError: a broken kg\n"


def _kg_process(*args):
    return subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "query", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _wait_for_worker(process):
    for _ in range(100):
        if _children(process.pid):
            return _children(process.pid)[0]
        time.sleep(0.1)
    raise AssertionError("kg query started no worker")


def _gone(pid):
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in "ZX":
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from Linux's /proc")
def test_ctrl_c_exits_130_and_takes_the_worker_with_it():
    process = _kg_process("-e", CROSS_JOIN)
    worker = _wait_for_worker(process)
    time.sleep(1)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130 and out == "" and err == "Interrupted.\n"
    assert _gone(worker)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from Linux's /proc")
def test_the_worker_dies_when_kg_is_killed():
    process = _kg_process("-e", CROSS_JOIN)
    worker = _wait_for_worker(process)
    process.kill()
    process.communicate(timeout=30)
    assert _gone(worker)
