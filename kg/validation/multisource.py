"""Facts that another source states too but does not cite (rule `multi_source`).

A fact stated by several sources must cite all of them, with a quote from each. This check reads the source
texts: for every relationship statement (a `kgo:Statement` whose object is a named resource, not a literal),
it looks in every source the statement does not cite for one sentence that names the subject and the object
(any label or alias, accents and case aside; acronyms in capitals only) and holds one of the relation's cue
words. Such a sentence very likely states the same fact, so the statement is reported with the sentence.

Cue words come from the predicate's labels plus the small table CUES per relation. Where a finding was
reviewed and the sentence does not state the same fact, ALLOWED records the fact, the source and why.
Attribute statements with a literal value (descriptions, ideologies) are not searched: their "object" is a
paraphrase, not a name; they are reviewed by hand (docs/modelling.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.rdf.namespaces import ONTOLOGY_NS
from kg.rdf.sentences import split_sentences
from kg.rdf.store_view import StoreView
from kg.validation.report import Violation, compact

RULE = "multi_source"
KGO = ONTOLOGY_NS
STATEMENT = URIRef(KGO + "Statement")
SOURCE_DOCUMENT = URIRef(KGO + "SourceDocument")
FILE_NAME = URIRef(KGO + "fileName")
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"

# Cue words per relation (predicate local name), beside the words of the predicate's labels. A cue matches
# at the start of a word ("endors" matches "endorsed", "endorsement"); several words match as a phrase.
CUES: dict[str, tuple[str, ...]] = {
    "endorses": ("endors", "back", "support", "rally", "united with", "statement of support"),
    "withheldEndorsement": ("refrain", "withh", "opposition"),
    "candidateIn": ("runoff", "second round", "second-round", "first round", "primary", "face off", "ran ",
                    "run ", "running", "votes", "won", "win", "defeat", "finish", "finisher"),
    "candidateOf": ("represent", "candidate", "ticket"),
    "runningMate": ("running mate", "ticket", "vice president", "vice-president"),
    "memberOf": ("member", "join", "part of", "consists", "coalition", "bloc"),
    "holds": ("president", "minister", "deputy", "governor", "mayor", "head", "chief", "senator", "served",
              "appointed", "elected", "elect"),
    "headOf": ("led by", "leads", "head", "leader"),
    "rivalOf": ("rival", "strife", "competition"),
    "criticised": ("criticis", "criticiz", "condemn", "attack", "call out", "disparag"),
    "opposes": ("oppose", "against", "threat", "end ", "shut down"),
    "supports": ("support", "want", "defend", "believe", "call", "promis", "advocat"),
    "proposes": ("propos", "promis", "want", "call", "plan"),
    "invited": ("invit",),
    "alignedWith": ("align", "alliance", "agree"),
    "friendlyWith": ("friend",),
    "currencySwapWith": ("swap",),
    "lentTo": ("loan", "lent"),
    "spokeAt": ("spoke", "speech"),
    "signed": ("signed", "signator", "undersigned"),
    "sponsored": ("sponsor", "promot"),
    "servedUnder": ("for ex-president", "minister for", "chief for", "served", "appointed"),
    "appointed": ("appoint",),
    "financedWith": ("financ",),
    "defended": ("defen",),
    "interviewedBy": ("interview",),
    "studiedWith": ("studied",),
    "alumniOf": ("alumn",),
    "sentAdvisersTo": ("advisers",),
    "partnerIn": ("partner",),
    "appliedToJoin": ("joining", "application", "join"),
    "calledFor": ("called for", "call for"),
    "left": ("left", "leave"),
    "relationshipWith": ("relationship",),
    "agreementWith": ("agreement", "deal"),
    "negotiatedWith": ("negotiat",),
    "visited": ("visit",),
    "attacked": ("attack",),
}
# Label words that say nothing of the relation.
STOPWORDS = frozenset("a an and as at by for from has in is of on the to with".split())

# Findings reviewed as not the same fact: (subject, predicate, object, source), compact -> why. Keyed by the
# fact, not by its statement node, so that any statement of that fact is spared. Keep the reason in
# docs/modelling.md too.
ALLOWED: dict[tuple[str, str, str, str], str] = {
    ("kg:patricia-bullrich", "org:memberOf", "kg:juntos-por-el-cambio", "src:op-ed"):
        "the sentence names Bullrich only as the head of Petri's ticket; the membership it states is Petri's of "
        "the Radical Civic Union, and the coalition is the one whose base he won over",
    ("kg:mauricio-macri", "kgo:endorses", "kg:javier-milei", "src:op-ed"):
        "the support the sentence states is Bullrich's; Macri is named as the leader of PRO, whose 'political "
        "infrastructure' she joined, not as endorsing Milei himself",
    ("kg:china", "kgo:currencySwapWith", "kg:argentina", "src:op-ed"):
        "the op-ed's $6.5 billion swap 'one month before the election' is st:china-currency-swap; that it is the "
        "comparison's swap that financed a loan 'just before the election', neither source says",
}


def fold(text: str) -> str:
    """Text without accents, with typographic apostrophes and quotes made plain."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))


def _pattern(name: str) -> re.Pattern | None:
    name = fold(name).strip()
    if len(name) < 2:
        return None
    acronym = name.isupper() or any(c.isdigit() for c in name)
    body = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<![\w-]){body}(?![\w])", 0 if acronym else re.IGNORECASE)


def _cue_pattern(cue: str) -> re.Pattern:
    body = r"\s+".join(re.escape(word) for word in cue.split())
    tail = r"\s" if cue.endswith(" ") else ""
    return re.compile(rf"(?<![\w]){body}{tail}", re.IGNORECASE)


