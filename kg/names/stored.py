"""A name index beside the store, so that the resolver looks names up rather than loading them all.

kg.names.resolve scores actor names against what the user typed. On a large graph, sending every name to Python
at each lookup takes seconds, so each store build also writes names.sqlite into the store's folder: every
actor's names (as the named query actor_names gives them) and the normalised words of those names, indexed.
A lookup then reads only the actors that can match (StoredNameIndex.for_query): those with a name holding
every typed word, the last one possibly cut short; when there are none, those with a word close to a typed
word, for the typo tier. A search (StoredNameIndex.search) reads those actors in the order that breaks ties
between equal scores, and stops once no actor left can enter the best `limit`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.names.index import ALIAS, Actor, ActorNames, NameIndex, preferred_label, rank_key, ranked, score_actors
from kg.names.normalise import normalise
from kg.rdf.namespaces import PREFIXES
from kg.sparql.results import term_text

FILE = "names.sqlite"
# Words at least this similar to a typed word bring their actors into the typo tier (kg.names.index keeps
# only names scoring 0.7 or more as a whole).
CLOSE_WORD = 0.6
_LAST = chr(0x10FFFF)  # sorts after any character: word >= prefix AND word < prefix + _LAST
# Actors a search reads at a time (StoredNameIndex.search).
_BATCH = 50

_ACTOR_TYPES = "SELECT DISTINCT ?type WHERE { ?type rdfs:subClassOf* kgo:Actor }"
_PERSON = f"<{PREFIXES['foaf']}Person>"
_NAMES = {"label": "SELECT ?actor ?name WHERE { ?actor rdfs:label ?name }",
          "alias": "SELECT ?actor ?name WHERE { ?actor skos:altLabel ?name }"}
_SCHEMA = """
    PRAGMA journal_mode = OFF;
    PRAGMA synchronous = OFF;
    CREATE TABLE actors (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, person INTEGER NOT NULL, sort_key TEXT NOT NULL);
    CREATE TABLE names (actor INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, lang TEXT NOT NULL,
                        norm TEXT NOT NULL);
    CREATE TABLE words (word TEXT NOT NULL, actor INTEGER NOT NULL);
"""
_INDEXES = """
    CREATE UNIQUE INDEX actors_iri ON actors (iri);
    CREATE INDEX names_actor ON names (actor);
    CREATE INDEX names_norm ON names (norm, kind);
    CREATE INDEX words_word ON words (word, actor);
