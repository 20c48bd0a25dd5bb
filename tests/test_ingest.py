"""`kg ingest`: small articles of the tests' own, in English and Spanish, to candidate facts with their
sentences, a reviewed file to Turtle, and the result in the graph (validated, looked up)."""

import csv
import json
import warnings

import pytest

from conftest import invoke
from webapp import get, items, section, the_item, web_app

with warnings.catch_warnings():  # starlette's TestClient prefers httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ENGLISH = ("Provincial leaders pick sides\n\n"
           "The governor of Mendoza, Rodolfo Suárez, endorsed Sergio Massa on 9 November 2023. "
           "The mayor of Rosario, Pablo Javkin, declined to back Javier Milei.\n")
SPANISH = ("Juan Grabois, dirigente del Frente Patria Grande, respaldó a Sergio Massa el 12 de noviembre de 2023.\n"
           "La diputada Myriam Bregman no respaldará a nadie en el balotaje.\n"
           "Victoria Villarruel es la compañera de fórmula de Javier Milei.\n")


@pytest.fixture
def seeded(seeds_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("KG_SEEDS", str(seeds_dir))
    monkeypatch.delenv("KG_DATA", raising=False)
    return tmp_path


def facts(article, *options):
    rows = json.loads(invoke(["ingest", article, "--format", "json", *options]).output)
    return [(r["predicate"], r["subject"], r["subject_iri"], r["object"], r["object_iri"], r["negated"]) for r in rows], rows


def test_english_article_relations_and_quotes(seeded):
    article = seeded / "en.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    found, rows = facts(article, "--date", "2023-11-10")
    assert found == [
        ("org:holds", "Rodolfo Suárez", "", "Governor of Mendoza", "", False),
        ("kgo:endorses", "Rodolfo Suárez", "", "Sergio Massa", "kg:sergio-massa", False),
        ("org:holds", "Pablo Javkin", "", "Mayor of Rosario", "", False),
        ("kgo:withheldEndorsement", "Pablo Javkin", "", "Javier Milei", "kg:javier-milei", True),
    ]
    endorsement = rows[1]
    assert endorsement["quote"] == "The governor of Mendoza, Rodolfo Suárez, endorsed Sergio Massa on 9 November 2023."
    assert ENGLISH[endorsement["start"]:endorsement["end"]] == endorsement["quote"]
    assert (endorsement["date"], endorsement["date_inferred"]) == ("2023-11-09", False)
    assert (rows[3]["date"], rows[3]["date_inferred"]) == ("2023-11-10", True)
    assert rows[0]["subject_type"] == "foaf:Person" and rows[0]["object_type"] == "org:Post"


def test_spanish_article_membership_running_mate_and_denial(seeded):
    article = seeded / "es.txt"
    article.write_text(SPANISH, encoding="utf-8")
    found, rows = facts(article)
    assert found == [
        ("org:memberOf", "Juan Grabois", "", "Frente Patria Grande", "", False),
        ("kgo:endorses", "Juan Grabois", "", "Sergio Massa", "kg:sergio-massa", False),
        ("kgo:runningMate", "Javier Milei", "kg:javier-milei", "Victoria Villarruel", "kg:victoria-villarruel", False),
    ]
    assert rows[0]["role"] == "dirigente" and rows[0]["object_type"] == "kgo:PoliticalParty"
    assert rows[1]["date"] == "2023-11-12"
    assert rows[2]["quote"] == "Victoria Villarruel es la compañera de fórmula de Javier Milei."


@pytest.mark.parametrize("sentence", [
    "Mauricio Macri declined to back Sergio Massa.",
    "Mauricio Macri did not endorse Sergio Massa.",
    "Mauricio Macri no respaldará a Sergio Massa.",
    "Mauricio Macri se negó a apoyar a Sergio Massa.",
    "Mauricio Macri rechazó apoyar a Sergio Massa.",
    "Mauricio Macri no tiene intención de apoyar a Sergio Massa.",
    "Mauricio Macri ruled out backing Sergio Massa.",
    "Mauricio Macri rejected calls to back Sergio Massa.",
])
def test_a_denial_is_never_an_endorsement(seeded, sentence):
    article = seeded / "denial.txt"
    article.write_text(sentence + "\n", encoding="utf-8")
    found, _ = facts(article)
    assert found == [("kgo:withheldEndorsement", "Mauricio Macri", "kg:mauricio-macri", "Sergio Massa",
                      "kg:sergio-massa", True)]


@pytest.mark.parametrize("text, expected", [
    ("Patricia Bullrich y Luis Petri anunciaron su apoyo a Javier Milei.",
     [("kgo:endorses", "kg:patricia-bullrich", "kg:javier-milei"), ("kgo:endorses", "kg:luis-petri", "kg:javier-milei")]),
    ("Patricia Bullrich, Mauricio Macri and Luis Petri endorsed Javier Milei.",
     [("kgo:endorses", "kg:patricia-bullrich", "kg:javier-milei"), ("kgo:endorses", "kg:mauricio-macri", "kg:javier-milei"),
      ("kgo:endorses", "kg:luis-petri", "kg:javier-milei")]),
    ("Mauricio Macri, Patricia Bullrich endorsed Javier Milei.",  # no conjunction: no list
     [("kgo:endorses", "kg:patricia-bullrich", "kg:javier-milei")]),
    ("Mauricio Macri rejected Sergio Massa and announced his support for Javier Milei.",
     [("kgo:criticised", "kg:mauricio-macri", "kg:sergio-massa"), ("kgo:endorses", "kg:mauricio-macri", "kg:javier-milei")]),
    ("Sergio Massa eligió a Agustín Rossi como compañero de fórmula.",
     [("kgo:runningMate", "kg:sergio-massa", "kg:agustin-rossi")]),
    ("Sergio Massa y su compañero de fórmula, Agustín Rossi, cerraron la campaña en Tigre.",
     [("kgo:runningMate", "kg:sergio-massa", "kg:agustin-rossi")]),
    ("Javier Milei picked Victoria Villarruel as running mate.",
     [("kgo:runningMate", "kg:javier-milei", "kg:victoria-villarruel")]),
])
def test_lists_of_subjects_and_running_mates_chosen_as_such(seeded, text, expected):
    article = seeded / "lists.txt"
    article.write_text(text + "\n", encoding="utf-8")
    found, rows = facts(article)
    assert [(f[0], f[2], f[4]) for f in found] == expected
    assert {row["quote"] for row in rows} == {text}


@pytest.mark.parametrize("sentence", ["Mauricio Macri no respaldará a nadie.", "Mauricio Macri declined to back anyone."])
def test_endorsing_nobody_proposes_nothing(seeded, sentence):
    article = seeded / "nobody.txt"
    article.write_text(sentence + "\n", encoding="utf-8")
    assert facts(article)[0] == []


def test_an_ambiguous_name_is_left_for_review(seeded):
    article = seeded / "ambiguous.txt"
    article.write_text("Bolsonaro endorsed Javier Milei.\n", encoding="utf-8")
    _, [row] = facts(article)
    assert (row["subject"], row["subject_iri"], row["choices"]) == (
        "Bolsonaro", "", ["kg:eduardo-bolsonaro", "kg:jair-bolsonaro"])
    review = seeded / "review.tsv"
    invoke(["ingest", article, "-o", review])
    _decide(review, {row["id"]: "yes"})
    result = invoke(["ingest", "--apply", review, "-o", seeded / "out.ttl"], expect=2)
    assert "'Bolsonaro' has no IRI" in result.output and not (seeded / "out.ttl").exists()


def _edit(review, change):
    """Rewrite a review file with `change(row)` applied to each row; the rows."""
    with review.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream, delimiter="\t")
        columns, rows = reader.fieldnames, list(reader)
    for row in rows:
        change(row)
    with review.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, columns, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def _decide(review, decisions):
    return _edit(review, lambda row: row.update(accept=decisions.get(row["id"], row["accept"])))


