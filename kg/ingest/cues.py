"""Cue patterns per relation, in English and Spanish, in the manner of dictionary coders (PETRARCH's verb
patterns): each is a regular expression over a sentence, with the way its subject and object are found.

Ways: "active" (subject before the cue, object after: "Macri endorsed Milei"), "passive" (object before,
subject after: "Massa was backed by Lula", "the backing of Lula"), "ticket" (a running mate: the candidate
is the possessor or the "of" after the cue, the mate the other person). Earlier cues win over later ones
that overlap them ("llamó a no votar por" is an opposition, not the "votar por" of an endorsement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    name: str  # relation.language.kind, reported as the candidate's rule
    predicate: str
    way: str  # active, passive, ticket
    pattern: re.Pattern
    confidence: float


def _cue(name, predicate, way, regex, confidence=0.85):
    return Cue(name, predicate, way, re.compile(rf"(?<!\w)(?:{regex})(?!\w)", re.IGNORECASE), confidence)


_BACK_EN = r"endors(?:e|es|ed|ing)|back(?:s|ed|ing)?|support(?:s|ed|ing)?|rall(?:y|ies|ied|ying)\s+(?:a)?round"
_BACK_ES = (r"respald(?:a|an|ó|aron|ará|arán|ar|aba|aban|e|en|ando)|apoy(?:a|an|ó|aron|ará|arán|ar|aba|aban|e|en|ando)"
            r"|se\s+sum(?:ó|aron|a|an|ará|arán)\s+a(?:\s+la\s+campaña\s+de)?|sumarse\s+a")
_OFFICE_EN = r"(?:president|the\s+presidency|governor|mayor|senator|congress)"
_OFFICE_ES = r"(?:presidente|presidenta|la\s+presidencia|gobernador|gobernadora|intendente|intendenta|senador|senadora|diputad[oa])"
CUES = (
    _cue("opposes.es.no-vote", "kgo:opposes", "active",
         r"llam(?:ó|a|an|aron|ará)\s+a\s+no\s+votar\s+(?:por|a)|pid(?:ió|e|en|ieron)\s+no\s+votar\s+(?:por|a)"),
    _cue("opposes.en.no-vote", "kgo:opposes", "active",
         r"urg(?:e|es|ed|ing)\s+(?:voters\s+|people\s+|supporters\s+)?not\s+to\s+vote\s+for"),
    _cue("endorses.en.received", "kgo:endorses", "passive",
         r"(?:receiv|reciev|nabb|won|got|earn|secur|obtain)\w*\b[^.;:]{0,40}?\b(?:endorsement|backing|support)"
         r"(?:\s+\w+){0,4}?\s+(?:from|of)", 0.8),
    _cue("endorses.en.passive", "kgo:endorses", "passive",
         r"(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?(?:endorsed|backed|supported)\s+by", 0.8),
    _cue("endorses.es.passive", "kgo:endorses", "passive",
         r"(?:fue|fueron|es|son|sido|será|serán)?\s*(?:respaldad|apoyad)[oa]s?\s+por", 0.8),
    _cue("endorses.es.received", "kgo:endorses", "passive",
         r"(?:recib|obtuv|consigu|sum)\w*\b[^.;:]{0,30}?\b(?:el\s+)?(?:apoyo|respaldo)\s+(?:de|del)", 0.8),
    _cue("endorses.en.vote", "kgo:endorses", "active",
         r"urg(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}(?:a\s+)?vote\s+for|call(?:s|ed)?\s+(?:on\s+\w+\s+)?to\s+vote\s+for"),
    _cue("endorses.es.vote", "kgo:endorses", "active",
         r"llam(?:ó|a|an|aron|ará)\s+a\s+votar\s+(?:por|a)|pid(?:ió|e|en|ieron)\s+(?:el\s+)?vot(?:o|ar)\s+(?:para|por)"),
    _cue("endorses.es.give", "kgo:endorses", "active",
         r"(?:d(?:io|ará|a|ieron|arán|ar|an)|(?:brind|expres|manifest|anunci|ratific|reafirm|confirm|mostr)"
         r"(?:ó|a|an|aron|ará|arán|ar))\s+su\s+(?:apoyo|respaldo)\s+a"),
    _cue("endorses.en.statement", "kgo:endorses", "active",
         r"(?:statement|declaration|show|voice[ds]?|threw|throws|throw|announc(?:e|es|ed|ing)|pledg(?:e|es|ed|ing))\s+(?:\w+\s+){0,3}?support\s+(?:for|behind)"),
    _cue("endorses.en.verb", "kgo:endorses", "active", _BACK_EN),
    _cue("endorses.es.verb", "kgo:endorses", "active", _BACK_ES),
    _cue("runningMate.en.ticket", "kgo:runningMate", "ticket",
         r"running\s+mate|vice[- ]presidential\s+(?:candidate|pick|nominee)|pick\s+for\s+vice\s+president"
         r"|running\s+on\s+\w+['’]s\s+ticket|ticket"),
    _cue("runningMate.es.ticket", "kgo:runningMate", "ticket",
         r"compañer[oa]\s+de\s+fórmula|candidat[oa]\s+a\s+vicepresident[ea]|vicepresident[ea]\s+de\s+la\s+fórmula"),
    _cue("memberOf.en.member", "org:memberOf", "active",
         r"(?:is|are|was|were|became|become|as)\s+(?:a\s+|an\s+)?(?:founding\s+|longtime\s+)?members?\s+of|joined"),
    _cue("memberOf.es.member", "org:memberOf", "active",
         r"(?:es|era|fue|son)\s+(?:miembro|integrante|militante|afiliad[oa])\s+(?:de|del)|se\s+afili(?:ó|a)\s+a"
         r"|(?:forma|formó|forman)\s+parte\s+(?:de|del)"),
    _cue("headOf.en.lead", "org:headOf", "passive", r"led\s+by|headed\s+by|chaired\s+by", 0.8),
    _cue("headOf.es.lead", "org:headOf", "passive", r"liderad[oa]\s+por|encabezad[oa]\s+por|conducid[oa]\s+por", 0.8),
    _cue("headOf.en.verb", "org:headOf", "active", r"leads|heads|chairs"),
    _cue("headOf.es.verb", "org:headOf", "active", r"lidera|encabeza|conduce|preside"),
    _cue("founded.en.passive", "kgo:founded", "passive", r"(?:was\s+)?founded\s+by|created\s+by", 0.8),
    _cue("founded.es.passive", "kgo:founded", "passive", r"(?:fue\s+)?fundad[oa]\s+por|cread[oa]\s+por", 0.8),
    _cue("founded.en.verb", "kgo:founded", "active", r"founded|co-founded"),
    _cue("founded.es.verb", "kgo:founded", "active", r"fund(?:ó|aron)|cre(?:ó|aron)"),
    _cue("holds.en.appointed", "org:holds", "appointed", r"appoint(?:s|ed)|nam(?:es|ed)|chose|picked", 0.75),
    _cue("holds.es.appointed", "org:holds", "appointed", r"design(?:ó|a)|nombr(?:ó|a)|eligi(?:ó)", 0.75),
    _cue("criticised.en.verb", "kgo:criticised", "active",
         r"criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)"
         r"|attack(?:s|ed|ing)?|slamm?(?:s|ed|ing)?|lambast(?:s|ed|ing)?|call(?:s|ed|ing)?\s+out|reject(?:s|ed|ing)?"
         r"|spok(?:e|en)\s+(?:\w+\s+)?(?:disparagingly|out)\s+(?:about|of|against)"),
    _cue("criticised.es.verb", "kgo:criticised", "active",
         r"critic(?:ó|a|an|aron|ará|ar)|conden(?:ó|a|an|aron)|denunci(?:ó|a|an|aron)|atac(?:ó|a|an|aron)"
         r"|cuestion(?:ó|a|an|aron)|rechaz(?:ó|a|an|aron)|arremeti(?:ó|eron)\s+contra"),
    _cue("opposes.en.verb", "kgo:opposes", "active", r"oppos(?:e|es|ed|ing)|stands?\s+against"),
    _cue("opposes.es.verb", "kgo:opposes", "active", r"se\s+opon(?:e|en)\s+a|se\s+opuso\s+a|se\s+opusieron\s+a"),
    _cue("opposes.en.close", "kgo:opposes", "active",
         r"(?:wants?|wanted|plans?|planned|proposed|proposes|promised|promises|vowed|vows)\s+(?:to\s+)?"
         r"(?:shut(?:ting)?\s+down|clos(?:e|ing)|abolish(?:ing)?|dismantl(?:e|ing)|scrap(?:ping)?)", 0.75),
    _cue("opposes.es.close", "kgo:opposes", "active",
         r"(?:quiere|quería|propuso|propone|promete|prometió|planea)\s+(?:cerrar|eliminar|abolir|desmantelar|el\s+cierre\s+de)",
         0.75),
    # A candidacy: in an election or round ("ran in the first round"), or of a party ("candidate for Unión por la
    # Patria", "candidato a presidente por La Libertad Avanza"), as the object is (kg.ingest.relations).
    _cue("candidacy.en.candidate", "kgo:candidateIn", "active",
         rf"(?:presidential\s+)?(?:candidate|nominee|contender)\s+(?:for\s+{_OFFICE_EN}\s+)?(?:for|of|in)"),
    _cue("candidacy.en.run", "kgo:candidateIn", "active",
         rf"(?:running|ran|runs|run|standing|stood|stands)\s+(?:for\s+{_OFFICE_EN}\s+)?(?:for|in|on\s+behalf\s+of)"),
    _cue("candidacy.es.candidate", "kgo:candidateIn", "active",
         rf"candidat[oa]s?\s+(?:a\s+{_OFFICE_ES}\s+)?(?:por|de|del|en)"),
    _cue("candidacy.es.run", "kgo:candidateIn", "active",
         rf"se\s+postul(?:ó|a|an|aron|ará|arán)\s+(?:a\s+{_OFFICE_ES}\s+)?(?:por|en|con|para)"
         rf"|compit(?:e|ió|en|ieron|irá)\s+(?:por\s+{_OFFICE_ES}\s+)?(?:por|en)"),
    _cue("signed.en.verb", "kgo:signed", "active", r"sign(?:s|ed)|co-signed|signatories\s+of", 0.8),
    _cue("signed.es.verb", "kgo:signed", "active", r"firm(?:ó|aron|a|an)|firmantes\s+de", 0.8),
    _cue("invited.en.verb", "kgo:invited", "active", r"invit(?:e|es|ed|ing)", 0.8),
    _cue("invited.es.verb", "kgo:invited", "active", r"invit(?:ó|a|an|aron)", 0.8),
)
# A denial just before a cue: the relation is denied (an endorsement becomes a withheld one).
NEGATION = re.compile(
    r"(?<!\w)(?:not|n['’]t|never|no\s+longer|declin(?:ed|es|e)\s+to|refus(?:ed|es|e)\s+to|refrain(?:ed|s)?\s+from"
    r"|stopped\s+short\s+of|held\s+back\s+from|abstain(?:ed|s)?\s+from|withh[eo]ld(?:s|ing)?|without|won['’]t"
    r"|rul(?:ed|es|e|ing)\s+out|reject(?:ed|s|ing)?|turn(?:ed|s)?\s+down"
    r"|no|nunca|jamás|tampoco|sin|se\s+neg(?:ó|aron|a|an)\s+a|descart(?:ó|a|aron)|evit(?:ó|a|aron)"
    r"|rechaz(?:ó|a|an|aron|ará))"
    r"(?:\s+\w+){0,3}\s*$", re.IGNORECASE)
# Words after a cue that say its object is nobody ("no respaldará a nadie", "declined to back anyone").
NOBODY = re.compile(r"^\s*(?:a\s+|to\s+)?(?:nadie|ningún|ninguno|ninguna|anyone|anybody|nobody|no\s+one|either)\b",
                    re.IGNORECASE)
# Where a clause ends: an object is not looked for past it.
CLAUSE_END = re.compile(r"[;:]|—|\s(?:but|while|whereas|although|pero|mientras|aunque|sino)\s|,\s(?:who|which|quien|que)\s",
                        re.IGNORECASE)
