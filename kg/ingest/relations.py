"""Candidate relations between the mentions of one sentence, found by the cue patterns of kg.ingest.cues.

Each cue match looks for its subject and object among the sentence's mentions (the nearest before, the
nearest after, lists joined by "and", "y" or commas), swaps them for passive forms, and checks the kinds the
relation relates. A denial just before the cue turns an endorsement into a withheld endorsement, and drops
any other relation. A cue whose object is nobody ("no respaldará a nadie") proposes nothing.
"""

from __future__ import annotations

import re

from kg.ingest.candidates import Candidate
from kg.ingest.cues import CLAUSE_END, CUES, NEGATION, NOBODY, Cue
from kg.ingest.gazetteer import Mention
from kg.rdf.sentences import Sentence

ACTOR_KINDS = frozenset({"person", "organisation", "other", ""})
# The kinds of subject and object each relation relates ("" is an ambiguous mention: the reviewer decides).
KINDS = {
    "kgo:endorses": (ACTOR_KINDS, ACTOR_KINDS),
    "kgo:runningMate": ({"person"}, {"person"}),
    "org:memberOf": (ACTOR_KINDS | {"place"}, {"organisation", "other", ""}),
    "org:headOf": ({"person", ""}, {"organisation", "other", ""}),
    "kgo:founded": ({"person", "organisation", ""}, {"organisation", "other", ""}),
    "org:holds": ({"person", ""}, {"post"}),
    "kgo:criticised": (ACTOR_KINDS, ACTOR_KINDS),
    "kgo:opposes": (ACTOR_KINDS, ACTOR_KINDS),
    "kgo:candidateIn": ({"person"}, {"election"}),
    "kgo:signed": (ACTOR_KINDS, {"document"}),
    "kgo:invited": (ACTOR_KINDS, ACTOR_KINDS | {"place"}),
}
KINDS["kgo:withheldEndorsement"] = KINDS["kgo:endorses"]
KINDS["kgo:candidateOf"] = ({"person"}, {"organisation", "other", ""})
# Between two names of a list: a comma or a conjunction, and at most a few capitalised title words.
_LIST_GAP = re.compile(r"^\s*(?:,\s*)?(?:(?:and|or|y|e|as\s+well\s+as)\s+(?:(?:by|por)\s+)?)?(?:[A-ZÁÉÍÓÚÑ][\w-]*\s+){0,3}$"
                       r"|^\s*,\s*$")
# Between two names of a list of subjects: a comma or a conjunction, and at most a few capitalised title words
# ("Colombian President Gustavo Petro and Spanish Prime Minister Pedro Sánchez backed ...").
_SUBJECT_GAP = re.compile(r"(?:\s*,\s*|\s*,?\s+(?:and|y|e)\s+)(?:[A-ZÁÉÍÓÚÑ][\w-]*\s+){0,3}")
_CONJUNCTION = re.compile(r"(?<!\w)(?:and|or|y|e|as\s+well\s+as)(?!\w)")
_POSSESSIVE_GAP = re.compile(r"^['’]s?\s+(?:own\s+|former\s+|new\s+)?$")
MAX_GAP = 80  # characters between a cue and its object
ACTIVE_GAP_WORDS = 3  # words between a verb and its object ("invited representatives of Spain’s VOX")
PRONOUN = re.compile(r"^\W*(?:he|she|they|él|ella|ellos)\b", re.IGNORECASE)
# Between a name and the name inside its apposition: "Juan Grabois, a leader of the Frente ...", "Bullrich, the former
# security minister, ...".
_APPOSITION = re.compile(r"\s*,\s+(?:[\w-]+\s+){0,5}?(?:(?:of|de|del|at|for|in)\s+(?:the\s+|la\s+|el\s+)?)?", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"(?<!\w)(?:in|of|from|among|de|del|en|entre)\s+(?:the\s+|la\s+|el\s+|los\s+|las\s+)?$",
                                 re.IGNORECASE)
_RELATIVE = re.compile(r",\s+(?:who|which|quien|quienes|que)\s[^,;:()]*,\s*", re.IGNORECASE)
AS_DID = re.compile(r"[^.;]{0,60}?,?\s+(?:as\s+did|as\s+have|así\s+como(?:\s+también)?|al\s+igual\s+que)\s+",
                    re.IGNORECASE)


def _overlapping(matches):
    """Cue matches with those overlapping an earlier cue's match left out."""
    kept = []
    for cue, match in matches:
        if not any(match.start() < m.end() and m.start() < match.end() for _, m in kept):
            kept.append((cue, match))
    return sorted(kept, key=lambda pair: pair[1].start())