def test_ingest_review_apply_validate_and_look_up(seeded, monkeypatch):
    article = seeded / "es.txt"
    article.write_text(SPANISH, encoding="utf-8")
    review = seeded / "review" / "grabois.tsv"
    review.parent.mkdir()
    invoke(["ingest", article, "-o", review, "--title", "Grabois respalda a Massa", "--publisher", "Diario Test",
            "--date", "2023-11-13"])
    rows = list(csv.DictReader(review.open(encoding="utf-8"), delimiter="\t"))
    endorsement = next(r["id"] for r in rows if r["predicate"] == "kgo:endorses")
    membership = next(r["id"] for r in rows if r["predicate"] == "org:memberOf")
    ticket = next(r["id"] for r in rows if r["predicate"] == "kgo:runningMate")
    _decide(review, {endorsement: "yes", membership: "no", ticket: "yes"})
    out = seeded / "data" / "grabois.ttl"
    out.parent.mkdir()
    invoke(["ingest", "--apply", review, "-o", out])
    turtle = out.read_text(encoding="utf-8")
    assert 'kgo:quote "Juan Grabois, dirigente del Frente Patria Grande, respaldó a Sergio Massa el 12 de noviembre de 2023."' in turtle
    assert "kg:juan-grabois kgo:endorses kg:sergio-massa ." in turtle
    assert "st:ticket-milei-villarruel prov:wasDerivedFrom" in turtle  # the graph's own ticket gains a source
    assert "memberOf" not in turtle
    invoke(["ingest", "--apply", review, "-o", seeded / "again.ttl"])
    assert (seeded / "again.ttl").read_bytes() == out.read_bytes()

    monkeypatch.setenv("KG_DATA", str(out))
    assert invoke(["validate"]).output.startswith("0 violations")
    who = json.loads(invoke(["who-endorsed", "Massa", "--format", "json"]).output)
    [grabois] = [e for e in who["endorsements"] if e["endorser"]["label"] == "Juan Grabois"]
    assert grabois["date"] == "2023-11-12"
    assert [(e["source"], e["file_name"], e["quote"]) for e in grabois["evidence"]] == [(
        "https://w3id.org/argentina2023/id/source/article-" + next(out.parent.glob("article-*.txt")).stem[8:],
        next(out.parent.glob("article-*.txt")).name,
        "Juan Grabois, dirigente del Frente Patria Grande, respaldó a Sergio Massa el 12 de noviembre de 2023.")]
    assert invoke(["ingest", article, "--format", "json"]).output.strip() == "[]"  # every row was decided


