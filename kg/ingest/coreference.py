"""Definite descriptions that stand for an organisation named shortly before: in "Bullrich joined the
coalition" or "se afilió al partido", "the coalition" and "partido" name the coalition or party last named in
that sentence or the few before it (the graph says which organisations are parties and which coalitions)."""

from __future__ import annotations

import re

from kg.ingest.gazetteer import Gazetteer, Mention
from kg.rdf.sentences import Sentence

NOUNS = {"coalition": "coalition", "alliance": "coalition", "coalición": "coalition", "alianza": "coalition",
         "party": "party", "partido": "party"}
# "the coalition", "this party", "al partido", "la misma coalición": a description ending its phrase (a comma,
# a stop or a preposition next), not a modifier ("the party leaders") nor the start of a name ("el Partido Obrero",
# "the party of Milei").
DEFINITE = re.compile(
    r"(?<!\w)(?P<article>(?i:the|this|that|its|la|el|al|del|esa|ese|esta|este|dicha|dicho))\s+"
    r"(?i:same\s+|misma\s+|mismo\s+)?"
    rf"(?P<noun>(?i:{'|'.join(NOUNS)}))(?!\w)"
    r"(?=\s*(?:[,.;:!?)—]|$)|\s+(?i:in|on|at|after|before|for|as|and|but|with|when|en|y|tras|con|cuando|pero)\s)")
WINDOW = 3  # sentences before the description's own where its organisation may be named


def definite_mentions(sentences: list[Sentence], mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A mention for each definite description whose organisation is named in its window, in text order.

    `mentions` are the article's mentions in order; a description inside one of them is left alone, and so
    is one whose window names no organisation of its kind. The organisation is the last one named before it.
    """
    found = []
    for index, sentence in enumerate(sentences):
        window_start = sentences[max(0, index - WINDOW)].start
        for match in DEFINITE.finditer(sentence.text):
            # "al partido", "del partido": the description is "partido", the preposition is the cue's
            first = "noun" if match.group("article").lower() in ("al", "del") else "article"
            start, end = sentence.start + match.start(first), sentence.start + match.end()
            if any(m.start < end and start < m.end for m in mentions):
                continue
            group = NOUNS[match.group("noun").lower()]
            named = [m for m in mentions if window_start <= m.start and m.end <= start
                     and m.iri and gazetteer.groups.get(m.iri) == group]
            if named:
                found.append(Mention(start, end, sentence.text[match.start(first):match.end()], named[-1].iris,
                                     named[-1].kind))
    return found
