"""The name index built with the store resolves names exactly as the full index does, reading only a few actors."""

import importlib.util
import os
from pathlib import Path

import pytest
from conftest import invoke

import kg.store.cache
from kg.errors import NotFoundError
from kg.names.index import NameIndex
from kg.names.normalise import normalise
from kg.names.resolve import name_index, resolve, search
from kg.names.stored import FILE, StoredNameIndex
from kg.sparql.oxigraph_engine import StoreEngine
from kg.store.engines import open_engine

BENCH = Path(__file__).resolve().parents[1] / "bench"

REAL_NAMES = ["Milei", "javier milei", "sergio MASSA", "Union por la Patria", "Unión por la Patria",
              "Liberty Advances", "La Libertad Avanza", "Fernández", "Bolsonaro", "Mliei", "Bulrich", "Agustín",
              "Bullri", "Lula", "kg:javier-milei", "Nobody Atall", "Cristina Fernandez de Kirchner"]


@pytest.fixture
def store_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(kg.store.cache, "_open_stores", {})
    return open_engine("store")


@pytest.fixture
def synthetic_data(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("synthetic", BENCH / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "synthetic.nt"
    module.generate(20_000, path)
    monkeypatch.setenv("KG_DATA", str(path))
    return module


def outcome(name, engine, index):
    try:
        return resolve(name, engine, index)
    except NotFoundError as error:
        return str(error)


def full_index(engine):
    return NameIndex.from_engine(StoreEngine(engine.store))


def test_the_store_build_writes_a_name_index(store_engine):
    assert (store_engine.folder / FILE).is_file()
    assert isinstance(name_index(store_engine), StoredNameIndex)


@pytest.mark.parametrize("name", REAL_NAMES)
def test_stored_index_resolves_real_names_as_the_full_index(store_engine, name):
    stored, full = name_index(store_engine), full_index(store_engine)
    assert outcome(name, store_engine, stored) == outcome(name, store_engine, full)


@pytest.mark.parametrize("name", ["Lucía Arrieta Quiroga", "lucia arrieta quiroga", "Arrieta Quiroga",
                                  "Lucia Arieta Quiroga", "Synthetic Party 3", "Partido Sintetico 3",
                                  "Javier Milei", "Sintética"])
def test_stored_index_resolves_synthetic_names_as_the_full_index(synthetic_data, store_engine, name):
    stored, full = name_index(store_engine), full_index(store_engine)
    assert outcome(name, store_engine, stored) == outcome(name, store_engine, full)


def test_a_lookup_reads_only_the_actors_that_can_match(synthetic_data, store_engine):
    stored, full = name_index(store_engine), full_index(store_engine)
    assert len(full.actors) > 500
    candidates = stored.for_query(normalise("Lucía Arrieta Quiroga"))
    assert [entry.label for entry in candidates.actors.values()] == ["Lucía Arrieta Quiroga"]
    assert resolve("Lucía Arrieta Quiroga", store_engine).iri.endswith("syn-person-000000")


def test_search_ranks_the_same_with_the_stored_index(synthetic_data, store_engine, monkeypatch):
    stored_results = search("Arrieta", store_engine, limit=20)
    monkeypatch.setattr("kg.names.resolve.name_index", lambda engine: full_index(engine))
    assert stored_results == search("Arrieta", store_engine, limit=20)
    assert len(stored_results) == 20


def test_restricting_the_stored_index_keeps_only_those_actors(store_engine):
    sources = ["https://w3id.org/argentina2023/id/source/comparison", "https://w3id.org/argentina2023/id/source/op-ed"]
    restricted = name_index(store_engine).restricted(sources)
    assert sorted(restricted.actors) == sources


def test_a_changed_name_index_makes_the_store_rebuilt(store_engine, monkeypatch):
    (store_engine.folder / FILE).write_bytes(b"not a database" * 100)
    monkeypatch.setattr(kg.store.cache, "_open_stores", {})
    result = invoke(["show", "Milei"])
    assert result.output.startswith("Javier Milei  (https://w3id.org/argentina2023/id/javier-milei)")
    assert open_engine("store").folder != store_engine.folder


def test_a_damaged_name_index_is_a_one_line_error(store_engine, monkeypatch):
    index = store_engine.folder / FILE
    stat = index.stat()
    index.write_bytes(b"not a database" * (stat.st_size // 14) + b"x" * (stat.st_size % 14))
    os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # past the integrity probe
    monkeypatch.setattr(kg.store.cache, "_open_stores", {})
    result = invoke(["who-endorsed", "Milei"], expect=2)
    assert "name index" in result.output and "kg build --force" in result.output


SEARCHES = ["Arrieta", "arrieta quiroga", "Lucía", "a", "Synthetic Party", "partido", "Arieta", "Quiroga L",
            "Fernández", "Milei", "Bullri", "de", "la libertad", "Unión por la Patria", "zzzz"]


@pytest.mark.parametrize("limit", [1, 3, 10, 60, 1000])
def test_a_stored_search_ranks_as_the_full_index_at_any_limit(synthetic_data, store_engine, monkeypatch, limit):
    """The stored search stops reading actors early: it must still give the full index's best `limit`."""
    stored = {text: search(text, store_engine, limit=limit) for text in SEARCHES}
    monkeypatch.setattr("kg.names.resolve.name_index", lambda engine: full_index(engine))
    assert stored == {text: search(text, store_engine, limit=limit) for text in SEARCHES}


def test_the_stored_tie_break_key_is_the_full_index_label(synthetic_data, store_engine):
    full = full_index(store_engine)
    stored = name_index(store_engine)
    keys = dict(stored.db.execute("SELECT iri, sort_key FROM actors"))
    assert keys == {iri: normalise(entry.label) for iri, entry in full.actors.items()}


def test_a_search_reads_a_batch_of_actors_not_every_look_alike(synthetic_data, store_engine, monkeypatch):
    stored = name_index(store_engine)
    look_alikes = stored.for_query("quiroga").actors  # 80 people named Quiroga: each scores ALIAS
    read = []
    original = StoredNameIndex._index

    def counting(self, column, keys):
        read.append(len(keys))
        return original(self, column, keys)

    monkeypatch.setattr(StoredNameIndex, "_index", counting)
    found = stored.search("quiroga", 5)
    assert len(look_alikes) == 80
    assert [(actor.label, score) for actor, score in found] == [
        ("Abril Arrieta Quiroga", 2.0), ("Abril Quiroga Benítez", 2.0), ("Agustina Arrieta Quiroga", 2.0),
        ("Agustina Quiroga Benítez", 2.0), ("Ailén Arrieta Quiroga", 2.0)]
    assert read == [50]
