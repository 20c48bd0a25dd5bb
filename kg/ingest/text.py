"""An article's text: HTML made plain, its language guessed, its sentences with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.rdf.namespaces import shorten

# Elements whose text is not the article's; elements that end a line.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "aside", "form"})
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                     "section", "article", "header", "blockquote", "figcaption", "figure", "pre", "hr", "dd", "dt"})
# Words that end with a full stop without ending a sentence (titles, initials are handled apart).
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "sen", "gov", "rep", "gen", "lt", "col", "sr", "sra", "srta",
                           "dra", "lic", "ing", "prof", "st", "jr", "vs", "no", "nº", "etc", "oct", "nov", "sept",
                           "sep", "aug", "dec", "jan", "feb", "mar", "apr", "jun", "jul", "inc", "u.s", "ee.uu",
                           "pres", "gral", "av", "dip", "arq"})
# Where a sentence may end: ., ! or ? (a closing quote or bracket may follow), then space and a sentence start.
_SENTENCE_END = re.compile(r"[.!?…][”\"’»)]*(?=\s+[\"“«¿¡(\[A-ZÁÉÍÓÚÑÜ0-9])")
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÑÜáéíóúñü]+")
_ENGLISH = frozenset("the and of to in is was that for with by his her has have said on as from".split())
_SPANISH = frozenset("el la los las de del y en que por con para su se fue una al lo como".split())


@dataclass(frozen=True)
class Sentence:
    start: int  # offset of the first character in the article's text
    end: int  # offset after the last character
    text: str  # exactly text[start:end]


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in _SKIPPED:
            self.skipping += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """Whether the text is HTML rather than plain text (a tag near its start)."""
    return re.search(r"<(!doctype|html|head|body|p|div|article|h[1-6])[\s>]", text[:2000], re.IGNORECASE) is not None


def html_to_text(html: str) -> tuple[str, str]:
    """The readable text of an HTML page (one paragraph a line, scripts and navigation left out) and its title."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    text = "\n\n".join(line for line in lines if line)
    return text + "\n", " ".join("".join(parser.title).split())


def read_article(path: Path) -> tuple[str, str]:
    """The plain text of an article file (UTF-8 text or HTML) and the title an HTML page gives ('' if none)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {shorten(str(path))}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shorten(str(path))}: not UTF-8 (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        return html_to_text(text)
    return text, ""


def detect_language(text: str) -> str:
    """'es' or 'en', whichever language's commonest words the text uses more."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    spanish = sum(w in _SPANISH for w in words)
    english = sum(w in _ENGLISH for w in words)
    return "es" if spanish > english else "en"


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
