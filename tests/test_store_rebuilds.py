"""The store at scale: damaged stores are rebuilt, changed KG_DATA files rebuild only their graphs."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.store.building
import kg.store.bulkload
import kg.store.cache
from kg.store.cache import build_store
from conftest import invoke

BENCH = Path(__file__).resolve().parents[1] / "bench"
KG = "https://w3id.org/argentina2023/id/"
PREFIXES = """@prefix kg: <https://w3id.org/argentina2023/id/> .
@prefix kgo: <https://w3id.org/argentina2023/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def person(slug, name, alias="Nobody"):
    return (f'kg:{slug} a foaf:Person ; rdfs:label "{name}"@en ; skos:altLabel "{alias}" ;\n'
            f'    kgo:endorses kg:javier-milei .\n')


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE", str(folder))
    monkeypatch.delenv("KG_DATA", raising=False)
    forget_open_stores(monkeypatch)
    return folder


def forget_open_stores(monkeypatch):
    """As a new `kg` process would."""
    monkeypatch.setattr(kg.store.cache, "_open_stores", {})


@pytest.fixture
def big_and_small(tmp_path, monkeypatch, cache):
    """KG_DATA with a synthetic N-Triples file and a small Turtle file of one's own edits."""
    spec = importlib.util.spec_from_file_location("synthetic", BENCH / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    big = tmp_path / "big.nt"
    synthetic.generate(3000, big)
    small = tmp_path / "edits.ttl"
    small.write_text(PREFIXES + person("ana-edit", "Ana Edit", "Anita"), encoding="utf-8")
    monkeypatch.setenv("KG_DATA", f"{big}{os.pathsep}{small}")
    return big, small


def forbid_full_builds(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("a full build")

    monkeypatch.setattr(kg.store.building, "build_full", fail)


def shown(name, monkeypatch, expect=0):
    """The first line of `kg show NAME` (label and IRI) in a new process, or its error."""
    forget_open_stores(monkeypatch)
    return invoke(["show", name], expect=expect).output.splitlines()[0]


def test_a_blank_node_subclass_of_actor_does_not_break_the_name_index(kg_data, cache):
    kg_data('_:kind rdfs:subClassOf kgo:Actor .\n' + person("luz-blanca", "Luz Blanca"), "blank.ttl")
    assert invoke(["show", "Luz Blanca"]).output.startswith(f"Luz Blanca  ({KG}luz-blanca)")
    assert "Patricia Bullrich" in invoke(["who-endorsed", "Javier Milei"]).output


def truncate_an_sst(folder):
    sst = sorted(folder.glob("*.sst"), key=lambda p: -p.stat().st_size)[0]
    os.truncate(sst, sst.stat().st_size // 2)


def random_bytes_in_an_sst(folder):
    sst = sorted(folder.glob("*.sst"), key=lambda p: -p.stat().st_size)[0]
    with open(sst, "r+b") as f:
        f.seek(sst.stat().st_size // 3)
        f.write(os.urandom(64))


def corrupt_current(folder):
    (folder / "CURRENT").write_text("MANIFEST-999999\n")


def corrupt_manifest(folder):
    manifest = next(folder.glob("MANIFEST-*"))
    manifest.write_bytes(manifest.read_bytes()[:40] + b"\x00garbage" * 8)


DAMAGES = [truncate_an_sst, random_bytes_in_an_sst, corrupt_current, corrupt_manifest]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_store_is_rebuilt_by_the_next_lookup(damage, cache, monkeypatch, kg_data):
    kg_data(person("ana-edit", "Ana Edit"), "edits.ttl")
    first = build_store()
    damage(first.path)
    assert shown("Ana Edit", monkeypatch) == f"Ana Edit  ({KG}ana-edit)"
    assert not first.path.exists()


@pytest.mark.parametrize("damage", DAMAGES)
def test_kg_build_rebuilds_a_damaged_store(damage, cache, monkeypatch):
    first = build_store()
    damage(first.path)
    forget_open_stores(monkeypatch)
    result = invoke(["build"])
    assert result.output.startswith("Built the store: ")
    assert shown("Bullrich", monkeypatch) == f"Patricia Bullrich  ({KG}patricia-bullrich)"


def test_changing_a_small_file_reloads_only_its_graph(big_and_small, cache, monkeypatch):
    big, small = big_and_small
    first = build_store()
    small.write_text(PREFIXES + person("ana-edit", "Ana Cambiada", "Anita Nueva"), encoding="utf-8")
    forbid_full_builds(monkeypatch)
    assert shown("Ana Cambiada", monkeypatch) == f"Ana Cambiada  ({KG}ana-edit)"
    assert shown("Anita Nueva", monkeypatch) == f"Ana Cambiada  ({KG}ana-edit)"
    assert shown("Ana Edit", monkeypatch, expect=1).startswith("Error: no actor matches 'Ana Edit'")
    rebuilt = build_store()
    assert rebuilt.path != first.path and rebuilt.triples == first.triples
    os.utime(small, ns=(small.stat().st_atime_ns, small.stat().st_mtime_ns + 10**9))
    forget_open_stores(monkeypatch)
    assert invoke(["build"]).output.startswith(
        f"Rebuilt the store incrementally: 1 changed KG_DATA file(s) reloaded, {first.triples:,} triples")
    monkeypatch.undo()
    monkeypatch.setenv("KG_CACHE", str(cache))
    monkeypatch.setenv("KG_DATA", f"{big}{os.pathsep}{small}")
    assert build_store(force=True).triples == rebuilt.triples


def test_adding_and_removing_a_file_updates_its_actors(big_and_small, cache, tmp_path, monkeypatch):
    big, small = big_and_small
    build_store()
    added = tmp_path / "more.ttl"
    added.write_text(PREFIXES + person("bruno-nuevo", "Bruno Nuevo"), encoding="utf-8")
    monkeypatch.setenv("KG_DATA", f"{big}{os.pathsep}{small}{os.pathsep}{added}")
    forbid_full_builds(monkeypatch)
    assert shown("Bruno Nuevo", monkeypatch) == f"Bruno Nuevo  ({KG}bruno-nuevo)"
    assert shown("Ana Edit", monkeypatch) == f"Ana Edit  ({KG}ana-edit)"
    monkeypatch.setenv("KG_DATA", f"{big}{os.pathsep}{added}")
    assert shown("Bruno Nuevo", monkeypatch) == f"Bruno Nuevo  ({KG}bruno-nuevo)"
    assert shown("Ana Edit", monkeypatch, expect=1).startswith("Error: no actor matches 'Ana Edit'")


def test_an_alias_added_to_a_shipped_actor_comes_and_goes_with_its_file(cache, kg_data, monkeypatch):
    build_store()
    edits = kg_data('kg:javier-milei skos:altLabel "El Peluca" .\n', "alias.ttl")
    forbid_full_builds(monkeypatch)
    milei = f"Javier Milei  ({KG}javier-milei)"
    assert shown("El Peluca", monkeypatch) == milei
    edits.write_text(PREFIXES + 'kg:javier-milei skos:altLabel "El Leon" .\n', encoding="utf-8")
    assert shown("El Leon", monkeypatch) == milei
    assert shown("Milei", monkeypatch) == milei
    assert shown("El Peluca", monkeypatch, expect=1).startswith("Error: no actor matches 'El Peluca'")


def test_a_changed_n_quads_file_rebuilds_everything(cache, tmp_path, monkeypatch):
    quads = tmp_path / "extra.nq"
    quads.write_text(f'<{KG}ana> <http://www.w3.org/2000/01/rdf-schema#label> "Ana" <{KG}g> .\n')
    monkeypatch.setenv("KG_DATA", str(quads))
    build_store()
    quads.write_text(f'<{KG}ana> <http://www.w3.org/2000/01/rdf-schema#label> "Ana María" <{KG}g> .\n')
    monkeypatch.setattr(kg.store.building, "build_incremental", lambda *a, **k: pytest.fail("incremental"))
    assert build_store().changed is None


def test_a_lookup_that_builds_says_so_on_stderr(cache, monkeypatch, kg_data):
    monkeypatch.setattr(kg.store.cache, "PROGRESS_AFTER", 0.0)
    kg_data(person("ana-edit", "Ana Edit"), "edits.ttl")
    result = invoke(["show", "Ana Edit"])
    assert "kg: building the store in" in result.stderr and "kg: store built in" in result.stderr
    assert result.stdout.startswith(f"Ana Edit  ({KG}ana-edit)")


@pytest.mark.parametrize("step", ["load", "update_name_index"])
def test_a_killed_incremental_rebuild_leaves_the_previous_store_in_use(step, big_and_small, cache, monkeypatch):
    """SIGKILL once the rebuild has loaded the changed file, or updated the name index, in its folder."""
    big, small = big_and_small
    first = build_store()
    small.write_text(PREFIXES + person("ana-edit", "Ana Cambiada"), encoding="utf-8")
    done = cache / "step-done"
    script = (f"import pathlib, time, kg.store.building as b; step = b.{step}\n"
              f"def slow(*a, **k): step(*a, **k); pathlib.Path({str(done)!r}).touch(); time.sleep(30)\n"
              f"b.{step} = slow\nfrom kg.store.cache import build_store; build_store()")
    child = subprocess.Popen([sys.executable, "-c", script], env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while not done.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert done.exists() and list(cache.glob("build-*/CURRENT")), "the rebuild never got there"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    # The previous store is still current and whole: the next lookup rebuilds from it.
    assert kg.store.cache._previous_store(cache) == first.path
    forbid_full_builds(monkeypatch)
    assert shown("Ana Cambiada", monkeypatch) == f"Ana Cambiada  ({KG}ana-edit)"
    assert "Patricia Bullrich" in invoke(["who-endorsed", "Javier Milei"]).output
    assert not list(cache.glob("build-*"))


@pytest.fixture
def replica(tmp_path):
    spec = importlib.util.spec_from_file_location("replica", BENCH / "replica.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


QUOTES = """SELECT ?statement ?source ?quote WHERE {
    ?statement prov:qualifiedDerivation ?d . ?d prov:entity ?source ; kgo:quote ?quote }"""


def test_a_kg_export_is_cut_where_no_blank_node_spans_and_loads_as_rdflib_does(replica, tmp_path, cache, monkeypatch):
    from kg.store.engines import open_engine

    data = tmp_path / "replica.nq"
    replica.generate(8000, data)
    monkeypatch.setenv("KG_DATA", str(data))
    monkeypatch.setattr(kg.store.bulkload, "SPLIT_BYTES", 0)
    parts = [job.parts[0] for job in kg.store.bulkload.plan([data])]
    assert len(parts) > 1
    labels = [set(kg.store.bulkload.BLANK_LABEL.findall(part.read())) for part in parts]
    assert all(a.isdisjoint(b) for i, a in enumerate(labels) for b in labels[i + 1:])
    rows = sorted((r["statement"].value, r["source"].value, r["quote"].value)
                  for r in open_engine("store").select(QUOTES))
    assert ("https://w3id.org/argentina2023/id/statement/endorsement-bullrich-milei-r2",
            "https://w3id.org/argentina2023/id/source/op-ed-r2") in {r[:2] for r in rows}
    assert rows == sorted((r["statement"].value, r["source"].value, r["quote"].value)
                          for r in open_engine("rdflib").select(QUOTES))


def test_a_file_that_one_blank_node_spans_loads_whole_with_a_warning(tmp_path, monkeypatch, capsys):
    data = tmp_path / "spanned.nt"
    lines = [f"_:first <{KG}p> <{KG}o{i}> .\n" if i in (0, 99) else f"<{KG}s{i}> <{KG}p> <{KG}o> .\n"
             for i in range(100)]
    data.write_text("".join(lines))
    monkeypatch.setattr(kg.store.bulkload, "SPLIT_BYTES", 0)
    monkeypatch.setattr(kg.store.bulkload, "SMALL_BYTES", 0)
    jobs = kg.store.bulkload.plan([data])
    assert [(job.parts[0].start, job.parts[0].end) for job in jobs] == [(0, data.stat().st_size)]
    assert f"kg: warning: {data} loads on one thread" in capsys.readouterr().err
