"""Hostile names never crash a lookup nor change whose endorsers are listed (property-based)."""

import json
from functools import cache

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import invoke

from kg.store.engines import open_engine

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib, once per quad

KG = "https://w3id.org/argentina2023/id/"
HOSTILE = ['"', "'", "}", "{", "} UNION {", "\n", "#", ".*", "(", ")", "[", "]", "\\", "$", "^", "|", "?", "+",
           ";", "<", ">", "\\u0022", "?x", "FILTER(true)", " ", "%", "*", "'''", '"""', "\t", "\x00"]

# The endorsers of each actor, written down from the sources, independent of the lookup code.
ENDORSERS = {
    KG + "javier-milei": {KG + "patricia-bullrich", KG + "mauricio-macri", KG + "pro-leading-figures",
                          KG + "luis-petri"},
    KG + "sergio-massa": {KG + "lula", KG + "andres-manuel-lopez-obrador", KG + "pedro-sanchez",
                          KG + "gustavo-petro", KG + "governors-for-massa"},
}

hostile = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map("".join)
settings_ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def endorsers_listed(name):
    # "--" ends the options, as on any command line, so that a name such as "-0" is a name
    # a name written as an IRI, <...>, that is not a valid one is malformed input (exit 2), as documented
    written_as_iri = name.strip().startswith("<") and name.strip().endswith(">")
    result = invoke(["who-endorsed", "--format", "json", "--", name], expect=(0, 1, 2) if written_as_iri else (0, 1))
    if result.exit_code in (1, 2):
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert result.exit_code == 1 or result.output.startswith("Error: not a valid IRI: ")
        return None, None
    data = json.loads(result.output)
    return data["actor"]["iri"], {e["endorser"]["iri"] for e in data["endorsements"]}


@settings_
@given(before=hostile, after=hostile, who=st.sampled_from(["Milei", "Javier Milei", "Sergio Massa", "massa"]))
def test_hostile_characters_around_a_name_never_change_its_endorsers(before, after, who):
    actor, endorsers = endorsers_listed(before + who + after)
    if actor is not None:
        assert endorsers == ENDORSERS[actor]
        assert actor.rsplit("/", 1)[-1].split("-")[-1] in who.lower()


@cache
def graph():
    return open_engine("rdflib")


def endorsers_in_graph(actor):
    rows = graph().select("SELECT ?actor ?endorser WHERE { ?endorser kgo:endorses ?actor }",
                          {"actor": ox.NamedNode(actor)})
    return {row["endorser"].value for row in rows}


@settings_
@given(name=st.one_of(hostile, st.text(max_size=40), st.tuples(st.text(max_size=10), hostile).map("".join)))
def test_any_text_lists_exactly_one_actors_endorsers_or_fails_in_one_line(name):
    actor, endorsers = endorsers_listed(name)
    if actor is not None:
        assert endorsers == endorsers_in_graph(actor)


def test_a_name_that_looks_like_an_option_is_a_usage_error_in_one_line():
    result = invoke(["who-endorsed", "-0"], expect=2)
    assert "No such option" in result.output
