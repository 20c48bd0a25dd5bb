"""Accepted review rows to Turtle in kg's model (docs/modelling.md), byte for byte the same on every run.

The article becomes a kgo:SourceDocument (file name, title, author, publisher, date, URL, sha256, genre,
stance, language); each accepted fact a statement node typed by its relation, with its dates, the article as
prov:wasDerivedFrom and a qualified derivation quoting its sentence, and the plain triple beside it. A fact
the graph already holds gets the article as one more source of its own statement node. New actors get their
type, English label and the article as provenance.
"""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.ingest.candidates import DATED, STATEMENT_CLASSES
from kg.ingest.review import Article, decision, yes_or_no
from kg.names.normalise import normalise
from kg.rdf.namespaces import ID_NS, PREFIXES, compact_iri, expand_iri, shorten
from kg.sparql.catalogue import get_query

NEW_TYPES = frozenset({"foaf:Person", "kgo:PoliticalParty", "kgo:Coalition", "kgo:PoliticalMovement",
                       "kgo:TradeUnion", "kgo:SocialMovement", "kgo:ThinkTank", "kgo:InternationalBody",
                       "kgo:Publisher", "kgo:GovernmentBody", "org:Organization", "kgo:Group", "kgo:Country",
                       "kgo:Region", "kgo:City", "org:Post", "kgo:Event"})
_DATE_TYPES = {10: "xsd:date", 7: "xsd:gYearMonth", 4: "xsd:gYear"}
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def literal(text: str, language: str = "") -> str:
    """A Turtle string literal, escaped, with its language tag if any."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"' + (f"@{language}" if language else "")


def dated(value: str) -> str:
    if not _DATE.match(value):
        raise InputError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {shorten(value)!r}")
    return f"{literal(value)}^^{_DATE_TYPES[len(value)]}"


def slug(text: str) -> str:
    return "-".join(normalise(text).split())[:60] or "actor"


def source_iri(article: Article) -> str:
    return f"src:article-{article.sha256[:16]}"


class TurtleWriter:
    """Collects the blocks of the output, keyed by subject, and the new actors' IRIs by type and label."""

    def __init__(self, article: Article, engine, known: set[str]):
        self.article, self.engine, self.known = article, engine, known
        self.blocks: dict[str, list[str]] = {}
        self.new_actors: dict[tuple[str, str], str] = {}
        self.mentioned: set[str] = set()

    def actor(self, text: str, iri_text: str, type_text: str, row_id: str) -> str:
        """The compact IRI of a row's subject or object: the one given, or a new actor's."""
        if iri_text.strip():
            iri = expand_iri(iri_text.strip())
            if iri is None:
                raise InputError(f"row {row_id}: not an IRI: {shorten(iri_text)!r}")
            self.mentioned.add(compact_iri(iri))
            return compact_iri(iri)
        type_text = type_text.strip()
        if type_text not in NEW_TYPES:
            raise InputError(f"row {row_id}: {shorten(text)!r} has no IRI; give one (of: {shorten(type_text or '-')}) "
                             f"or a type for a new actor ({', '.join(sorted(NEW_TYPES))})")
        return self.new_actor(text.strip(), type_text)

    def new_actor(self, label: str, type_text: str) -> str:
        key = (type_text, normalise(label))
        if key not in self.new_actors:
            local = slug(label)
            if ID_NS + local in self.known or any(v == f"kg:{local}" for v in self.new_actors.values()):
                local += "-" + self.article.sha256[:6]
            self.new_actors[key] = f"kg:{local}"
            language = self.article.language if self.article.language != "en" else ""
            labels = [literal(label, "en")] + ([literal(label, language)] if language else [])
            self.blocks[f"kg:{local}"] = [f"kg:{local} a {type_text} ;", f"    rdfs:label {', '.join(labels)} ;",
                                          f"    prov:wasDerivedFrom {source_iri(self.article)} ."]
        return self.new_actors[key]

    def existing_statement(self, subject: str, predicate: str, obj: str) -> str | None:
        bindings = {name: _node(value) for name, value in (("subject", subject), ("predicate", predicate),
                                                           ("object", obj))}
        rows = self.engine.select(get_query("ingest_statement").text, bindings)
        return compact_iri(rows[0]["statement"].value) if rows else None


def _node(compact: str):
    import pyoxigraph as ox

    return ox.NamedNode(expand_iri(compact))


def _source_block(article: Article, people: dict[str, str]) -> list[str]:
    title = article.title or f"Article {article.sha256[:16]}"
    lines = [f"{source_iri(article)} a kgo:SourceDocument ;", f"    rdfs:label {literal(title, 'en')} ;",
             f"    dct:title {literal(title, article.language)} ;", f"    kgo:fileName {literal(article.file_name)} ;",
             f"    dct:identifier {literal('sha256:' + article.sha256)} ;"]
    for prop in ("creator", "publisher"):
        if prop in people:
            lines.append(f"    dct:{prop} {people[prop]} ;")
    if article.date:
        lines.append(f"    dct:issued {dated(article.date)} ;")
    if article.url:
        lines.append(f"    kgo:url {literal(article.url)}^^xsd:anyURI ;")
    lines += [f"    kgo:genre kg:genre-{article.genre} ;", f"    kgo:stance kg:stance-{article.stance} ;",
              f"    dct:language {literal(article.language)} ."]
    return lines