def test_bad_input_is_one_line(seeded):
    assert "cannot read" in invoke(["ingest", seeded / "missing.txt"], expect=2).output
    assert "needs -o" in invoke(["ingest", "--apply", seeded / "r.tsv"], expect=2).output
    (seeded / "a.txt").write_text("Hola.\n", encoding="utf-8")
    assert "not a date" in invoke(["ingest", seeded / "a.txt", "--date", "13/11/2023"], expect=2).output


HTML = """<!doctype html><html><head><title>Campaign roundup &amp; reactions</title>
<script>var s = "Milei endorsed Massa";</script></head><body><nav>Home | Politics</nav><article>
<p>Sergio Massa was endorsed by Axel Kicillof, the governor of Buenos Aires, on 3 November.</p>
<p>Javier Milei received the backing of Patricia Bullrich and Mauricio Macri.</p>
<p>Massa chose Agustín Rossi as his running mate.</p>
<p>Horacio Rodríguez Larreta did not back anyone.</p>
</article><footer>© News</footer></body></html>
"""


def test_html_article_passive_received_and_chosen_running_mate(seeded):
    article = seeded / "roundup.html"
    article.write_text(HTML, encoding="utf-8")
    found, rows = facts(article, "--date", "2023-11-10")
    assert found == [
        ("kgo:endorses", "Axel Kicillof", "", "Sergio Massa", "kg:sergio-massa", False),
        ("org:holds", "Axel Kicillof", "", "Governor of Buenos Aires", "", False),
        ("kgo:endorses", "Patricia Bullrich", "kg:patricia-bullrich", "Javier Milei", "kg:javier-milei", False),
        ("kgo:endorses", "Mauricio Macri", "kg:mauricio-macri", "Javier Milei", "kg:javier-milei", False),
        ("kgo:runningMate", "Massa", "kg:sergio-massa", "Agustín Rossi", "kg:agustin-rossi", False),
    ]
    assert rows[0]["quote"] == "Sergio Massa was endorsed by Axel Kicillof, the governor of Buenos Aires, on 3 November."
    assert (rows[0]["date"], rows[0]["date_inferred"]) == ("2023-11-03", True)  # the year is the article's
    review = seeded / "roundup.tsv"
    invoke(["ingest", article, "-o", review, "--date", "2023-11-10"])
    snapshot = json.loads((seeded / "roundup.article.json").read_text(encoding="utf-8"))
    assert snapshot["title"] == "Campaign roundup & reactions"
    text = (seeded / f"article-{snapshot['sha256'][:16]}.txt").read_text(encoding="utf-8")
    assert "var s" not in text and "Home | Politics" not in text and rows[0]["quote"] in text