def sentence_candidates(sentence: Sentence, mentions: list[Mention], antecedent: Mention | None = None
                        ) -> list[Candidate]:
    """The candidate relations of one sentence; `mentions` are its mentions, in order, offsets in the article;
    `antecedent` is whom a pronoun opening the sentence ("He", "Ella") stands for: the previous sentence's
    first person."""
    matches = [(cue, m) for cue in CUES for m in cue.pattern.finditer(sentence.text)]
    local = [(m, m.start - sentence.start, m.end - sentence.start) for m in mentions]
    found: list[Candidate] = []
    kept = [(cue, match) for cue, match in _overlapping(matches)
            if not any(start <= match.start() and match.end() <= end for _, start, end in local)]  # "Together for Change"
    verbs = [match.start() for cue, match in kept if cue.way in ("active", "passive")]
    for cue, match in kept:
        # an object is not looked for past the next verb cue: "rechazó apoyar a Massa" rejects no one
        stop = next((start for start in verbs if start >= match.end()), len(sentence.text))
        for subject, obj, confidence in _pairs(cue, match, sentence.text, local[:_before(local, stop)], antecedent):
            subject = _conjoined_subject(subject, match, sentence, found)
            negated = NEGATION.search(sentence.text[_clause_start(sentence.text, match.start(), local):match.start()])
            predicate = cue.predicate
            if negated and predicate != "kgo:endorses":
                continue
            if negated:
                predicate = "kgo:withheldEndorsement"
            if predicate == "kgo:candidateIn" and obj.kind != "election":
                predicate = "kgo:candidateOf"  # "candidate for Unión por la Patria": a party's candidate
            subject_kinds, object_kinds = KINDS[predicate]
            if subject.kind not in subject_kinds or obj.kind not in object_kinds or subject.iris == obj.iris and obj.iris:
                continue
            if not (subject.iri and obj.iri):
                confidence -= 0.15
            found.append(Candidate(predicate, subject, obj, sentence, cue.name, round(confidence, 2),
                                   negated=bool(negated)))
    return found


def _before(local, stop: int) -> int:
    """How many of the sentence's mentions start before `stop`."""
    return sum(1 for _, start, _ in local if start < stop)


def _conjoined_subject(subject: Mention, match: re.Match, sentence: Sentence, found: list[Candidate]) -> Mention:
    """In "X rallied around Y and called out Z", the subject of "called out" is X, not Y."""
    gap = sentence.text[subject.end - sentence.start:match.start()]
    if re.fullmatch(r"\s+(?:and|y|e)\s+(?:\w+\s+)?", gap):
        for earlier in reversed(found):
            if earlier.object is subject:
                return earlier.subject
    return subject


def _clause_start(text: str, cue_start: int, local) -> int:
    """Where the negation of a cue may begin: after the last mention before the cue."""
    ends = [end for _, _, end in local if end <= cue_start]
    return max(ends, default=0)


def _pairs(cue: Cue, match: re.Match, text: str, local, antecedent: Mention | None
           ) -> list[tuple[Mention, Mention, float]]:
    if cue.way == "ticket":
        return _ticket(cue, match, text, local, antecedent)
    if cue.way == "appointed":
        return _appointed(cue, match, local)
    confidence = cue.confidence
    before = [item for item in local if item[2] <= match.start() and not item[0].possessive]
    head = _relative_head(before, text, match.start())
    if not before and antecedent is not None and PRONOUN.match(text[:match.start()]):
        near, confidence = antecedent, confidence - 0.2
    elif head is not None:
        near = head  # "Bullrich, who finished third, joined the coalition"
    elif not before or CLAUSE_END.search(text, before[-1][2], match.start()):
        return []
    elif len(before) > 1 and _APPOSITION.fullmatch(text[before[-2][2]:before[-1][1]]) \
            and text[before[-1][2]:match.start()].lstrip().startswith(","):
        near = before[-2][0]  # "Juan Grabois, a leader of the Frente Patria Grande, criticised ..."
    elif _modifier(before[-1], local, text):
        return []  # "leaders in ... Together for Change have refrained": the subject is not a name
    else:
        near = before[-1][0]
    if NOBODY.match(text[match.end():]):
        return []
    after = _objects(match.end(), text, local, None if cue.way == "passive" else ACTIVE_GAP_WORDS)
    nears = _listed_before(before, text) if before and near is before[-1][0] else [near]
    if cue.way == "passive":
        return [(subject, one, confidence) for one in nears for subject in after]
    pairs = [(one, obj, confidence) for one in nears for obj in after]
    if after:  # "... voiced support for Massa, as did Colombian President Gustavo Petro"
        also = AS_DID.match(text, after[-1].end - (local[0][0].start - local[0][1]))
        if also:
            pairs += [(other, after[-1], confidence - 0.05) for other in _objects(also.end(), text, local, 3)]
    return pairs


def _listed_before(before, text: str) -> list[Mention]:
    """The last name before a cue with those listed before it: "Bullrich y Petri apoyaron" (a list needs its
    conjunction before its last name: "Macri, Bullrich endorsed" lists Bullrich alone)."""
    listed = [before[-1]]
    for item in reversed(before[:-1]):
        gap = text[item[2]:listed[-1][1]]
        if not _SUBJECT_GAP.fullmatch(gap) or len(listed) == 1 and not _CONJUNCTION.search(gap):
            break
        listed.append(item)
    return [mention for mention, _, _ in reversed(listed) if not mention.possessive]


