"""Memberships that noun phrases state, without a verb: "Macri and Bullrich’s Together for Change coalition",
"the BRICS — a bloc of countries helmed by Brazil, Russia, ...", "one member of BRICS already: China"."""

from __future__ import annotations

import re

from kg.ingest.candidates import Candidate
from kg.ingest.gazetteer import Mention
from kg.rdf.sentences import Sentence

MEMBER_KINDS = frozenset({"person", "organisation", "place", "other"})
GROUP_KINDS = frozenset({"organisation", "other"})
_POSSESSOR_GAP = re.compile(r"['’]s?\s+(?:own\s+)?")
_LISTED = re.compile(r"\s*(?:,\s*)?(?:and|y|e)?\s*")
_BLOC = re.compile(r"\W{0,3}\s*(?:a|an|the|un|una|el|la)\s+(?:[\w-]+\s+){0,3}?(?:bloc|coalition|alliance|group|union|"
                   r"alianza|coalición|bloque|grupo)\s+(?:of|de)\s+(?:\w+\s+){0,2}?(?:(?:helmed|led|formed|made\s+up|"
                   r"composed|integrad[oa]|formad[oa]|liderad[oa]|encabezad[oa])\s+)?(?:by|of|por|de)\s+", re.IGNORECASE)
_MEMBER_COLON = re.compile(r"(?:[\w-]+\s+){0,3}?members?\s+of\s+$", re.IGNORECASE)


def member_candidates(sentence: Sentence, mentions: list[Mention]) -> list[Candidate]:
    """Memberships stated by possession, by a bloc's list of members, or by "member of X: Y"."""
    text, base = sentence.text, sentence.start
    found = []
    for index, group in enumerate(mentions):
        if group.kind not in GROUP_KINDS or group.possessive:
            continue
        for member in _possessors(mentions[:index], group, text, base):
            found.append(Candidate("org:memberOf", member, group, sentence, "memberOf.possessive", 0.7))
        bloc = _BLOC.match(text, group.end - base)
        if bloc:
            for member in _list_from(mentions[index + 1:], bloc.end() + base, text, base):
                found.append(Candidate("org:memberOf", member, group, sentence, "memberOf.bloc", 0.75))
        colon = re.compile(r"[^.;:]{0,25}:\s*").match(text, group.end - base)
        if colon and _MEMBER_COLON.search(text[:group.start - base]):
            for member in _list_from(mentions[index + 1:], colon.end() + base, text, base):
                found.append(Candidate("org:memberOf", member, group, sentence, "memberOf.colon", 0.7))
    return [c for c in found if c.subject.kind in MEMBER_KINDS and c.subject.iris != c.object.iris]


def _possessors(before: list[Mention], group: Mention, text: str, base: int) -> list[Mention]:
    """The people whose possessive names the group: "Macri and Bullrich’s" before "Together for Change"."""
    if not before or not before[-1].possessive or before[-1].kind != "person":
        return []
    if not _POSSESSOR_GAP.fullmatch(text[before[-1].end - base:group.start - base]):
        return []
    owners = [before[-1]]
    for mention in reversed(before[:-1]):
        if mention.kind != "person" or not _LISTED.fullmatch(text[mention.end - base:owners[-1].start - base]):
            break
        owners.append(mention)
    return owners[::-1]


def _list_from(after: list[Mention], start: int, text: str, base: int) -> list[Mention]:
    """The mentions listed from `start` on: the first right there, the others after commas and conjunctions."""
    listed: list[Mention] = []
    position = start
    for mention in after:
        if not _LISTED.fullmatch(text[position - base:mention.start - base]):
            break
        listed.append(mention)
        position = mention.end
    return listed
