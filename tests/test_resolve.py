"""The name resolver: labels and aliases in English and Spanish, accents, case, typos, ambiguity, IRIs."""

import pytest

from kg.errors import NotFoundError
from kg.names.normalise import normalise
from kg.names.resolve import resolve, search
from kg.store.engines import open_engine

KG = "https://w3id.org/argentina2023/id/"


@pytest.fixture(scope="module")
def engine():
    return open_engine("store")


def test_normalise_drops_case_accents_and_punctuation():
    assert normalise("  Unión   por la PATRIA ") == "union por la patria"
    assert normalise("Argentina’s U.S. op-ed") == "argentinas us op ed"


@pytest.mark.parametrize(
    "name, iri",
    [
        ("sergio MASSA", "sergio-massa"),
        ("Union por la Patria", "union-por-la-patria"),
        ("Unión por la Patria", "union-por-la-patria"),
        ("Union for the Homeland", "union-por-la-patria"),
        ("Liberty Advances", "la-libertad-avanza"),
        ("la libertad avanza", "la-libertad-avanza"),
        ("Milei", "javier-milei"),
        ("lopez obrador", "andres-manuel-lopez-obrador"),
        ("Obrador", "andres-manuel-lopez-obrador"),
        ("Cristina", "cristina-fernandez-de-kirchner"),
        ("Agustin", "agustin-rossi"),
        ("El Papa", "the-pope"),
        ("Bulrich", "patricia-bullrich"),
        ("kg:lula", "lula"),
        (f"<{KG}lula>", "lula"),
        (f"{KG}lula", "lula"),
    ],
)
def test_names_resolve_to_their_actor(engine, name, iri):
    assert resolve(name, engine).iri == KG + iri


def test_unknown_name_suggests_the_closest(engine):
    with pytest.raises(NotFoundError, match=r"^no actor matches 'Mliei'; did you mean: Javier Milei\?$"):
        resolve("Mliei", engine)


def test_nothing_close_gives_no_suggestion(engine):
    with pytest.raises(NotFoundError, match=r"^no actor matches 'Zzyzx'$"):
        resolve("Zzyzx", engine)


@pytest.mark.parametrize(
    "name, candidates",
    [
        ("Fernández", ["Alberto Fernández (kg:alberto-fernandez)",
                       "Cristina Fernández de Kirchner (kg:cristina-fernandez-de-kirchner)"]),
        ("Bolsonaro", ["Eduardo Bolsonaro (kg:eduardo-bolsonaro)", "Jair Bolsonaro (kg:jair-bolsonaro)"]),
        ("kirchner", ["Cristina Fernández de Kirchner (kg:cristina-fernandez-de-kirchner)",
                      "Néstor Kirchner (kg:nestor-kirchner)"]),
    ],
)
def test_ambiguous_name_lists_full_names_and_iris(engine, name, candidates):
    with pytest.raises(NotFoundError, match="matches several actors") as error:
        resolve(name, engine)
    for candidate in candidates:
        assert candidate in str(error.value)


def test_full_name_chooses_among_ambiguous(engine):
    assert resolve("Jair Bolsonaro", engine).iri == KG + "jair-bolsonaro"
    assert resolve("Alberto Fernández", engine).iri == KG + "alberto-fernandez"


def test_unknown_iri_is_not_found(engine):
    with pytest.raises(NotFoundError, match="no actor has the IRI"):
        resolve("kg:nobody-at-all", engine)


def test_search_ranks_full_names_first(engine):
    ranked = [actor.label for actor, _ in search("milei", engine)]
    assert ranked[0] == "Javier Milei"
    assert "Together for Change leaders who did not endorse Milei" in ranked
