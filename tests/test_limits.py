"""kg.sparql.limits: queries in worker processes, stopped at their deadline or row limit."""

import os
import signal
import threading

import pyoxigraph as ox
import pytest

from kg.errors import InputError, KgError, LimitError
from kg.sparql.limits import Limits, QueryPool
from kg.store.engines import open_engine  # noqa: F401  (registers the engine names)

KG = "https://w3id.org/argentina2023/id/"
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENDORSERS = "SELECT ?who ?actor WHERE { ?who kgo:endorses ?actor } ORDER BY ?who"


@pytest.fixture(scope="module")
def pool():
    with QueryPool("store", workers=2, limits=Limits(timeout=30)) as pool:
        yield pool


def endorsers_of(pool, actor, **limits):
    result = pool.run(ENDORSERS, {"actor": ox.NamedNode(KG + actor)}, Limits(**limits) if limits else None)
    return [row["who"].value for row in result.rows]


def test_answers_with_bound_terms(pool):
    assert endorsers_of(pool, "javier-milei") == [KG + "luis-petri", KG + "mauricio-macri",
                                                  KG + "patricia-bullrich", KG + "pro-leading-figures"]


def test_a_query_past_its_deadline_is_stopped_while_another_worker_answers(pool):
    massa = endorsers_of(pool, "sergio-massa")
    stopped = []

    def cross_join():
        with pytest.raises(LimitError, match=r"stopped at the 1\.5 s deadline"):
            pool.run(CROSS_JOIN, limits=Limits(timeout=1.5))
        stopped.append(True)

    thread = threading.Thread(target=cross_join)
    thread.start()
    answers = [endorsers_of(pool, "sergio-massa") for _ in range(3)]
    thread.join()
    assert stopped == [True] and answers == [massa] * 3
    assert KG + "pedro-sanchez" in massa
    assert endorsers_of(pool, "sergio-massa") == massa  # the killed worker was replaced


def test_more_rows_than_the_limit_is_an_error_not_a_truncated_answer(pool):
    with pytest.raises(LimitError, match="more than 3 rows: .*raise --max-rows"):
        endorsers_of(pool, "sergio-massa", max_rows=3)
    assert len(endorsers_of(pool, "javier-milei", max_rows=4)) == 4


def test_a_graph_result_counts_its_triples(pool):
    with pytest.raises(LimitError, match="more than 2 rows"):
        pool.run("CONSTRUCT WHERE { ?s ?p ?o }", limits=Limits(max_rows=2))
    triples = pool.run("CONSTRUCT WHERE { kg:javier-milei rdfs:label ?o }").triples
    assert ox.Triple(ox.NamedNode(KG + "javier-milei"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.Literal("Javier Milei", language="en")) in triples


def test_malformed_and_refused_queries_raise_input_errors(pool):
    with pytest.raises(InputError, match="malformed SPARQL"):
        pool.run("SELECT WHERE {")
    with pytest.raises(InputError, match="SERVICE is refused"):
        pool.run("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert pool.run("ASK { kg:javier-milei ?p ?o }").boolean is True


def test_a_worker_killed_during_a_query_is_reported_and_replaced():
    with QueryPool("store", limits=Limits(timeout=30)) as pool:
        assert pool.run("ASK { kg:sergio-massa ?p ?o }").boolean is True
        (worker,) = pool._all
        threading.Timer(0.5, os.kill, (worker.process.pid, signal.SIGKILL)).start()
        with pytest.raises(KgError, match="the query worker died"):
            pool.run(CROSS_JOIN)
        assert pool.run("ASK { kg:sergio-massa ?p ?o }").boolean is True


def test_a_worker_killed_while_idle_is_replaced_before_the_next_query():
    with QueryPool("store", limits=Limits(timeout=30)) as pool:
        assert pool.run("ASK { kg:sergio-massa ?p ?o }").boolean is True
        (worker,) = pool._all
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.wait()
        assert pool.run("ASK { kg:sergio-massa ?p ?o }").boolean is True


def test_limits_are_checked():
    with pytest.raises(InputError, match="positive number of seconds"):
        Limits(timeout=0)
    with pytest.raises(InputError, match="unknown engine 'nope'"):
        QueryPool("nope")
