"""The check queries on replicated data: k disjoint copies of a broken graph give each violation k times.

A check query that goes wrong at scale (a MINUS that drops too much, a join that loses or repeats rows
across copies) gives other violations here; its speed is measured by bench/bench_scale.py (`kg validate` at a million quads).
"""

import importlib.util
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.rdf.export import export
from kg.rdf.namespaces import PREFIXES
from kg.sparql.catalogue import named_queries
from kg.store.engines import open_engine
from kg.validation.rules import check_query_violations

COPIES = 3

# One violation or more of every check query.
BROKEN = """
kg:lula kgo:criticised kg:javier-milei .
kg:lula kgo:memberCount 3 .
st:fixture-claim a kgo:Claim ; rdf:subject kg:lula ; rdf:predicate kgo:endorses ; rdf:object kg:sergio-massa .
kg:lula kgo:endorses kg:sergio-massa .
st:fixture-unasserted a kgo:Endorsement ;
    rdf:subject kg:lula ; rdf:predicate kgo:endorses ; rdf:object kg:patricia-bullrich ;
    prov:wasDerivedFrom src:op-ed ;
    prov:qualifiedDerivation [ prov:entity src:open-letter ; kgo:quote "Lula endorsed Bullrich." ] .
kg:fixture-election a kgo:Election ; rdfs:label "Elección de prueba"@es .
"""


def _replica_module():
    path = Path(__file__).resolve().parents[1] / "bench" / "replica.py"
    spec = importlib.util.spec_from_file_location("replica", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _one_copy(text: str) -> str:
    """A violation's text as it reads in copy 0: without the copies' IRI and literal suffixes."""
    return re.sub(r" r\d+\b", "", re.sub(r"-r\d+\b", "", text))


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    """The check-query violations on one copy of the broken graph, and on COPIES copies of it."""
    folder = tmp_path_factory.mktemp("replica")
    broken = folder / "broken.ttl"
    broken.write_text("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + BROKEN,
                      encoding="utf-8")
    previous = os.environ.get("KG_DATA")
    os.environ["KG_DATA"] = str(broken)
    try:
        single = check_query_violations(open_engine("store"))
        module = _replica_module()
        lines = module.templates(export("nquads").decode("utf-8"))
        replica = folder / "replica.nq"
        with replica.open("w", encoding="utf-8") as out:
            module.write_copies(lines, range(1, COPIES), out)
        os.environ["KG_DATA"] = os.pathsep.join([str(broken), str(replica)])
        replicated = check_query_violations(open_engine("store"))
    finally:
        if previous is None:
            os.environ.pop("KG_DATA", None)
        else:
            os.environ["KG_DATA"] = previous
    return single, replicated


def test_every_check_query_finds_a_violation_in_the_fixture(violations):
    single, _ = violations
    checks = {q.name for q in named_queries().values() if q.is_check}
    assert {v.rule for v in single} == checks
    assert ("kg:lula", "check_fact_has_statement") in {(v.node, v.rule) for v in single}


@pytest.mark.parametrize("check", sorted(q.name for q in named_queries().values() if q.is_check))
def test_each_copy_has_the_same_violations(violations, check):
    single, replicated = violations
    expected = Counter({(v.node, v.message): COPIES for v in single if v.rule == check})
    found = Counter((_one_copy(v.node), _one_copy(v.message)) for v in replicated if v.rule == check)
    assert found == expected


def test_copies_are_named_apart(violations):
    _, replicated = violations
    nodes = {v.node for v in replicated if v.rule == "check_fact_has_statement"}
    assert {"kg:lula", "kg:lula-r1", "kg:lula-r2"} <= nodes
    messages = {v.message for v in replicated if v.node == "kg:lula-r2" and v.rule == "check_fact_has_statement"}
    assert "the fact kg:lula-r2 kgo:criticised kg:javier-milei-r2 has no statement node " \
           "(a kgo:Statement with its sources and quotes)" in messages
