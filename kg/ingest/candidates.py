"""A candidate fact proposed from an article: who, what relation, whom, and the sentence that says so."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kg.ingest.gazetteer import Mention
from kg.rdf.sentences import Sentence

# Predicates the ingester proposes (compact), with the statement class each becomes.
STATEMENT_CLASSES = {
    "kgo:endorses": "kgo:Endorsement",
    "kgo:withheldEndorsement": "kgo:Endorsement",
    "kgo:runningMate": "kgo:Ticket",
    "org:memberOf": "kgo:Membership",
    "org:headOf": "kgo:Leadership",
    "kgo:founded": "kgo:Leadership",
    "org:holds": "kgo:OfficeHolding",
    "kgo:opposes": "kgo:Tie",
    "kgo:criticised": "kgo:Tie",
    "kgo:candidateIn": "kgo:Candidacy",
    "kgo:candidateOf": "kgo:Candidacy",
    "kgo:signed": "kgo:Signature",
    "kgo:invited": "kgo:Tie",
}
# Relations whose qualifier is a date (kgo:date); the others' times are start dates, never the article's.
DATED = frozenset({"kgo:endorses", "kgo:withheldEndorsement", "kgo:opposes", "kgo:criticised", "kgo:invited",
                   "kgo:signed"})


@dataclass
class Candidate:
    predicate: str  # compact IRI, a key of STATEMENT_CLASSES
    subject: Mention
    object: Mention
    sentence: Sentence
    rule: str  # the cue pattern that proposed it, e.g. "endorses.en.verb"
    confidence: float
    negated: bool = False  # the sentence denies the relation (a withheld endorsement, say)
    role: str = ""  # the role of a membership or office, as the sentence gives it
    date: str = ""  # ISO date, year-month or year
    date_inferred: bool = False  # the date is the article's, not stated in the sentence
    current: bool | None = None  # an office or membership the sentence calls current (True) or former (False)

    def identifier(self, sha256: str) -> str:
        """A stable id: the same article, sentence, relation and names give the same id on every run."""
        key = "|".join((sha256, str(self.sentence.start), self.predicate, self.subject.text, self.object.text))
        return "c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
