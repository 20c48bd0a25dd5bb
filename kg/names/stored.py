"""A name index beside the store, so that the resolver looks names up rather than loading them all.

kg.names.resolve scores actor names against what the user typed. On a large graph, sending every name to Python
at each lookup takes seconds, so each store build also writes names.sqlite into the store's folder: every
actor's names (as the named query actor_names gives them) and the normalised words of those names, indexed.
A lookup then reads only the actors that can match (StoredNameIndex.for_query): those with a name holding
every typed word, the last one possibly cut short; when there are none, those with a word close to a typed
word, for the typo tier.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.names.index import NameIndex
from kg.names.normalise import normalise
from kg.rdf.namespaces import PREFIXES

FILE = "names.sqlite"
# Words at least this similar to a typed word bring their actors into the typo tier (kg.names.index keeps
# only names scoring 0.7 or more as a whole).
CLOSE_WORD = 0.6
_LAST = chr(0x10FFFF)  # sorts after any character: word >= prefix AND word < prefix + _LAST

_ACTOR_TYPES = "SELECT DISTINCT ?type WHERE { ?type rdfs:subClassOf* kgo:Actor }"
_PERSON = f"<{PREFIXES['foaf']}Person>"
_NAMES = {"label": "SELECT ?actor ?name WHERE { ?actor rdfs:label ?name }",
          "alias": "SELECT ?actor ?name WHERE { ?actor skos:altLabel ?name }"}
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def write_name_index(store: ox.Store, folder: Path) -> int:
    """Write names.sqlite for the actors of `store` into `folder`; return how many actors have names."""
    from concurrent.futures import ThreadPoolExecutor  # building only: lookups stay light

    types = " ".join(line[0] for line in _tsv(store, _ACTOR_TYPES))
    actors_query = f"SELECT ?actor ?type WHERE {{ VALUES ?type {{ {types} }} ?actor a ?type }}"
    ids: dict[str, int] = {}
    persons = set()
    names, spellings = set(), set()
    normalised: dict[str, str] = {}
    # pyoxigraph releases the GIL while it evaluates and serialises, so the queries run beside the Python work.
    with ThreadPoolExecutor(2) as pool:
        actors = pool.submit(_tsv, store, actors_query)
        results = {kind: pool.submit(_tsv, store, query) for kind, query in _NAMES.items()}
        for iri, type_ in actors.result():
            number = ids.setdefault(iri, len(ids))
            if type_ == _PERSON:
                persons.add(number)
        for kind, result in results.items():
            for iri, name in result.result():
                number = ids.get(iri)
                if number is not None:
                    value, language = _literal(name)
                    names.add((number, kind, value, language))
                    if value not in normalised:
                        normalised[value] = normalise(value)
                    spellings.add((number, normalised[value]))
    words = {(word, number) for number, spelling in spellings for word in spelling.split()}
    named = {number for number, *_ in names}
    db = sqlite3.connect(folder / FILE)
    try:
        db.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE actors (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, person INTEGER NOT NULL);
            CREATE TABLE names (actor INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, lang TEXT NOT NULL);
            CREATE TABLE words (word TEXT NOT NULL, actor INTEGER NOT NULL);
        """)
        db.executemany("INSERT INTO actors VALUES (?, ?, ?)",
                       ((n, iri[1:-1], n in persons) for iri, n in ids.items() if n in named))
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
        db.executemany("INSERT INTO words VALUES (?, ?)", words)
        db.executescript("""
            CREATE UNIQUE INDEX actors_iri ON actors (iri);
            CREATE INDEX names_actor ON names (actor);
            CREATE INDEX words_word ON words (word, actor);
        """)
        db.commit()
    finally:
        db.close()
    return len(named)