def test_hostile_names_are_escaped_in_turtle(seeded, monkeypatch):
    article = seeded / "hostile.txt"
    article.write_text("The governor of Salta, Gustavo Sáenz, endorsed Sergio Massa.\n", encoding="utf-8")
    review = seeded / "hostile.tsv"
    invoke(["ingest", article, "-o", review, "--title", 'A "quoted" title\\ with <b>tags</b>'])

    def accept_endorsement(row):
        endorsement = row["predicate"] == "kgo:endorses"
        row["accept"] = "yes" if endorsement else "no"
        if endorsement:
            row["subject"] = 'Gustavo "Sáenz" \\ <script>'

    _edit(review, accept_endorsement)
    out = seeded / "hostile.ttl"
    invoke(["ingest", "--apply", review, "-o", out])
    turtle = out.read_text(encoding="utf-8")
    assert 'rdfs:label "Gustavo \\"Sáenz\\" \\\\ <script>"@en' in turtle
    assert 'dct:title "A \\"quoted\\" title\\\\ with <b>tags</b>"@en' in turtle
    monkeypatch.setenv("KG_DATA", str(out))
    assert invoke(["validate"]).output.startswith("0 violations")
    who = json.loads(invoke(["who-endorsed", "Massa", "--format", "json"]).output)
    assert 'Gustavo "Sáenz" \\ <script>' in {e["endorser"]["label"] for e in who["endorsements"]}


def test_an_edited_quote_must_stay_in_the_article(seeded):
    article = seeded / "edit.txt"
    article.write_text("Lula endorsed Sergio Massa.\n", encoding="utf-8")
    review = seeded / "edit.tsv"
    invoke(["ingest", article, "-o", review])
    _edit(review, lambda row: row.update(accept="yes", quote="Lula endorsed Javier Milei."))
    result = invoke(["ingest", "--apply", review, "-o", seeded / "edit.ttl"], expect=2)
    assert "the quote is not in the article's text" in result.output and not (seeded / "edit.ttl").exists()


def test_apposition_with_an_office_and_a_list_of_passive_subjects(seeded):
    article = seeded / "apposition.txt"
    article.write_text("Patricia Bullrich, the former security minister, backed Milei again on 13 November 2023.\n"
                       "Massa was endorsed by Lula and by Gustavo Petro.\n", encoding="utf-8")
    found, _ = facts(article)
    assert found == [
        ("org:holds", "Patricia Bullrich", "kg:patricia-bullrich", "security minister", "kg:post-security-minister", False),
        ("kgo:endorses", "Patricia Bullrich", "kg:patricia-bullrich", "Milei", "kg:javier-milei", False),
        ("kgo:endorses", "Lula", "kg:lula", "Massa", "kg:sergio-massa", False),
        ("kgo:endorses", "Gustavo Petro", "kg:gustavo-petro", "Massa", "kg:sergio-massa", False),
    ]


@pytest.mark.parametrize("text, expected", [
    ("Juntos por el Cambio opened its campaign in Córdoba. Luis Petri, who grew up in Mendoza, joined the coalition "
     "in 2015.", ("Luis Petri", "kg:luis-petri", "the coalition", "kg:juntos-por-el-cambio")),
    ("La Unión Cívica Radical eligió autoridades el lunes. Luis Petri forma parte del partido, que preside en Mendoza.",
     ("Luis Petri", "kg:luis-petri", "partido", "kg:ucr")),
])
def test_a_definite_description_names_the_party_or_coalition_named_before(seeded, text, expected):
    article = seeded / "coalition.txt"
    article.write_text(text + "\n", encoding="utf-8")
    found, rows = facts(article)
    assert [f[1:5] for f in found if f[0] == "org:memberOf"] == [expected]
    assert rows[-1]["quote"] == text.split(". ", 1)[1]


def test_a_definite_description_needs_its_kind_named_before(seeded):
    """"the party" is no coalition, and "the party leaders" is no description of an organisation."""
    article = seeded / "party.txt"
    article.write_text("Juntos por el Cambio met in Rosario. Luis Petri joined the party last year.\n"
                       "Patricia Bullrich joined the party leaders of Juntos por el Cambio on stage.\n", encoding="utf-8")
    assert [f for f in facts(article)[0] if f[0] == "org:memberOf"] == []