def _name_index(graph: StoreView, vocabulary: set[str]) -> dict[str, set[tuple]]:
    """Every labelled resource's name patterns (labels and aliases), source documents aside (a source's title
    is not a mention of the actors in it), as (resource, pattern) pairs by the name's first word in lower case.

    A sentence that a name's pattern matches holds that first word as a whole word (the pattern starts
    where no word character precedes it; the word ends where the name's does, at a space or another
    character that must follow it), so a sentence need only try the names of its own words: at a million
    quads, seconds instead of 78 s for the seed texts' sentences against 100,000 names. For the same reason
    a name with a word that no sentence holds (`vocabulary`: the sentences' words in lower case) is left out
    before its pattern is compiled (19 s for 100,000 names)."""
    index: dict[str, set[tuple]] = {}
    for p in (RDFS.label, SKOS.altLabel):
        for node, name in graph.lexical_forms(p):
            words = [word.lower() for word in re.findall(r"\w+", fold(name))]
            if not vocabulary.issuperset(words) or (node, RDF.type, SOURCE_DOCUMENT) in graph:
                continue
            pattern = _pattern(name)
            if pattern is not None:
                index.setdefault(words[0] if words else "", set()).add((node, pattern))
    return index


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"\w+", text)}


def _mentioned(sentence: str, index: dict[str, set[tuple]]) -> set:
    """The resources a sentence names (`index`: _name_index's). A name inside a longer name of another
    resource does not count: "Fernández" in "Cristina Fernández de Kirchner" names her, not Alberto Fernández."""
    words = {""} | _words(sentence)
    spans = [(m.start(), m.end(), node) for word in words for node, p in index.get(word, ())
             for m in p.finditer(sentence)]
    return {node for start, end, node in spans
            if not any(s <= start and end <= e and (e - s) > (end - start) and other != node
                       for s, e, other in spans)}


def _local(predicate: URIRef) -> str:
    return re.split(r"[#/]", str(predicate))[-1]


def _cues(graph: StoreView, predicate: URIRef) -> list[re.Pattern]:
    cues = set(CUES.get(_local(predicate), ()))
    for label in graph.objects(predicate, RDFS.label):
        if getattr(label, "language", None) in (None, "en"):
            cues.update(w for w in fold(str(label)).lower().split() if w not in STOPWORDS and len(w) > 2)
    return [_cue_pattern(c) for c in sorted(cues)]


def _statements(graph: StoreView, subjects: set) -> Iterable[URIRef]:
    """The statements about `subjects` (those the sources' sentences name: a few hundred of a million quads)."""
    kinds = {STATEMENT} | set(graph.transitive_subjects(RDFS.subClassOf, STATEMENT))
    found = {statement for subject in subjects for statement in graph.subjects(RDF.subject, subject)
             if isinstance(statement, URIRef) and not kinds.isdisjoint(graph.objects(statement, RDF.type))}
    return sorted(found)


def source_sentences(graph: StoreView, seeds: Path, folders: dict[str, Path] | None = None
                     ) -> dict[URIRef, list[tuple[str, str]]]:
    """Each source document's sentences as (original, folded), read from its file in `seeds` (or where
    `folders`, from kg.validation.quotes.text_folders, says each source's text is)."""
    out = {}
    for source in sorted(graph.subjects(RDF.type, SOURCE_DOCUMENT)):
        file_name = graph.value(source, FILE_NAME)
        if file_name is None or Path(str(file_name)).name != str(file_name):
            continue
        folder = seeds if folders is None else folders.get(str(source))
        path = folder / str(file_name) if folder is not None else None
        if path is not None and path.is_file():
            out[source] = [(s.text, fold(s.text)) for s in split_sentences(path.read_text("utf-8", "replace"))]
    return out


def multi_source_violations(graph: StoreView, seeds: Path, allowed: dict[tuple[str, str, str, str], str] | None = None,
                            folders: dict[str, Path] | None = None) -> list[Violation]:
    """Statements that a source they do not cite states in one sentence (subject, object and a cue word)."""
    allowed = ALLOWED if allowed is None else allowed
    texts = source_sentences(graph, seeds, folders)
    index = _name_index(graph, {word for sents in texts.values() for _, folded in sents for word in _words(folded)})
    named = {source: [(original, folded, _mentioned(folded, index)) for original, folded in sents]
             for source, sents in texts.items()}
    cues: dict = {}
    violations = []
    mentioned = {node for sents in named.values() for _, _, nodes in sents for node in nodes}
    for statement in _statements(graph, mentioned):
        subject = graph.value(statement, RDF.subject)
        predicate = graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        if subject is None or predicate is None or obj is None or isinstance(obj, Literal):
            continue
        if (obj, RDF.type, SOURCE_DOCUMENT) in graph or (subject, RDF.type, SOURCE_DOCUMENT) in graph:
            continue  # a source's own metadata, stated by that source only
        cited = set(graph.objects(statement, PROV.wasDerivedFrom))
        if predicate not in cues:
            cues[predicate] = _cues(graph, predicate)
        for source, sents in named.items():
            if source in cited or (*map(compact, (subject, predicate, obj, source)),) in allowed:
                continue
            for original, folded, mentioned in sents:
                if (subject in mentioned and obj in mentioned
                        and any(p.search(folded) for p in cues[predicate])):
                    violations.append(Violation(
                        compact(statement), RULE,
                        f"{compact(source)} states it too but is not cited: \"{original}\""))
                    break
    return violations