class StoredNameIndex(NameIndex):
    """The names in a names.sqlite file; for_query and restricted give ordinary NameIndexes of a few actors."""

    def __init__(self, path: Path):
        super().__init__([])
        self.path = Path(path)
        self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)

    def for_query(self, query: str) -> NameIndex:
        words = query.split()
        if not words:
            return NameIndex([])
        try:
            ids = self._ids("SELECT actor FROM words WHERE word >= ? AND word < ?", (words[-1], words[-1] + _LAST))
            for word in words[:-1]:
                ids &= self._ids("SELECT actor FROM words WHERE word = ?", (word,))
            return self._index("id", ids or self._close_ids(words))
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None

    def restricted(self, iris) -> NameIndex:
        try:
            return self._index("iri", set(iris))
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None

    def _damaged(self, exc: sqlite3.Error) -> KgError:
        return KgError(f"the name index {self.path} is damaged ({exc}); rebuild the store with `kg build --force`")

    def _ids(self, sql: str, parameters: tuple) -> set[int]:
        return {row[0] for row in self.db.execute(sql, parameters)}

    def _close_ids(self, words: list[str]) -> set[int]:
        """The actors with words close to the typed words: those close to the most typed words, or one fewer.

        A typo scores 0.7 only against a name sharing most of its words, give or take a letter.
        """
        from difflib import SequenceMatcher

        covered: dict[int, int] = {}
        for word in set(words):
            matcher = SequenceMatcher(None, "", word, autojunk=False)
            # A ratio of CLOSE_WORD needs the shorter word at least CLOSE_WORD / (2 - CLOSE_WORD) as long.
            shortest = int(len(word) * CLOSE_WORD / (2 - CLOSE_WORD))
            longest = int(len(word) * (2 - CLOSE_WORD) / CLOSE_WORD) + 1
            ids: set[int] = set()
            for (candidate,) in self.db.execute(
                "SELECT DISTINCT word FROM words WHERE length(word) BETWEEN ? AND ?", (shortest, longest)
            ):
                matcher.set_seq1(candidate)
                if matcher.real_quick_ratio() >= CLOSE_WORD and matcher.quick_ratio() >= CLOSE_WORD \
                        and matcher.ratio() >= CLOSE_WORD:
                    ids |= self._ids("SELECT actor FROM words WHERE word = ?", (candidate,))
            for number in ids:
                covered[number] = covered.get(number, 0) + 1
        floor = max(covered.values(), default=0) - 1
        return {number for number, count in covered.items() if count >= max(floor, 1)}

    def _index(self, column: str, keys: set) -> NameIndex:
        """A NameIndex of the actors whose `column` (id or iri) is in `keys`, built as from actor_names."""
        rows = []
        keys = sorted(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for iri, person, kind, name, language in self.db.execute(
                "SELECT iri, person, kind, name, lang FROM actors JOIN names ON names.actor = actors.id "
                f"WHERE actors.{column} IN ({marks}) ORDER BY iri, kind, name, lang", chunk
            ):
                rows.append({"actor": ox.NamedNode(iri), "kind": ox.Literal(kind),
                             "person": ox.Literal("true" if person else "false"),
                             "name": ox.Literal(name, language=language) if language else ox.Literal(name)})
        return NameIndex(rows)


def _tsv(store: ox.Store, query: str) -> list[list[str]]:
    """The rows of a SELECT as SPARQL TSV fields (IRIs in <>): serialising in Rust beats making term objects."""
    result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    lines = result.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")[1:]
    return [line.split("\t") for line in lines if line]


def _literal(field: str) -> tuple[str, str]:
    """The lexical form and language tag of a literal written in SPARQL TSV ('"Milei"@en', '"x"^^<...>')."""
    if not field.startswith('"'):
        return field, ""  # an IRI or blank node as a name: keep its text
    end = field.rfind('"')
    value, rest = field[1:end], field[end + 1:]
    if "\\" in value:
        out, chars = [], iter(value)
        for ch in chars:
            out.append(_ESCAPES.get(next(chars, ""), "") if ch == "\\" else ch)
        value = "".join(out)
    return value, rest[1:] if rest.startswith("@") else ""