def test_a_list_of_objects_ends_at_its_last_conjunction(seeded):
    article = seeded / "list.txt"
    article.write_text("When Mauricio Macri endorsed Patricia Bullrich, Sergio Massa answered on the radio.\n"
                       "Lula endorsed Sergio Massa, Gustavo Petro and Pedro Sánchez, Luis Petri said.\n", encoding="utf-8")
    assert [(f[1], f[3]) for f in facts(article)[0]] == [
        ("Mauricio Macri", "Patricia Bullrich"), ("Lula", "Sergio Massa"), ("Lula", "Gustavo Petro"),
        ("Lula", "Pedro Sánchez")]


@pytest.mark.parametrize("text, expected", [
    ("Sergio Massa, the candidate of Unión por la Patria, ran in the first round.",
     [("kgo:candidateOf", "Sergio Massa", "kg:sergio-massa", "Unión por la Patria", "kg:union-por-la-patria", False),
      ("kgo:candidateIn", "Sergio Massa", "kg:sergio-massa", "first round", "kg:argentina-2023-first-round", False)]),
    ("Luis Petri ran for governor for the Radical Civic Union.",
     [("kgo:candidateOf", "Luis Petri", "kg:luis-petri", "Radical Civic Union", "kg:ucr", False)]),
    ("Javier Milei se postula a presidente por La Libertad Avanza.",
     [("kgo:candidateOf", "Javier Milei", "kg:javier-milei", "La Libertad Avanza", "kg:la-libertad-avanza", False)]),
    ("Patricia Bullrich es candidata a presidenta por Juntos por el Cambio y compitió en la primera vuelta.",
     [("kgo:candidateOf", "Patricia Bullrich", "kg:patricia-bullrich", "Juntos por el Cambio",
       "kg:juntos-por-el-cambio", False),
      ("kgo:candidateIn", "Patricia Bullrich", "kg:patricia-bullrich", "primera vuelta",
       "kg:argentina-2023-first-round", False)]),
    ("Mauricio Macri is not a candidate for Juntos por el Cambio.", []),
    ("Mauricio Macri no se postuló por Juntos por el Cambio.", []),
])
def test_candidacy_cues(seeded, text, expected):
    article = seeded / "candidacy.txt"
    article.write_text(text + "\n", encoding="utf-8")
    found, rows = facts(article)
    assert found == expected
    assert all(row["quote"] == text for row in rows)


FRESH = ("Radicals split over the runoff\n\n"
         "The Radical Civic Union met in Buenos Aires on Tuesday. Luis Petri, who was Bullrich's pick for vice president, "
         "joined the party in 2015. Economy Minister Sergio Massa was endorsed by Gustavo Petro on 14 November 2023. "
         "Victoria Villarruel is Javier Milei's running mate. Mauricio Macri refused to endorse Sergio Massa.\n")


def _accept_all_and_apply(seeded, monkeypatch, name, text, *options):
    """Ingest an article of the test's own to a review file, accept every row, apply it and put the Turtle in
    KG_DATA, which must then validate; the rows and the snapshot's file name."""
    article = seeded / f"{name}.txt"
    article.write_text(text, encoding="utf-8")
    review = seeded / f"{name}.tsv"
    invoke(["ingest", article, "-o", review, *options])
    rows = _edit(review, lambda row: row.update(accept="yes"))
    out = seeded / f"{name}.ttl"
    invoke(["ingest", "--apply", review, "-o", out])
    monkeypatch.setenv("KG_DATA", str(out))
    assert invoke(["validate"]).output.startswith("0 violations")
    return rows, next(seeded.glob("article-*.txt")).name


def _evidence(endorsed):
    """`kg who-endorsed ENDORSED`: each endorser's label -> the (quote, file name) pairs of its evidence."""
    who = json.loads(invoke(["who-endorsed", endorsed, "--format", "json"]).output)
    return {e["endorser"]["label"]: {(q["quote"], q["file_name"]) for q in e["evidence"]} for e in who["endorsements"]}