"""
RDF_TYPE = ox.NamedNode(f"{PREFIXES['rdf']}type")
RDFS_LABEL = ox.NamedNode(f"{PREFIXES['rdfs']}label")
SKOS_ALT_LABEL = ox.NamedNode(f"{PREFIXES['skos']}altLabel")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def write_name_index(store, folder: Path) -> int:
    """Write names.sqlite for the actors of `store` (a pyoxigraph store, or an engine) into `folder`; return
    how many actors have names."""
    from concurrent.futures import ThreadPoolExecutor  # building only: lookups stay light

    # Only named classes go into the VALUES block: a blank node there is not SPARQL.
    types = " ".join(line[0] for line in _tsv(store, _ACTOR_TYPES) if line[0].startswith("<"))
    actors_query = f"SELECT ?actor ?type WHERE {{ VALUES ?type {{ {types} }} ?actor a ?type }}"
    actors: dict[str, ActorRecord] = {}
    # pyoxigraph releases the GIL while it evaluates and serialises, so the queries run beside the Python work.
    with ThreadPoolExecutor(2) as pool:
        typed = pool.submit(_tsv, store, actors_query) if types else None
        results = {kind: pool.submit(_tsv, store, query) for kind, query in _NAMES.items()}
        for iri, type_ in typed.result() if typed else ():
            if iri.startswith("<"):
                record = actors.setdefault(iri[1:-1], ActorRecord())
                record.person |= type_ == _PERSON
        for kind, result in results.items():
            for iri, name in result.result():
                record = actors.get(iri[1:-1]) if iri.startswith("<") else None
                if record is not None:
                    record.names.add((kind, *_literal(name)))
    db = sqlite3.connect(folder / FILE)
    try:
        db.executescript(_SCHEMA)
        _insert(db, {iri: record for iri, record in actors.items() if record.names}, {})
        db.executescript(_INDEXES)
        db.commit()
    finally:
        db.close()
    return sum(1 for record in actors.values() if record.names)


def update_name_index(store: ox.Store, folder: Path, iris: Iterable[str]) -> None:
    """Bring the names of the actors `iris` in `folder`'s names.sqlite up to date with `store`, which
    differs from the store the index was written for only in the quads about them."""
    kinds = {RDFS_LABEL: "label", SKOS_ALT_LABEL: "alias"}
    actor_types = {row["type"] for row in store.query(_ACTOR_TYPES, prefixes=PREFIXES,
                                                      use_default_graph_as_union=True)}
    actors: dict[str, ActorRecord] = {}
    for iri in sorted(set(iris)):
        node = ox.NamedNode(iri)
        types = {quad.object for quad in store.quads_for_pattern(node, RDF_TYPE, None)}
        if not types & actor_types:
            continue
        record = actors[iri] = ActorRecord(person=ox.NamedNode(_PERSON[1:-1]) in types)
        for predicate, kind in kinds.items():
            for quad in store.quads_for_pattern(node, predicate, None):
                name = quad.object
                record.names.add((kind, name.value, getattr(name, "language", None) or ""))
    db = sqlite3.connect(folder / FILE)
    try:
        known = {}
        for iri in set(iris):
            row = db.execute("SELECT id FROM actors WHERE iri = ?", (iri,)).fetchone()
            if row is not None:
                known[iri] = row[0]
                for table, column in (("actors", "id"), ("names", "actor"), ("words", "actor")):
                    db.execute(f"DELETE FROM {table} WHERE {column} = ?", (row[0],))
        _insert(db, {iri: record for iri, record in actors.items() if record.names}, known)
        db.commit()
    finally:
        db.close()


@dataclass
class ActorRecord:
    """What names.sqlite keeps of an actor: whether a person, and its names as (kind, name, language)."""

    person: bool = False
    names: set[tuple[str, str, str]] = field(default_factory=set)


def _insert(db: sqlite3.Connection, actors: dict[str, ActorRecord], known: dict[str, int]) -> None:
    """Insert `actors` with their normalised names and words, keeping the ids in `known`."""
    next_id = (db.execute("SELECT max(id) FROM actors").fetchone()[0] or 0) + 1
    normalised: dict[str, str] = {}
    for iri in sorted(actors):
        record = actors[iri]
        number = known.get(iri)
        if number is None:
            number, next_id = next_id, next_id + 1
        db.execute("INSERT INTO actors VALUES (?, ?, ?, ?)", (number, iri, record.person, _sort_key(iri, record)))
        words = set()
        for kind, name, language in record.names:
            if name not in normalised:
                normalised[name] = normalise(name)
            words.update(normalised[name].split())
            db.execute("INSERT INTO names VALUES (?, ?, ?, ?, ?)", (number, kind, name, language, normalised[name]))
        db.executemany("INSERT INTO words VALUES (?, ?)", ((word, number) for word in words))


def _sort_key(iri: str, record: ActorRecord) -> str:
    """The normalised label that breaks ties between equal scores (kg.names.index.rank_key): the label that
    StoredNameIndex._index gives the actor, whose names it reads ordered by kind, name and language."""
    labels: dict[str, str] = {}
    for kind, name, language in sorted(record.names):
        if kind == "label":
            labels.setdefault(language, name)
    return normalise(preferred_label(labels, iri))


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
            return self._index("id", set(self._word_matches(words)) or self._close_ids(words))
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None

    def search(self, query: str, limit: int) -> list[tuple[Actor, float]]:
        """As NameIndex.search, reading the actors with every typed word in tie-break order, a batch at a
        time: an actor whose label is the query comes first (it scores LABEL); any other scores at most ALIAS,
        so once `limit` actors score ALIAS or more, those not read yet rank below them."""
        words = query.split()
        if not words:
            return []
        try:
            keys = self._word_matches(words)
            if not keys:
                return self._best(query, self._close_ids(words), limit)
            labelled = self._label_ids(query) & keys.keys()
            order = sorted(labelled, key=keys.get) + sorted(keys.keys() - labelled, key=keys.get)
            found = []
            for start in range(0, len(order), _BATCH):
                batch = self._index("id", set(order[start:start + _BATCH]))
                found += ranked(score_actors(query, batch, fuzzy=False), batch)
                if sum(score >= ALIAS for _, score in found) >= limit:
                    break
            if not found:  # no name holds the words in a row: the typo tier among these actors, as for_query has it
                return self._best(query, set(keys), limit)
            return sorted(found, key=rank_key)[:limit]
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None

    def _best(self, query: str, ids: set[int], limit: int) -> list[tuple[Actor, float]]:
        """The best `limit` of the actors `ids`, every tier scored (NameIndex.search on them)."""
        index = self._index("id", ids)
        return ranked(score_actors(query, index), index)[:limit]

    def _word_matches(self, words: list[str]) -> dict[int, tuple[str, str]]:
        """The actors with a name holding every word, the last one possibly cut short: id -> (sort key, IRI)."""
        keys = {number: (key, iri) for number, key, iri in self.db.execute(
            "SELECT DISTINCT actors.id, sort_key, iri FROM words JOIN actors ON actors.id = words.actor "
            "WHERE word >= ? AND word < ?", (words[-1], words[-1] + _LAST))}
        for word in words[:-1]:
            keep = self._ids("SELECT actor FROM words WHERE word = ?", (word,))
            keys = {number: key for number, key in keys.items() if number in keep}
        return keys

    def for_name(self, query: str) -> NameIndex:
        """The actors whose label is the normalised `query` when there are any (they alone make the
        resolver's deciding tier), else for_query(query)."""
        try:
            ids = self._label_ids(query)
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None
        return self._index("id", ids) if ids else self.for_query(query)

    def restricted(self, iris) -> NameIndex:
        try:
            return self._index("iri", set(iris))
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None

    def _damaged(self, exc: sqlite3.Error) -> KgError:
        return KgError(f"the name index {self.path} is damaged ({exc}); rebuild the store with `kg build --force`")

    def _label_ids(self, query: str) -> set[int]:
        """The actors with a label whose normalised form is `query`."""
        return self._ids("SELECT actor FROM names WHERE norm = ? AND kind = 'label'", (query,))

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
        """A NameIndex of the actors whose `column` (id or iri) is in `keys`, as NameIndex builds it from
        actor_names, from the names normalised at build time."""
        index = NameIndex([])
        keys = sorted(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for iri, person, kind, name, language, norm in self.db.execute(
                "SELECT iri, person, kind, name, lang, norm FROM actors JOIN names ON names.actor = actors.id "
                f"WHERE actors.{column} IN ({marks}) ORDER BY iri, kind, name, lang", chunk
            ):
                entry = index.actors.get(iri)
                if entry is None:
                    entry = index.actors[iri] = ActorNames(iri, bool(person))
                if kind == "label":
                    entry.labels.setdefault(language, name)
                if norm and (kind, norm) not in entry.names:
                    entry.names.append((kind, norm))
                    index.exact.setdefault(norm, set()).add(iri)
        return index


def _tsv(store, query: str) -> list[list[str]]:
    """The rows of a SELECT as SPARQL TSV fields (IRIs in <>): serialising in Rust beats making term objects.
    `store` is a pyoxigraph store or an engine (an endpoint's: kg.store.endpoint)."""
    if not isinstance(store, ox.Store):
        result = store.query_all(query) if hasattr(store, "query_all") else store.query(query)
        return [[term_text(row[v]) if v in row else "" for v in result.variables] for row in result.rows]
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
