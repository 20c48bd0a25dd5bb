"""People introduced with a role ("the governor of Mendoza, Rodolfo Suárez", "Juan Grabois, dirigente del
Frente Patria Grande"): new actors where the graph does not know them, and their role as a candidate office
or membership, for known people too.
"""

from __future__ import annotations

import re

from kg.ingest.candidates import Candidate
from kg.ingest.gazetteer import Gazetteer, Mention
from kg.names.normalise import normalise
from kg.rdf.sentences import Sentence

_UPPER = "A-ZÁÉÍÓÚÑÜ"
_NAME_WORD = rf"[{_UPPER}][a-záéíóúñü]+(?:-[{_UPPER}][a-záéíóúñü]+)?"
PERSON = rf"{_NAME_WORD}(?:\s+(?:de\s+la\s+|de\s+|del\s+|da\s+)?{_NAME_WORD}){{1,3}}"
ORGANISATION = (rf"[{_UPPER}][\w-]*(?:\s+(?:(?:de|del|la|las|los|por|of|for|the|y|and|en)\s+)*"
                rf"[{_UPPER}][\w-]*)*")
# Role words -> the relation a role of an organisation gives (offices are posts of a place or body).
MEMBER_ROLES = ("member", "militant", "activist", "dirigente", "militante", "miembro", "referente", "integrante",
                "afiliado", "afiliada", "legislator", "legisladora", "legislador")
HEAD_ROLES = ("leader", "head", "chair", "chairman", "chairwoman", "líder", "lider", "jefe", "jefa", "titular",
              "presidente del partido")
FOUNDER_ROLES = ("founder", "co-founder", "fundador", "fundadora", "cofundador", "cofundadora")
OFFICE_ROLES = ("governor", "mayor", "senator", "deputy", "minister", "president", "vice president",
                "secretary", "gobernador", "gobernadora", "intendente", "intendenta", "senador", "senadora",
                "diputado", "diputada", "ministro", "ministra", "presidente", "presidenta", "vicepresidente",
                "vicepresidenta", "secretario", "secretaria", "alcalde", "alcaldesa")
_ROLE = "|".join(sorted((re.escape(r) for r in MEMBER_ROLES + HEAD_ROLES + FOUNDER_ROLES + OFFICE_ROLES),
                        key=len, reverse=True))
_OF = r"(?i:of|for|at|de|del|de\s+la)"
_ARTICLE = r"(?i:(?:the|a|an|el|la|un|una|former|current|ex|longtime|veteran|histórico|histórica|actual)\s+)*"
ROLE_THEN_NAME = re.compile(
    rf"\b{_ARTICLE}(?P<role>(?i:{_ROLE}))\s+{_OF}\s+(?:the\s+|la\s+|el\s+)?(?P<org>{ORGANISATION}),\s+(?P<name>{PERSON})")
NAME_THEN_ROLE = re.compile(
    rf"(?P<name>{PERSON}),\s+{_ARTICLE}(?P<role>(?i:{_ROLE}))\s+{_OF}\s+(?:the\s+|la\s+|el\s+)?(?P<org>{ORGANISATION})")
FORMER_WORD = re.compile(r"(?<!\w)(?i:former|ex)(?!\w)")
PARTY_WORDS = ("party", "partido", "frente", "front", "movimiento", "movement", "union", "unión")
COALITION_WORDS = ("coalition", "coalición", "alianza", "alliance", "juntos", "together")


def _relation(role: str) -> str:
    role = role.lower()
    if role in MEMBER_ROLES:
        return "org:memberOf"
    if role in HEAD_ROLES:
        return "org:headOf"
    if role in FOUNDER_ROLES:
        return "kgo:founded"
    return "org:holds"


def _organisation_type(name: str) -> str:
    words = normalise(name).split()
    if any(normalise(w) in words for w in COALITION_WORDS):
        return "kgo:Coalition"
    if any(normalise(w) in words for w in PARTY_WORDS):
        return "kgo:PoliticalParty"
    return "org:Organization"


def _mention_at(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The known mention covering exactly [start, end) (a possessive ending aside), if any."""
    for mention in mentions:
        if mention.start == start and mention.end in (end, end - 2):
            return mention
    return None


def _overlaps(mentions: list[Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def role_candidates(sentence: Sentence, mentions: list[Mention], gazetteer: Gazetteer
                    ) -> tuple[list[Mention], list[Candidate]]:
    """New actors the sentence introduces with a role, and the role as a candidate fact (of new or known people).

    `mentions` are the known mentions of the sentence (offsets in the article); a name that overlaps a known
    mention without being exactly it is left alone.
    """
    new: list[Mention] = []
    candidates: list[Candidate] = []
    base = sentence.start
    for pattern, rule in ((ROLE_THEN_NAME, "role.before-name"), (NAME_THEN_ROLE, "role.after-name")):
        for match in pattern.finditer(sentence.text):
            person = _person(match, base, mentions, new)
            if person is None:
                continue
            role = match.group("role")
            predicate = _relation(role)
            if predicate == "org:holds":
                target = _post(sentence.text[match.start("role"):match.end("org")], base + match.start("role"),
                               base + match.end("org"), gazetteer)
            else:
                target = _organisation(match, base, mentions, new)
            if target is None:
                continue
            confidence = 0.75 if person.iri and target.iri else 0.6
            former = FORMER_WORD.search(sentence.text, match.start(), match.start("role"))  # "the former governor"
            candidates.append(Candidate(predicate, person, target, sentence, f"{rule}.{predicate.split(':')[1]}",
                                        confidence, role=role.lower(), current=False if former else None))
    return new, candidates


def _person(match, base: int, mentions: list[Mention], new: list[Mention]) -> Mention | None:
    start, end = base + match.start("name"), base + match.end("name")
    known = _mention_at(mentions, start, end)
    if known is not None:
        return known if known.kind == "person" else None
    if _overlaps(mentions, start, end):
        return None
    for mention in new:
        if (mention.start, mention.end) == (start, end):
            return mention
    mention = Mention(start, end, match.group("name"), (), "person", new_type="foaf:Person")
    new.append(mention)
    return mention


def _organisation(match, base: int, mentions: list[Mention], new: list[Mention]) -> Mention | None:
    start, end = base + match.start("org"), base + match.end("org")
    for mention in mentions:
        if mention.start == start and mention.kind in ("organisation", "other"):
            return mention
    if _overlaps(mentions, start, end):
        return None
    text = match.group("org")
    mention = Mention(start, end, text, (), "organisation", new_type=_organisation_type(text))
    new.append(mention)
    return mention


def _post(label: str, start: int, end: int, gazetteer: Gazetteer) -> Mention:
    """The graph's post of this name if there is exactly one, else a new org:Post."""
    words = label.split()
    label = " ".join([words[0].capitalize(), *words[1:]])
    iris = {iri for iri in gazetteer.names.get(normalise(label), ()) if gazetteer.kinds.get(iri) == "post"}
    if len(iris) == 1:
        return Mention(start, end, label, tuple(iris), "post")
    return Mention(start, end, label, (), "post", new_type="org:Post")
