"""Mentions of known actors in an article, linked through the graph's own labels and aliases.

Names are matched word by word after kg.names.normalise (case, accents and punctuation aside), longest name
first. An acronym written in capitals in the graph ("PRO", "UCR") only matches in capitals. A person's
later names ("Bullrich", "Fernández de Kirchner") name the person met in full earlier in the same article;
a name that still designates several actors is left ambiguous for review, never linked to one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.names.normalise import normalise
from kg.rdf.namespaces import ONTOLOGY_NS, PREFIXES
from kg.sparql.catalogue import get_query

# A word and its possessive ending, which names do not include ("Milei’s" names Milei).
WORD = re.compile(r"\w+(?:[-‐]\w+)*")
POSSESSIVE = re.compile(r"['’]s?\b")
LONGEST_NAME = 10  # words
# One-word names too common to be mentions ("America" aside, which is a country's alias).
COMMON_WORDS = frozenset(normalise(w) for w in (
    "the", "a", "an", "state", "president", "government", "congress", "party", "left", "right", "he", "she",
    "el", "la", "los", "las", "gobierno", "partido", "estado", "presidente", "sur", "south", "north",
))


# The kind of thing a mention names, from the classes of queries/ingest_gazetteer.rq, the first that applies.
KINDS = {
    PREFIXES["foaf"] + "Person": "person", PREFIXES["org"] + "Post": "post", ONTOLOGY_NS + "Place": "place",
    PREFIXES["foaf"] + "Document": "document", ONTOLOGY_NS + "Election": "election",
    ONTOLOGY_NS + "ElectionRound": "election", PREFIXES["org"] + "Organization": "organisation",
}
# Which organisations are parties and which coalitions: what "the party" or "la coalición" can stand for.
GROUPS = {ONTOLOGY_NS + "PoliticalParty": "party", ONTOLOGY_NS + "Coalition": "coalition"}
KIND_ORDER = ("person", "post", "place", "document", "election", "organisation", "other")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    norm: str
    possessive: bool


@dataclass
class Mention:
    start: int
    end: int
    text: str
    iris: tuple[str, ...]  # one: linked; several: ambiguous, for the reviewer; none: a new actor
    kind: str = ""  # person, post, organisation, place, document, election, other (known actors)
    possessive: bool = False  # "Milei’s"
    new_type: str = ""  # for a new actor: its proposed rdf:type (compact)

    @property
    def iri(self) -> str:
        return self.iris[0] if len(self.iris) == 1 else ""


@dataclass
class Gazetteer:
    """The names of the graph's actors, normalised, each with the actors it names."""

    names: dict[str, set[str]] = field(default_factory=dict)  # normalised name -> IRIs
    capitals: dict[str, bool] = field(default_factory=dict)  # normalised name -> only in capitals
    kinds: dict[str, str] = field(default_factory=dict)  # IRI -> kind
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> English label
    surnames: dict[str, set[str]] = field(default_factory=dict)  # a person's later names -> IRIs
    groups: dict[str, str] = field(default_factory=dict)  # IRI -> "party" or "coalition"
    posts: dict[str, set[str]] = field(default_factory=dict)  # normalised name of a post, common words too -> IRIs
    held: dict[str, set[str]] = field(default_factory=dict)  # person IRI -> the posts the graph says they held

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> Gazetteer:
        gazetteer = cls()
        for row in rows:
            iri, name = row["actor"].value, row["name"].value
            norm = normalise(name)
            if KINDS.get(row["class"].value) == "post" and norm:
                gazetteer.posts.setdefault(norm, set()).add(iri)  # "president", for a title (kg.ingest.titles)
            if not norm or (" " not in norm and (norm in COMMON_WORDS or len(norm) < 2)):
                continue
            if row["class"].value in GROUPS:
                gazetteer.groups[iri] = GROUPS[row["class"].value]
            kind = KINDS.get(row["class"].value, "other")
            if KIND_ORDER.index(kind) < KIND_ORDER.index(gazetteer.kinds.get(iri, "other")):
                gazetteer.kinds[iri] = kind
            gazetteer.kinds.setdefault(iri, kind)
            if row["kind"].value == "label" and getattr(row["name"], "language", None) == "en":
                gazetteer.labels[iri] = name
            if iri in gazetteer.names.get(norm, ()):
                continue
            acronym = name.isupper() and " " not in name.strip() and len(name) <= 6
            gazetteer.capitals[norm] = gazetteer.capitals.get(norm, True) and acronym
            gazetteer.names.setdefault(norm, set()).add(iri)
        for norm, iris in list(gazetteer.names.items()):
            words = norm.split()
            for iri in iris:
                if gazetteer.kinds[iri] == "person" and 1 < len(words) <= 5:
                    for start in range(1, len(words)):
                        gazetteer.surnames.setdefault(" ".join(words[start:]), set()).add(iri)
        return gazetteer

    @classmethod
    def from_engine(cls, engine) -> Gazetteer:
        gazetteer = cls.from_rows(engine.select(get_query("ingest_gazetteer").text))
        for row in engine.select(get_query("offices").text):  # every person's, the query's person left unbound
            gazetteer.held.setdefault(row["person"].value, set()).add(row["office"].value)
        return gazetteer

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri.rsplit("/", 1)[-1])


