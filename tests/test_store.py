"""The persistent store: built on first use, reused without reading data, rebuilt on change, never half-built."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import invoke

import kg.rdf.parsing
import kg.sparql.oxigraph_engine
import kg.store.bulkload
import kg.store.cache
import kg.store.manifest
from kg.errors import InputError
from kg.rdf.namespaces import PREFIXES
from kg.sparql.catalogue import named_queries
from kg.store.cache import build_store, open_store
from kg.store.engines import open_engine

BENCH = Path(__file__).resolve().parents[1] / "bench"
KG = "https://w3id.org/argentina2023/id/"
KGO = "https://w3id.org/argentina2023/ontology#"

ENDORSERS_OF_MILEI = """
SELECT ?name WHERE { ?who kgo:endorses kg:javier-milei ; rdfs:label ?name FILTER(lang(?name) = "en") }
"""


@pytest.fixture(scope="session")
def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", BENCH / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder, and no store left open by earlier tests."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE", str(folder))
    monkeypatch.delenv("KG_DATA", raising=False)
    new_process(monkeypatch)
    return folder


@pytest.fixture
def small_data(tmp_path, monkeypatch, synthetic, cache):
    """About 2,000 synthetic triples in KG_DATA."""
    path = tmp_path / "synthetic.nt"
    synthetic.generate(2000, path)
    monkeypatch.setenv("KG_DATA", str(path))
    return path


def new_process(monkeypatch):
    """Forget the stores this process opened, as a new `kg` process would."""
    monkeypatch.setattr(kg.store.cache, "_open_stores", {})


def forbid_loading(monkeypatch):
    """Make any attempt to read the data files fail."""

    def fail(*args, **kwargs):
        raise AssertionError("the data was read again")

    monkeypatch.setattr(kg.store.bulkload, "load", fail)
    monkeypatch.setattr(kg.rdf.parsing, "read_quads", fail)


def split_every_file(monkeypatch):
    """Load even tiny files through the parallel path, cut into parts."""
    monkeypatch.setattr(kg.store.bulkload, "SMALL_BYTES", 0)
    monkeypatch.setattr(kg.store.bulkload, "SPLIT_BYTES", 0)


def endorsers(engine):
    return sorted(row["name"].value for row in engine.select(ENDORSERS_OF_MILEI))


def store_folders(cache):
    return sorted(p.name for p in cache.glob("store-*"))


def test_store_is_built_on_first_use_with_kg_data(small_data, cache, synthetic):
    names = endorsers(open_engine("store"))
    assert synthetic.person_name(0) in names
    assert {"Patricia Bullrich", "Mauricio Macri"} <= set(names)
    assert len(store_folders(cache)) == 1


def test_a_built_store_is_opened_without_reading_any_data(small_data, cache, synthetic, monkeypatch):
    open_store()
    new_process(monkeypatch)
    forbid_loading(monkeypatch)
    assert synthetic.person_name(0) in endorsers(open_engine("store"))


def test_changing_a_data_file_rebuilds_the_store(small_data, cache, monkeypatch):
    open_store()
    before = store_folders(cache)
    with open(small_data, "a", encoding="utf-8") as f:
        f.write(f"<{KG}ana-nueva> <http://www.w3.org/2000/01/rdf-schema#label> \"Ana Nueva\"@en .\n"
                f"<{KG}ana-nueva> <{KGO}endorses> <{KG}javier-milei> .\n")
    new_process(monkeypatch)
    assert "Ana Nueva" in endorsers(open_engine("store"))
    assert store_folders(cache) != before


def test_touching_a_data_file_rebuilds_the_store(small_data, cache, monkeypatch):
    open_store()
    before = store_folders(cache)
    stat = small_data.stat()
    os.utime(small_data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    new_process(monkeypatch)
    open_store()
    assert store_folders(cache) != before


def test_a_build_failing_midway_leaves_the_previous_store_in_use(small_data, cache, synthetic, monkeypatch):
    first = build_store()
    split_every_file(monkeypatch)
    real_load_part = kg.store.bulkload._load_part

    def crash_on_a_later_part(store, part):
        if part.start > 0:
            raise KeyboardInterrupt
        real_load_part(store, part)

    monkeypatch.setattr(kg.store.bulkload, "_load_part", crash_on_a_later_part)
    with pytest.raises(KeyboardInterrupt):
        build_store(force=True)
    assert not list(cache.glob("build-*"))
    new_process(monkeypatch)
    forbid_loading(monkeypatch)
    assert open_store() is not None
    assert store_folders(cache) == [first.path.name]
    assert synthetic.person_name(0) in endorsers(open_engine("store"))


def test_a_build_killed_midway_leaves_the_previous_store_in_use(tmp_path, cache, synthetic, monkeypatch):
    data = tmp_path / "big.nt"
    synthetic.generate(300_000, data)
    monkeypatch.setenv("KG_DATA", str(data))
    first = build_store()
    child = subprocess.Popen([sys.executable, "-c", "from kg.store.cache import build_store; build_store(force=True)"],
                             env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while not list(cache.glob("build-*")) and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert list(cache.glob("build-*")), "the build never started"
        time.sleep(0.3)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    new_process(monkeypatch)
    forbid_loading(monkeypatch)
    assert synthetic.person_name(0) in endorsers(open_engine("store"))
    entries = [kg.store.manifest.file_entry(path) for path in kg.rdf.inputs.input_files()]
    assert kg.store.cache._current_store(cache, entries) == first.path


def test_the_next_build_removes_what_a_killed_build_left(small_data, cache):
    build_store()
    leftover = cache / "build-0123-dead"
    leftover.mkdir()
    (leftover / "000001.sst").write_bytes(b"half written")
    build_store(force=True)
    assert not leftover.exists()
    assert len(store_folders(cache)) >= 1


def test_malformed_kg_data_names_file_and_line_and_keeps_the_old_store(small_data, cache, tmp_path, monkeypatch):
    first = build_store()
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n")
    monkeypatch.setenv("KG_DATA", f"{small_data}{os.pathsep}{bad}")
    new_process(monkeypatch)
    with pytest.raises(InputError, match=r"bad\.ttl:3: malformed Turtle"):
        open_store()
    assert store_folders(cache) == [first.path.name]
    assert not list(cache.glob("build-*"))
    # The same inputs give the same error at once, without parsing again.
    forbid_loading(monkeypatch)
    with pytest.raises(InputError, match=r"bad\.ttl:3: malformed Turtle"):
        open_store()


def test_an_error_in_a_split_file_has_the_same_message_as_the_rdflib_engine(tmp_path, cache, synthetic, monkeypatch):
    data = tmp_path / "broken.nt"
    synthetic.generate(3000, data)
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2500] = "this is not N-Triples\n"
    data.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv("KG_DATA", str(data))
    split_every_file(monkeypatch)
    assert len(kg.store.bulkload.plan([data])) > 1
    with pytest.raises(InputError) as from_store:
        open_store()
    with pytest.raises(InputError) as from_rdflib:
        open_engine("rdflib")
    assert str(from_store.value) == str(from_rdflib.value)
    assert str(from_store.value).startswith(f"{data}:2501: malformed N-Triples")


def test_a_corrupt_store_is_rebuilt(small_data, cache, synthetic, monkeypatch):
    first = build_store()
    (first.path / "CURRENT").unlink()
    new_process(monkeypatch)
    assert synthetic.person_name(0) in endorsers(open_engine("store"))
    assert store_folders(cache) != [first.path.name]


def test_an_unusable_cache_folder_is_a_one_line_error(tmp_path, monkeypatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setenv("KG_CACHE", str(not_a_folder))
    new_process(monkeypatch)
    result = invoke(["build"], expect=2)
    assert result.output.startswith("Error: cannot use the cache folder")


def test_kg_build_reports_triples_then_up_to_date(small_data, cache):
    first = invoke(["build"])
    assert first.output.startswith("Built the store: ")
    assert "triples/s" in first.output
    again = invoke(["build"])
    assert "up to date" in again.output
    forced = invoke(["build", "--force"])
    assert forced.output.startswith("Built the store: ")


def test_kg_build_help_names_the_cache():
    result = invoke(["build", "--help"])
    assert "KG_CACHE" in result.output and "--force" in result.output


def concurrent_lookups(count=3):
    """Run `count` lookup processes at once; their outputs."""
    script = ("from kg.store.engines import open_engine; "
              f"rows = open_engine('store').select({ENDORSERS_OF_MILEI!r}); "
              "print('|'.join(sorted(r['name'].value for r in rows)))")
    children = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                                 env=dict(os.environ)) for _ in range(count)]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert all(child.returncode == 0 for child in children)
    return outputs


def test_concurrent_lookups_share_the_store(small_data, cache, synthetic):
    build_store()
    assert all(synthetic.person_name(0) in out for out in concurrent_lookups())


def test_concurrent_first_uses_build_the_store_once(small_data, cache, synthetic):
    assert all(synthetic.person_name(0) in out for out in concurrent_lookups())
    assert len(store_folders(cache)) == 1
    assert not list(cache.glob("build-*"))


# The same answers from both engines, on the real data and on synthetic data loaded through the parallel path.

QUERIES = {
    "endorsers": ENDORSERS_OF_MILEI,
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "quotes": """SELECT ?statement ?source ?quote WHERE {
        ?statement prov:qualifiedDerivation ?d . ?d prov:entity ?source ; kgo:quote ?quote }""",
    "members": """SELECT ?person ?party ?role WHERE {
        ?m a kgo:Membership ; rdf:subject ?person ; rdf:object ?party .
        OPTIONAL { ?m kgo:role ?role } }""",
    "statement kinds": """SELECT ?kind (COUNT(?s) AS ?n) WHERE { ?s a ?kind .
        ?kind rdfs:subClassOf* kgo:Statement } GROUP BY ?kind""",
}


def answers(engine, query):
    return sorted(tuple(sorted((k, v.value) for k, v in row.items())) for row in engine.select(query))


@pytest.mark.parametrize("name", QUERIES)
def test_store_and_rdflib_agree_on_the_real_data(cache, name):
    assert answers(open_engine("store"), QUERIES[name]) == answers(open_engine("rdflib"), QUERIES[name])


@pytest.mark.parametrize("name", QUERIES)
def test_store_and_rdflib_agree_on_synthetic_data(small_data, cache, monkeypatch, name):
    split_every_file(monkeypatch)
    store_rows = answers(open_engine("store"), QUERIES[name])
    assert store_rows
    assert store_rows == answers(open_engine("rdflib"), QUERIES[name])


def test_trig_graphs_and_default_graph_follow_the_naming_rules(tmp_path, cache, monkeypatch):
    trig = tmp_path / "extra.trig"
    trig.write_text(f"<{KG}a> <{KGO}endorses> <{KG}javier-milei> .\n"
                    f"<{KG}g> {{ <{KG}b> <{KGO}endorses> <{KG}javier-milei> . }}\n")
    monkeypatch.setenv("KG_DATA", str(trig))
    query = f"SELECT ?g ?who WHERE {{ GRAPH ?g {{ ?who <{KGO}endorses> <{KG}javier-milei> }} }}"
    rows = answers(open_engine("store"), query)
    assert (("g", trig.resolve().as_uri()), ("who", KG + "a")) in rows
    assert (("g", KG + "g"), ("who", KG + "b")) in rows
    assert rows == answers(open_engine("rdflib"), query)


# IRI bindings also go in as VALUES blocks, so that pyoxigraph plans from the bound IRI.

PARAMETER_VALUES = {"actor": "javier-milei", "node": "javier-milei", "person": "javier-milei",
                    "resource": "javier-milei", "organisation": "la-libertad-avanza", "source": "source/comparison",
                    "statement": "statement/endorsement-bullrich-milei", "subject": "patricia-bullrich",
                    "object": "javier-milei", "predicate": "https://w3id.org/argentina2023/ontology#endorses"}


def test_values_blocks_go_at_the_start_of_the_where_clause():
    milei = ox.NamedNode(KG + "javier-milei")
    query = 'SELECT ?a # { WHERE {\nWHERE { ?s ?p "{" . ?s ?q ?a }'
    assert kg.sparql.oxigraph_engine._with_values(query, {"a": milei}) == (
        f'SELECT ?a # {{ WHERE {{\nWHERE {{ VALUES ?a {{ <{KG}javier-milei> }}  ?s ?p "{{" . ?s ?q ?a }}')
    assert kg.sparql.oxigraph_engine._with_values("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o }", {"a": milei}).startswith(
        "CONSTRUCT { ?a ?p ?o } WHERE { VALUES ?a")
    assert kg.sparql.oxigraph_engine._with_values("DESCRIBE ?a", {"a": milei}) == "DESCRIBE ?a"


def test_literal_bindings_are_never_written_into_the_query():
    hostile = ox.Literal('"} UNION { ?s ?p ?o } #')
    assert kg.sparql.oxigraph_engine._with_values("SELECT ?x WHERE { ?s ?p ?x }", {"x": hostile}) == "SELECT ?x WHERE { ?s ?p ?x }"


# SELECT queries only: a CONSTRUCT's answer has fresh blank nodes each time (resource_description is
# checked through kg serve's /id/ pages in tests/test_serve.py).
@pytest.mark.parametrize("query", [q for q in named_queries().values()
                                   if q.params and "CONSTRUCT" not in q.text.split("WHERE")[0]])
def test_named_queries_give_the_same_rows_with_values_blocks(cache, query):
    engine = open_engine("store")
    bindings = {p: ox.NamedNode(PARAMETER_VALUES[p] if PARAMETER_VALUES[p].startswith("https:") else KG + PARAMETER_VALUES[p])
                for p in query.params}
    substituted_only = engine.store.query(query.text, prefixes=PREFIXES, use_default_graph_as_union=True,
                                          substitutions={ox.Variable(k): v for k, v in bindings.items()})
    expected = sorted(str(sorted((v.value, str(s[v])) for v in substituted_only.variables)) for s in substituted_only)
    rows = engine.query(query.text, bindings)
    assert sorted(str(sorted((k, str(row.get(k))) for k in rows.variables)) for row in rows.rows) == expected


def test_the_server_engine_is_a_copy_in_memory_with_the_same_answers(monkeypatch):
    import kg.store.engines

    on_disk, in_memory = open_engine("store"), kg.store.engines.open_server_engine()
    assert in_memory.store is not on_disk.store and in_memory.folder == on_disk.folder
    names = sorted(row["name"].value for row in in_memory.select(ENDORSERS_OF_MILEI))
    assert names == sorted(row["name"].value for row in on_disk.select(ENDORSERS_OF_MILEI))
    assert "Patricia Bullrich" in names
    monkeypatch.setattr(kg.store.engines, "MEMORY_QUADS", 10)  # too big to copy: the store on disk itself
    assert "Patricia Bullrich" in {row["name"].value for row in kg.store.engines.open_server_engine().select(
        ENDORSERS_OF_MILEI)}
