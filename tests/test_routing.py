"""kg.sparql.routing: a query seen to be cheap runs in process afterwards, with the same answer, safety and
row limit; an unknown or expensive one still goes to a worker, whose deadline holds."""

import pyoxigraph as ox
import pytest

from kg.errors import InputError, LimitError
from kg.sparql.limits import Limits, QueryPool
from kg.sparql.routing import QueryRouter
from kg.store.engines import open_engine  # noqa: F401  (registers the engine names)

KG = "https://w3id.org/argentina2023/id/"
ENDORSERS = "SELECT ?who ?actor WHERE { ?who kgo:endorses ?actor } ORDER BY ?who"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class CountingPool(QueryPool):
    """A QueryPool that records the queries its workers answered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent = []

    def run_timed(self, sparql, bindings=None, limits=None):
        self.sent.append(sparql)
        return super().run_timed(sparql, bindings, limits)


@pytest.fixture
def router():
    with CountingPool("store", workers=1, limits=Limits(timeout=30)) as pool:
        yield QueryRouter(pool, fast_seconds=5.0)


def endorsers(router, actor, **limits):
    result = router.run(ENDORSERS, {"actor": ox.NamedNode(KG + actor)}, Limits(**limits) if limits else None)
    return [row["who"].value.removeprefix(KG) for row in result.rows]


def test_a_cheap_query_runs_in_process_the_second_time_with_the_same_answer(router):
    first = endorsers(router, "javier-milei")
    assert first == ["luis-petri", "mauricio-macri", "patricia-bullrich", "pro-leading-figures"]
    assert endorsers(router, "javier-milei") == first
    assert router.pool.sent == [ENDORSERS]


def test_other_bindings_are_another_query(router):
    endorsers(router, "javier-milei")
    assert "pedro-sanchez" in endorsers(router, "sergio-massa")
    assert router.pool.sent == [ENDORSERS, ENDORSERS]


def test_the_row_limit_holds_in_process(router):
    endorsers(router, "javier-milei")
    with pytest.raises(LimitError, match="more than 3 rows: stopped, nothing shown"):
        endorsers(router, "javier-milei", max_rows=3)
    assert router.pool.sent == [ENDORSERS]


def test_refused_queries_are_never_taken_for_cheap(router):
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(InputError, match="SERVICE"):
            router.run(service)
    assert router.pool.sent == [service, service]


def test_an_expensive_query_stays_in_the_workers_and_its_deadline_holds():
    with CountingPool("store", workers=1, limits=Limits(timeout=1)) as pool:
        router = QueryRouter(pool)
        for _ in range(2):
            with pytest.raises(LimitError, match="stopped at the 1 s deadline"):
                router.run(CROSS_JOIN)
        assert pool.sent == [CROSS_JOIN, CROSS_JOIN]
        assert "patricia-bullrich" in endorsers(router, "javier-milei")