def test_a_fresh_article_end_to_end(seeded, monkeypatch):
    """Done when: its endorsements, running mates, memberships and offices proposed with their sentences, the
    denied endorsement not; all accepted, applied, validated and looked up with the new source."""
    rows, snapshot = _accept_all_and_apply(seeded, monkeypatch, "fresh", FRESH, "--date", "2023-11-15")
    assert [(r["predicate"], r["subject_iri"], r["object_iri"], r["quote"]) for r in rows] == [
        ("org:memberOf", "kg:luis-petri", "kg:ucr",
         "Luis Petri, who was Bullrich's pick for vice president, joined the party in 2015."),
        ("kgo:runningMate", "kg:patricia-bullrich", "kg:luis-petri",
         "Luis Petri, who was Bullrich's pick for vice president, joined the party in 2015."),
        ("org:holds", "kg:sergio-massa", "kg:post-economy-minister",
         "Economy Minister Sergio Massa was endorsed by Gustavo Petro on 14 November 2023."),
        ("kgo:endorses", "kg:gustavo-petro", "kg:sergio-massa",
         "Economy Minister Sergio Massa was endorsed by Gustavo Petro on 14 November 2023."),
        ("kgo:runningMate", "kg:javier-milei", "kg:victoria-villarruel", "Victoria Villarruel is Javier Milei's running mate."),
        ("kgo:withheldEndorsement", "kg:mauricio-macri", "kg:sergio-massa", "Mauricio Macri refused to endorse Sergio Massa."),
    ]
    endorsers = _evidence("Massa")
    assert "Mauricio Macri" not in endorsers
    assert ("Economy Minister Sergio Massa was endorsed by Gustavo Petro on 14 November 2023.", snapshot) in \
        endorsers["Gustavo Petro"]


FRESCO = ("Gobernadores y dirigentes eligen bando antes del balotaje\n\n"
          "El gobernador de Córdoba, Juan Schiaretti, no respaldará a nadie en la segunda vuelta. "
          "Patricia Bullrich y Luis Petri dieron su apoyo a Javier Milei el 25 de octubre de 2023. "
          "Mauricio Macri se negó a apoyar a Sergio Massa. "
          "Axel Kicillof, gobernador de Buenos Aires, respaldó a Sergio Massa el jueves. "
          "Massa eligió a Agustín Rossi como compañero de fórmula. "
          "Myriam Bregman, integrante del Frente de Izquierda, rechazó apoyar a Massa. "
          "Luis Petri se afilió a la Unión Cívica Radical en 2015.\n")

FRESCO_QUOTES = {number: text if text.endswith(".") else text + "."
                 for number, text in enumerate(FRESCO.split("\n\n")[1].strip().split(". "), start=1)}
FRESCO_OPTIONS = ("--lang", "es", "--date", "2023-11-17", "--title", "Gobernadores y dirigentes eligen bando",
                  "--publisher", "Diario Prueba", "--url", "https://example.org/politica/balotaje-gobernadores")


def test_a_fresh_spanish_article_end_to_end(seeded, monkeypatch):
    """The same in Spanish: new people introduced with an office or a party, a list of subjects, a running mate
    chosen "como compañero de fórmula", and three denials ("no respaldará a nadie", "se negó a apoyar",
    "rechazó apoyar") of which none becomes an endorsement."""
    rows, snapshot = _accept_all_and_apply(seeded, monkeypatch, "fresco", FRESCO, *FRESCO_OPTIONS)
    quote = FRESCO_QUOTES
    assert [(r["predicate"], r["subject"], r["subject_iri"], r["object"], r["object_iri"], r["quote"]) for r in rows] == [
        ("org:holds", "Juan Schiaretti", "", "Gobernador de Córdoba", "", quote[1]),
        ("kgo:endorses", "Patricia Bullrich", "kg:patricia-bullrich", "Javier Milei", "kg:javier-milei", quote[2]),
        ("kgo:endorses", "Luis Petri", "kg:luis-petri", "Javier Milei", "kg:javier-milei", quote[2]),
        ("kgo:withheldEndorsement", "Mauricio Macri", "kg:mauricio-macri", "Sergio Massa", "kg:sergio-massa", quote[3]),
        ("org:holds", "Axel Kicillof", "", "Gobernador de Buenos Aires", "", quote[4]),
        ("kgo:endorses", "Axel Kicillof", "", "Sergio Massa", "kg:sergio-massa", quote[4]),
        ("kgo:runningMate", "Massa", "kg:sergio-massa", "Agustín Rossi", "kg:agustin-rossi", quote[5]),
        ("org:memberOf", "Myriam Bregman", "", "Frente de Izquierda", "", quote[6]),
        ("kgo:withheldEndorsement", "Myriam Bregman", "", "Massa", "kg:sergio-massa", quote[6]),
        ("org:memberOf", "Luis Petri", "kg:luis-petri", "Unión Cívica Radical", "kg:ucr", quote[7]),
    ]
    assert [(r["date"], r["date_inferred"]) for r in rows if r["predicate"] == "kgo:endorses"] == [
        ("2023-10-25", "no"), ("2023-10-25", "no"), ("2023-11-17", "yes")]
    for_milei = _evidence("Milei")
    assert {(quote[2], snapshot)} <= for_milei["Patricia Bullrich"] and (quote[2], snapshot) in for_milei["Luis Petri"]
    for_massa = _evidence("Massa")
    assert for_massa["Axel Kicillof"] == {(quote[4], snapshot)}
    assert not {"Mauricio Macri", "Myriam Bregman", "Juan Schiaretti"} & set(for_massa)
    assert not {"Myriam Bregman", "Juan Schiaretti"} & set(for_milei)


