"""Normalising names for matching: case, accents and punctuation do not count."""

from __future__ import annotations

import unicodedata

# Dropped inside words ("Argentina's" -> "argentinas", "U.S." -> "us"); other non-alphanumerics separate words.
# (A regex with a Unicode class here would cost more to compile than a lookup takes.)
_DROPPED = frozenset("'’‘`´.")


class _Folded(dict):
    """A str.translate table of what normalise keeps of each character, filled as characters come: its
    decomposition (NFKD) without combining marks and dropped characters, other non-alphanumerics as spaces.
    Character by character gives what the whole string gives, as decomposition only reorders combining
    marks, which go."""

    def __missing__(self, code: int) -> str:
        self[code] = "".join(ch if ch.isalnum() else " " for ch in unicodedata.normalize("NFKD", chr(code))
                             if not unicodedata.combining(ch) and ch not in _DROPPED)
        return self[code]


_FOLDED = _Folded()


def normalise(text: str) -> str:
    """Lower case, without accents and punctuation, single spaces: 'Unión por la Patria' -> 'union por la patria'."""
    return " ".join(text.translate(_FOLDED).casefold().split())

