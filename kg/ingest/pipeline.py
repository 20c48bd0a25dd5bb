"""From an article's text to its candidate facts: sentences, mentions, new actors, relations and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.ingest.actors import role_candidates
from kg.ingest.candidates import DATED, Candidate
from kg.ingest.coreference import definite_mentions
from kg.ingest.gazetteer import Gazetteer, Mention, find_mentions
from kg.ingest.members import member_candidates
from kg.ingest.relations import sentence_candidates
from kg.ingest.review import Article, candidate_row, decided_ids, text_sha256
from kg.ingest.text import detect_language, read_article
from kg.ingest.titles import post_candidates, titled_candidates
from kg.rdf.sentences import split_sentences

MONTHS = {name: number for number, names in enumerate((
    ("january", "enero"), ("february", "febrero"), ("march", "marzo"), ("april", "abril"), ("may", "mayo"),
    ("june", "junio"), ("july", "julio"), ("august", "agosto"), ("september", "septiembre", "setiembre"),
    ("october", "octubre"), ("november", "noviembre"), ("december", "diciembre")), start=1) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = (
    re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?:de\s+)?(?P<month>{_MONTH})(?:,?\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d))?\b", re.I),
    re.compile(rf"\b(?P<month>{_MONTH})\s+(?:de\s+|of\s+)?(?P<year>(?:19|20)\d\d)\b", re.I),
)


@dataclass(frozen=True)
class Proposal:
    text: str  # the article's plain text, as snapshotted
    mentions: list[Mention]
    candidates: list[Candidate]


def stated_date(sentence: str, article_date: str) -> tuple[str, bool]:
    """The date a sentence states (ISO: a day, or a year and month), with the article's year where it gives
    none, and whether anything was inferred; else the article's date, inferred; else ('', False)."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(sentence)
        if match is None:
            continue
        month = MONTHS[match.group("month").lower()]
        year = match.group("year") or article_date[:4]
        if not year:
            continue
        day = match.groupdict().get("day")
        value = f"{year}-{month:02d}-{int(day):02d}" if day else f"{year}-{month:02d}"
        return value, match.group("year") is None
    return article_date, bool(article_date)


def _surname_mentions(text: str, introduced: list[Mention], taken: list[Mention]) -> list[Mention]:
    """Later mentions of new people by their last name alone ("Suárez" after "Rodolfo Suárez")."""
    found = []
    for person in introduced:
        if person.kind != "person":
            continue
        surname = person.text.split()[-1]
        for match in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text[person.end:]):
            start, end = person.end + match.start(), person.end + match.end()
            if not any(m.start < end and start < m.end for m in taken + found):
                possessive = text[end:end + 2] in ("’s", "'s")
                found.append(replace(person, start=start, end=end, possessive=possessive))
    return found


def propose(text: str, gazetteer: Gazetteer, article_date: str = "") -> Proposal:
    """Every candidate fact of the article, in text order, one per relation, names and sentence."""
    sentences = split_sentences(text)
    mentions = find_mentions(text, gazetteer)
    introduced: list[Mention] = []
    role_found: list[Candidate] = []
    for sentence in sentences:
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        new, candidates = role_candidates(sentence, inside, gazetteer)
        titled, held = titled_candidates(sentence, sorted(inside + new, key=lambda m: m.start), gazetteer)
        introduced += [m for m in new + titled if m.kind != "post"]
        role_found += candidates + held
    everything = sorted(mentions + introduced, key=lambda m: m.start)
    everything = sorted(everything + _surname_mentions(text, introduced, everything), key=lambda m: m.start)
    everything = sorted(everything + definite_mentions(sentences, everything, gazetteer), key=lambda m: m.start)
    found = list(role_found)
    antecedent = None
    for sentence in sentences:
        inside = [m for m in everything if sentence.start <= m.start and m.end <= sentence.end]
        found += sentence_candidates(sentence, inside, antecedent) + post_candidates(sentence, inside)
        found += member_candidates(sentence, inside)
        antecedent = next((m for m in inside if m.kind == "person"), antecedent)
    unique: dict[tuple, Candidate] = {}
    for candidate in found:
        if candidate.predicate in DATED:
            candidate.date, candidate.date_inferred = stated_date(candidate.sentence.text, article_date)
        key = (candidate.predicate, candidate.subject.text, candidate.object.text, candidate.sentence.start)
        if key not in unique or unique[key].confidence < candidate.confidence:
            unique[key] = candidate
    ordered = sorted(unique.values(), key=lambda c: (c.sentence.start, c.subject.start, c.object.start, c.predicate))
    return Proposal(text, everything, ordered)


def ingest(path, engine, **metadata) -> tuple[Article, Proposal, list[dict]]:
    """Read an article file and propose its candidate facts, as review rows with stable ids; candidates
    already decided for this article (decisions files beside the KG_DATA files) are left out.

    `metadata` are Article's fields (title, publisher, author, date, url, language, stance, genre); the
    language is detected and an HTML page's title used when they are not given.
    """
    text, page_title = read_article(path)
    given = {k: v for k, v in metadata.items() if v}
    given.setdefault("title", page_title)
    given.setdefault("language", detect_language(text))
    article = Article(sha256=text_sha256(text), **given)
    proposal = propose(text, Gazetteer.from_engine(engine), article.date)
    decided = decided_ids(article.sha256)
    rows = [candidate_row(c, article.sha256) for c in proposal.candidates]
    return article, proposal, [row for row in rows if row["id"] not in decided]