def _statement_lines(row: dict, article: Article) -> list[str]:
    lines = []
    if row.get("date", "").strip() and row["predicate"] in DATED:
        lines.append(f"    kgo:date {dated(row['date'].strip())} ;")
        if row.get("date_inferred", "").strip().lower() in ("yes", "true", "1"):
            lines.append(f"    kgo:inferred {literal('date: not stated in the sentence; the article is dated ' + article.date)} ;"
                         if row["date"].strip() == article.date else
                         f"    kgo:inferred {literal('date: the year is that of the article')} ;")
    if row["predicate"] in ("org:memberOf", "org:holds", "org:headOf"):
        if row.get("role", "").strip():
            lines.append(f"    kgo:role {literal(row['role'].strip())} ;")
        current = yes_or_no(row, "current")
        if current is not None:  # "the former president": an office the sentence calls past
            lines.append(f"    kgo:current {'true' if current else 'false'} ;")
    return lines


def accepted_turtle(article: Article, text: str, rows: list[dict], engine, known: set[str]) -> str:
    """The Turtle of the accepted rows (see the module's docstring); InputError for a row that cannot be applied."""
    writer = TurtleWriter(article, engine, known)
    people = {}
    if article.author:
        people["creator"] = writer.new_actor(article.author, "foaf:Person")
    if article.publisher:
        people["publisher"] = writer.new_actor(article.publisher, "kgo:Publisher")
    facts: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        if decision(row) != "accept":
            continue
        if row["predicate"] not in STATEMENT_CLASSES:
            raise InputError(f"row {row['id']}: unknown predicate {shorten(row['predicate'])!r}")
        _check_quote(row, text)
        subject = writer.actor(row["subject"], row.get("subject_iri", ""), row.get("subject_type", ""), row["id"])
        obj = writer.actor(row["object"], row.get("object_iri", ""), row.get("object_type", ""), row["id"])
        facts.setdefault((subject, row["predicate"], obj), []).append(row)
    src = source_iri(article)
    for (subject, predicate, obj), fact_rows in sorted(facts.items()):
        quotes = sorted({" ".join(r["quote"].split()) for r in fact_rows})
        derivations = ",\n".join(f"        [ prov:entity {src} ; kgo:quote {literal(q)} ]" for q in quotes)
        existing = writer.existing_statement(subject, predicate, obj)
        if existing:
            writer.blocks[existing] = [f"{existing} prov:wasDerivedFrom {src} ;",
                                       f"    prov:qualifiedDerivation\n{derivations} ."]
            continue
        node = f"st:ingested-{min(r['id'] for r in fact_rows)}"
        writer.blocks[node] = [f"{node} a {STATEMENT_CLASSES[predicate]} ;",
                               f"    rdf:subject {subject} ; rdf:predicate {predicate} ; rdf:object {obj} ;",
                               *_statement_lines(fact_rows[0], article),
                               f"    prov:wasDerivedFrom {src} ;", f"    prov:qualifiedDerivation\n{derivations} .",
                               f"{subject} {predicate} {obj} ."]
    for iri in sorted(writer.mentioned - set(writer.blocks)):
        if iri.startswith("kg:"):
            writer.blocks.setdefault(iri, [f"{iri} prov:wasDerivedFrom {src} ."])
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    body = "\n\n".join("\n".join(writer.blocks[key]) for key in sorted(writer.blocks))
    comment = f"# Ingested from {article.file_name} (sha256 {article.sha256}) by kg ingest --apply.\n"
    return comment + header + "\n" + "\n".join(_source_block(article, people)) + "\n\n" + body + "\n"


def _check_quote(row: dict, text: str) -> None:
    """The row's quote is the article's text (whitespace aside): one sentence, at most, of it."""
    quote = " ".join(row["quote"].split())
    if not quote or quote not in " ".join(text.split()):
        raise InputError(f"row {row['id']}: the quote is not in the article's text: {shorten(row['quote'])!r}")


def apply_review(review, output, engine) -> list:
    """Write the Turtle of a review's accepted rows to `output`, the article's text snapshot beside it (for
    kg validate's quote check) and the decisions file; the paths written."""
    from pathlib import Path

    from kg.ingest.gazetteer import Gazetteer
    from kg.ingest.review import decisions_path, read_review, render_decisions
    from kg.output.files import write_atomic

    article, text, rows = read_review(Path(review))
    output = Path(output)
    known = set(Gazetteer.from_engine(engine).kinds)
    turtle = accepted_turtle(article, text, rows, engine, known)
    snapshot = output.with_name(article.file_name)
    write_atomic(snapshot, text.encode("utf-8"))
    write_atomic(output, turtle.encode("utf-8"))
    write_atomic(decisions_path(output), render_decisions(rows, article.sha256).encode("utf-8"))
    return [output, snapshot, decisions_path(output)]
