"""An article's text: HTML made plain and its language guessed (its sentences: kg.rdf.sentences)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.rdf.namespaces import shorten

# Elements whose text is not the article's; elements that end a line.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "aside", "form"})
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                     "section", "article", "header", "blockquote", "figcaption", "figure", "pre", "hr", "dd", "dt"})
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÑÜáéíóúñü]+")
_ENGLISH = frozenset("the and of to in is was that for with by his her has have said on as from".split())
_SPANISH = frozenset("el la los las de del y en que por con para su se fue una al lo como".split())


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