def _relative_head(before, text: str, cue_start: int) -> Mention | None:
    """The name that a relative clause right before the cue belongs to ("Ana Pérez, who won in Salta, joined")."""
    for mention, _, end in reversed(before):
        if _RELATIVE.fullmatch(text, end, cue_start):
            return mention
    return None


def _modifier(near, local, text: str) -> bool:
    """Whether the name before a cue modifies a noun after a preposition ("leaders in X's coalition")."""
    start = near[1]
    for _, m_start, m_end in reversed([item for item in local if item[2] <= near[1]]):
        if not re.fullmatch(r"(?:['’]s?)?\s*(?:,\s*)?(?:and|y)?\s*", text[m_end:start]):
            break
        start = m_start
    return bool(_PREPOSITION_BEFORE.search(text[:start]))


def _objects(start: int, text: str, local, max_words: int | None = None) -> list[Mention]:
    """The mention after `start` in the same clause (at most `max_words` words on), and those listed with it."""
    after = [item for item in local if item[1] >= start]
    if not after or after[0][1] - start > MAX_GAP or CLAUSE_END.search(text, start, after[0][1]):
        return []
    if max_words is not None and len(re.findall(r"\w+", text[start:after[0][1]])) > max_words:
        return []
    found, last = [], 1  # the list ends at its last conjunction: "joined A, B left" lists A alone
    for item in after:
        gap = text[found[-1][2]:item[1]] if found else ""
        if found and found[-1][0].possessive and _POSSESSIVE_GAP.match(gap):
            found[-1] = item  # "Spain’s VOX" names VOX
        elif found and not _LIST_GAP.match(gap):
            break
        else:
            found.append(item)
            last = len(found) if _CONJUNCTION.search(gap) else last
    return [mention for mention, _, _ in found[:last] if not mention.possessive]


def _ticket(cue: Cue, match: re.Match, text: str, local, antecedent: Mention | None
            ) -> list[tuple[Mention, Mention, float]]:
    """A running mate: the candidate is the possessor just before the cue ("Milei’s running mate") or the
    "of"/"de" name after it; the mate is the nearest other person, an apposition first."""
    people = [item for item in local if item[0].kind == "person"]
    candidate = None
    for mention, start, end in people:
        if end <= match.start() and mention.possessive and _POSSESSIVE_GAP.match(text[end:match.start()]):
            candidate = mention
    inner = re.search(r"(\w+)['’]s\s+ticket", match.group())
    if inner:
        candidate = next((m for m, s, e in people if s == match.start() + inner.start(1)), None)
    if candidate is None:
        of = re.match(r"\s+(?:of|for|de|del)\s+", text[match.end():])
        if of:
            candidate = next((m for m, s, _ in people if s == match.end() + of.end()), None)
    if candidate is None and re.search(r"(?:his|her|su|as|como)\s+$", text[:match.start()], re.I):
        earlier = [m for m, _, end in people if end <= match.start()]
        later = any(start >= match.end() for _, start, _ in people)
        # "Massa chose Rossi as his running mate", "Massa eligió a Rossi como compañero de fórmula", "Massa y su
        # compañero de fórmula, Rossi, ..."; "Meanwhile, his running mate Victoria Villarruel ..."
        candidate = earlier[0] if len(earlier) > 1 or earlier and later else antecedent
    if candidate is None:
        return []
    others = [(abs(s - match.end()) if s >= match.end() else match.start() - e, m)
              for m, s, e in people if m is not candidate and (not m.iris or m.iris != candidate.iris)]
    copula = re.search(r"(?<!\w)(?:is|was|es|fue|será|will\s+be)\s+(?:\w+['’]s\s+)?$", text[:match.start()])
    first = next((m for m, _, _ in people if m is not candidate and m.iris != candidate.iris), None)
    if copula and first is not None and first.start < candidate.start:
        return [(candidate, first, cue.confidence)]  # "Villarruel, a national deputy ..., is Milei’s running mate"
    others = [pair for pair in others if pair[0] <= MAX_GAP]
    if not others:
        return []
    mate = min(others, key=lambda pair: pair[0])[1]
    return [(candidate, mate, cue.confidence)]


def _appointed(cue: Cue, match: re.Match, local) -> list[tuple[Mention, Mention, float]]:
    """"appointed Massa as economy minister": the person after the cue holds the post after "as"."""
    after = [item for item in local if item[1] >= match.end()]
    person = next((m for m, s, _ in after if m.kind == "person" and s - match.end() < 20), None)
    post = next((m for m, s, _ in after if m.kind == "post"), None)
    if person is None or post is None or post.start < person.end:
        return []
    return [(person, post, cue.confidence)]
