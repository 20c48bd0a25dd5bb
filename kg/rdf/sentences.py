"""The sentences of a source text, with character offsets: what kg ingest proposes facts from and what the
multi-source check of kg validate reads a source's text by."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a full stop without ending a sentence (titles, initials are handled apart).
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "sen", "gov", "rep", "gen", "lt", "col", "sr", "sra", "srta",
                           "dra", "lic", "ing", "prof", "st", "jr", "vs", "no", "nº", "etc", "oct", "nov", "sept",
                           "sep", "aug", "dec", "jan", "feb", "mar", "apr", "jun", "jul", "inc", "u.s", "ee.uu",
                           "pres", "gral", "av", "dip", "arq"})
# Where a sentence may end: ., ! or ? (a closing quote or bracket may follow), then space and a sentence start.
_SENTENCE_END = re.compile(r"[.!?…][”\"’»)]*(?=\s+[\"“«¿¡(\[A-ZÁÉÍÓÚÑÜ0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int  # offset of the first character in the text
    end: int  # offset after the last character
    text: str  # exactly text[start:end]


def _ends_sentence(line: str, stop: int) -> bool:
    """Whether the full stop at line[stop] ends a sentence: not after an abbreviation or an initial."""
    if line[stop] != ".":
        return True
    word = re.search(r"([\w.]+)$", line[:stop])
    if word is None:
        return True
    token = word.group(1).lower()
    return not (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()))


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of the text, line by line: a line ends a sentence, and so does '.', '!' or '?' before
    a capital (abbreviations and initials aside). Offsets point into `text`; surrounding spaces are left out."""
    found = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if _ends_sentence(line, match.start()):
                found.append((offset + start, offset + match.end()))
                start = match.end()
        found.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    sentences = []
    for start, end in found:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            sentences.append(Sentence(start + lead, start + trail, text[start + lead:start + trail]))
    return sentences