def test_the_web_app_shows_an_ingested_source_like_the_shipped_ones(seeded, monkeypatch):
    """The applied article in KG_DATA: its page (title, publisher, date, url, the facts it supports), and its
    facts on the actors' pages with the quote and a link to it, beside the shipped sources' evidence."""
    rows, snapshot = _accept_all_and_apply(seeded, monkeypatch, "fresco", FRESCO, *FRESCO_OPTIONS)
    source, quote = f"/source/{snapshot.removesuffix('.txt')}", FRESCO_QUOTES
    cite = f'<a href="{source}">Gobernadores y dirigentes eligen bando</a> <span class="file">({snapshot})</span>'
    client = TestClient(web_app())
    page = get(client, source).text
    assert "<h1>Gobernadores y dirigentes eligen bando</h1>" in page
    assert '<dt>publisher</dt><dd><a href="/actor/diario-prueba">Diario Prueba</a></dd>' in page
    assert "<dt>issued</dt><dd>2023-11-17</dd>" in page and "<dt>language</dt><dd>es</dd>" in page
    assert "<dt>url</dt><dd>https://example.org/politica/balotaje-gobernadores</dd>" in page
    facts = section(page, "facts")
    assert len(items(facts)) == len(rows) == 10
    the_item(facts, 'Axel Kicillof <span class="relation">endorses</span> Sergio Massa', f"<blockquote>{quote[4]}</blockquote>")
    the_item(facts, 'Mauricio Macri <span class="relation">withheld endorsement from</span> Sergio Massa')
    kicillof = get(client, "/actor/axel-kicillof").text
    given = the_item(section(kicillof, "endorsements-given"), 'href="/actor/sergio-massa"')
    assert f"<blockquote>{quote[4]}</blockquote>" in given and cite in given
    held = the_item(section(kicillof, "offices-and-roles"), "Gobernador de Buenos Aires")
    assert f"<blockquote>{quote[4]}</blockquote>" in held and cite in held
    milei = get(client, "/actor/javier-milei").text
    bullrich = the_item(section(milei, "endorsements-received"), 'href="/actor/patricia-bullrich"')
    assert f"<blockquote>{quote[2]}</blockquote>" in bullrich and cite in bullrich
    assert '<a href="/source/op-ed">' in bullrich  # the shipped source's evidence stays beside it