def tokenize(text: str) -> list[Token]:
    """The words of the text with their offsets, normalised, and whether a possessive ending follows."""
    tokens = []
    for match in WORD.finditer(text):
        after = POSSESSIVE.match(text, match.end())
        tokens.append(Token(match.start(), match.end(), match.group(), normalise(match.group()),
                            after is not None and match.group()[0].isupper()))
    return [t for t in tokens if t.norm]


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every mention of a known actor in the text, in order, longest names first, none overlapping."""
    tokens = tokenize(text)
    mentions: list[Mention] = []
    met: dict[str, set[str]] = {}  # later names of people met in full, in this article
    i = 0
    while i < len(tokens):
        found = _longest_match(tokens, i, text, gazetteer, met)
        if found is None:
            i += 1
            continue
        size, iris = found
        first, last = tokens[i], tokens[i + size - 1]
        kinds = {gazetteer.kinds[iri] for iri in iris}
        mention = Mention(first.start, last.end, text[first.start:last.end], tuple(sorted(iris)),
                          kinds.pop() if len(kinds) == 1 else "", last.possessive)
        mentions.append(mention)
        if len(iris) == 1 and size > 1 and mention.kind == "person":
            words = [t.norm for t in tokens[i:i + size]]
            for start in range(1, size):
                met[" ".join(words[start:])] = set(iris)
        i += size
    return mentions


def _longest_match(tokens: list[Token], i: int, text: str, gazetteer: Gazetteer, met: dict[str, set[str]]
                   ) -> tuple[int, set[str]] | None:
    """The number of words and the actors of the longest name starting at token i, if any."""
    for size in range(min(LONGEST_NAME, len(tokens) - i), 0, -1):
        window = tokens[i:i + size]
        if any(window[k + 1].start - window[k].end > 2 for k in range(size - 1)):
            continue  # a name does not run across a sentence or clause break
        if any(t.possessive for t in window[:-1]):
            continue
        norm = " ".join(t.norm for t in window)
        if norm in met:
            return size, met[norm]
        iris = gazetteer.names.get(norm)
        if iris and gazetteer.capitals.get(norm) and not all(t.text.isupper() for t in window):
            continue
        if iris and size == 1 and not window[0].text[0].isupper():
            continue  # names are capitalised; "milei" in a URL or "pro" in "pro-market" are not mentions
        if iris:
            return size, iris
        if size == 1 and window[0].text[0].isupper() and norm in gazetteer.surnames:
            return size, gazetteer.surnames[norm]
    return None