@pytest.mark.parametrize("text, expected", [
    # a nationality before the title: the graph's post of that name
    ("Brazilian President Lula endorsed Sergio Massa.",
     [("org:holds", "Lula", "kg:lula", "President of Brazil", "kg:post-president-of-brazil", None),
      ("kgo:endorses", "Lula", "kg:lula", "Sergio Massa", "kg:sergio-massa", None)]),
    ("El presidente brasileño Lula respaldó a Sergio Massa.",
     [("org:holds", "Lula", "kg:lula", "President of Brazil", "kg:post-president-of-brazil", None),
      ("kgo:endorses", "Lula", "kg:lula", "Sergio Massa", "kg:sergio-massa", None)]),
    ("Colombian President Gustavo Petro and Spanish Prime Minister Pedro Sánchez backed Sergio Massa.",
     [("org:holds", "Gustavo Petro", "kg:gustavo-petro", "President of Colombia", "kg:post-president-of-colombia", None),
      ("kgo:endorses", "Gustavo Petro", "kg:gustavo-petro", "Sergio Massa", "kg:sergio-massa", None),
      ("org:holds", "Pedro Sánchez", "kg:pedro-sanchez", "Prime Minister of Spain", "kg:post-prime-minister-of-spain", None),
      ("kgo:endorses", "Pedro Sánchez", "kg:pedro-sanchez", "Sergio Massa", "kg:sergio-massa", None)]),
    # a place before or after the title, a person new to the graph: a new post in the title's language
    ("Buenos Aires Governor Axel Kicillof endorsed Sergio Massa.",
     [("org:holds", "Axel Kicillof", "", "Governor of Buenos Aires", "", None),
      ("kgo:endorses", "Axel Kicillof", "", "Sergio Massa", "kg:sergio-massa", None)]),
    ("El gobernador bonaerense Axel Kicillof respaldó a Sergio Massa.",
     [("org:holds", "Axel Kicillof", "", "Gobernador de Buenos Aires", "", None),
      ("kgo:endorses", "Axel Kicillof", "", "Sergio Massa", "kg:sergio-massa", None)]),
    ("La gobernadora de Santa Fe Ana Pérez no respaldará a nadie.",
     [("org:holds", "Ana Pérez", "", "Gobernadora de Santa Fe", "", None)]),
    # former, ex-: a past office; without a place, the post of that title the graph says the person held
    ("The former president Mauricio Macri endorsed Javier Milei.",
     [("org:holds", "Mauricio Macri", "kg:mauricio-macri", "President of Argentina", "kg:post-president-of-argentina", False),
      ("kgo:endorses", "Mauricio Macri", "kg:mauricio-macri", "Javier Milei", "kg:javier-milei", None)]),
    ("El expresidente Mauricio Macri se negó a apoyar a Sergio Massa.",
     [("org:holds", "Mauricio Macri", "kg:mauricio-macri", "President of Argentina", "kg:post-president-of-argentina", False),
      ("kgo:withheldEndorsement", "Mauricio Macri", "kg:mauricio-macri", "Sergio Massa", "kg:sergio-massa", None)]),
    ("El exgobernador mendocino Alfredo Cornejo apoyó a Javier Milei.",
     [("org:holds", "Alfredo Cornejo", "", "Gobernador de Mendoza", "", False),
      ("kgo:endorses", "Alfredo Cornejo", "", "Javier Milei", "kg:javier-milei", None)]),
    ("Former Security Minister Patricia Bullrich endorsed Javier Milei.",
     [("org:holds", "Patricia Bullrich", "kg:patricia-bullrich", "Security Minister", "kg:post-security-minister", False),
      ("kgo:endorses", "Patricia Bullrich", "kg:patricia-bullrich", "Javier Milei", "kg:javier-milei", None)]),
    ("The former governor of Mendoza, Rodolfo Suárez, backed Javier Milei.",
     [("org:holds", "Rodolfo Suárez", "", "Governor of Mendoza", "", False),
      ("kgo:endorses", "Rodolfo Suárez", "", "Javier Milei", "kg:javier-milei", None)]),
    # a title that says not of where, for someone the graph records in no such post; a title before no name
    ("President Donald Trump praised Javier Milei.", []),
    ("The Brazilian president met Sergio Massa in Brasília.", []),
])
def test_a_title_before_a_name_with_its_nationality_or_place_and_former(seeded, text, expected):
    article = seeded / "title.txt"
    article.write_text(text + "\n", encoding="utf-8")
    found, rows = facts(article)
    assert [(*f[:5], r["current"]) for f, r in zip(found, rows)] == expected
    assert all(row["quote"] == text for row in rows)


def test_a_former_office_is_applied_as_not_current(seeded, monkeypatch):
    rows, _ = _accept_all_and_apply(seeded, monkeypatch, "former", "El exgobernador mendocino Alfredo Cornejo apoyó a "
                                    "Javier Milei. The former president Mauricio Macri endorsed Javier Milei.\n")
    assert [(r["predicate"], r["current"]) for r in rows] == [
        ("org:holds", "no"), ("kgo:endorses", ""), ("org:holds", "no"), ("kgo:endorses", "")]
    turtle = (seeded / "former.ttl").read_text(encoding="utf-8")
    new_post = turtle[turtle.index(f"st:ingested-{rows[0]['id']}"):]
    assert "kgo:current false" in new_post[:new_post.index(" .\n")]
    show = invoke(["show", "Alfredo Cornejo"]).output
    assert "Gobernador de Mendoza" in show
