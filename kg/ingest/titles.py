"""Offices given as a title before a name, with the nationality or place before or after the title:
"Brazilian President Lula", "Buenos Aires Governor Axel Kicillof", "the former president Mauricio Macri",
"el presidente brasileño Lula", "el gobernador bonaerense Axel Kicillof", "el expresidente Mauricio Macri";
and the graph's own posts named right before or after a name ("Economy Minister Sergio Massa", "Bullrich, the
former security minister,"). "former", "ex-" and "ex" make the office a past one (kgo:current false).

A title with a place names the post "<Title> of <Place>" ("President of Brazil", "Presidente de Brasil"): the
graph's own where exactly one post has that name, else a new org:Post in the title's language. A title without
a place ("former President Mauricio Macri") names the post of that title (its name or alias, "President of
...") that the graph says the person held, if exactly one; else nothing: "President" alone says not of where.
"""

from __future__ import annotations

import re

from kg.ingest.actors import PERSON
from kg.ingest.candidates import Candidate
from kg.ingest.gazetteer import Gazetteer, Mention
from kg.names.normalise import normalise
from kg.rdf.sentences import Sentence

# A title's words, English and Spanish, -> its English name (what the graph's post aliases say).
ENGLISH_TITLES = {"president": "president", "vice president": "vice president", "vice-president": "vice president",
                  "governor": "governor", "mayor": "mayor", "senator": "senator", "prime minister": "prime minister",
                  "foreign minister": "foreign minister"}
SPANISH_TITLES = {"presidente": "president", "presidenta": "president", "vicepresidente": "vice president",
                  "vicepresidenta": "vice president", "gobernador": "governor", "gobernadora": "governor",
                  "intendente": "mayor", "intendenta": "mayor", "alcalde": "mayor", "alcaldesa": "mayor",
                  "senador": "senator", "senadora": "senator", "primer ministro": "prime minister",
                  "primera ministra": "prime minister", "canciller": "foreign minister"}
TITLES = {**ENGLISH_TITLES, **SPANISH_TITLES}
# Nationalities and provinces as adjectives -> the place's English and Spanish names.
_PLACES = {
    ("Argentina", "Argentina"): "argentine argentinian argentino argentina",
    ("Brazil", "Brasil"): "brazilian brasileño brasileña",
    ("Chile", "Chile"): "chilean chileno chilena",
    ("Uruguay", "Uruguay"): "uruguayan uruguayo uruguaya",
    ("Paraguay", "Paraguay"): "paraguayan paraguayo paraguaya",
    ("Bolivia", "Bolivia"): "bolivian boliviano boliviana",
    ("Peru", "Perú"): "peruvian peruano peruana",
    ("Colombia", "Colombia"): "colombian colombiano colombiana",
    ("Venezuela", "Venezuela"): "venezuelan venezolano venezolana",
    ("Ecuador", "Ecuador"): "ecuadorian ecuatoriano ecuatoriana",
    ("Mexico", "México"): "mexican mexicano mexicana",
    ("Cuba", "Cuba"): "cuban cubano cubana",
    ("El Salvador", "El Salvador"): "salvadoran salvadoreño salvadoreña",
    ("Spain", "España"): "spanish español española",
    ("Italy", "Italia"): "italian italiano italiana",
    ("France", "Francia"): "french francés francesa",
    ("Germany", "Alemania"): "german alemán alemana",
    ("Hungary", "Hungría"): "hungarian húngaro húngara",
    ("Ukraine", "Ucrania"): "ukrainian ucraniano ucraniana",
    ("Russia", "Rusia"): "russian ruso rusa",
    ("China", "China"): "chinese chino china",
    ("Israel", "Israel"): "israeli israelí",
    ("United States", "Estados Unidos"): "us u.s. american estadounidense norteamericano norteamericana",
    ("Buenos Aires", "Buenos Aires"): "bonaerense",
    ("City of Buenos Aires", "Ciudad de Buenos Aires"): "porteño porteña",
    ("Córdoba", "Córdoba"): "cordobés cordobesa",
    ("Mendoza", "Mendoza"): "mendocino mendocina",
    ("Santa Fe", "Santa Fe"): "santafesino santafesina",
    ("Salta", "Salta"): "salteño salteña",
    ("Jujuy", "Jujuy"): "jujeño jujeña",
    ("Tucumán", "Tucumán"): "tucumano tucumana",
    ("La Rioja", "La Rioja"): "riojano riojana",
    ("San Juan", "San Juan"): "sanjuanino sanjuanina",
    ("Neuquén", "Neuquén"): "neuquino neuquina",
    ("Chubut", "Chubut"): "chubutense",
    ("Entre Ríos", "Entre Ríos"): "entrerriano entrerriana",
    ("Corrientes", "Corrientes"): "correntino correntina",
    ("Chaco", "Chaco"): "chaqueño chaqueña",
    ("Santiago del Estero", "Santiago del Estero"): "santiagueño santiagueña",
    ("La Pampa", "La Pampa"): "pampeano pampeana",
    ("Río Negro", "Río Negro"): "rionegrino rionegrina",
    ("Santa Cruz", "Santa Cruz"): "santacruceño santacruceña",
    ("Misiones", "Misiones"): "misionero misionera",
    ("Formosa", "Formosa"): "formoseño formoseña",
    ("Catamarca", "Catamarca"): "catamarqueño catamarqueña",
    ("San Luis", "San Luis"): "puntano puntana",
    ("Tierra del Fuego", "Tierra del Fuego"): "fueguino fueguina",
}
DEMONYMS = {word: names for names, words in _PLACES.items() for word in words.split()}
PLACE_NAMES = {name: names for names in _PLACES for name in names}  # "Buenos Aires Governor", "gobernador de Salta"
_WORDS = "|".join(sorted((re.escape(w) for w in DEMONYMS), key=len, reverse=True))
_NAMES = "|".join(sorted((re.escape(n) for n in PLACE_NAMES), key=len, reverse=True))
_TITLE_WORDS = "|".join(sorted((re.escape(t).replace(r"\ ", r"\s+") for t in TITLES), key=len, reverse=True))
# A title (with "ex" glued on: "expresidente", "ex-President"), a Spanish nationality after it, and the name.
TITLE = re.compile(rf"(?<![\w-])(?P<ex>(?i:ex-?\s?))?(?P<title>(?i:{_TITLE_WORDS}))"
                   rf"(?:\s+(?P<after>(?i:{_WORDS}))|\s+(?i:de|of)\s+(?P<of>{_NAMES}))?\s+(?=[A-ZÁÉÍÓÚÑ])")
NATIONALITY_BEFORE = re.compile(rf"(?<![\w.])(?:(?P<before>(?i:{_WORDS}))|(?P<named>{_NAMES}))\s+$")
FORMER = re.compile(r"(?<!\w)(?i:former|ex)\s+$")
# Between a name and the post in its apposition: "Bullrich, the former security minister".
_APPOSED = re.compile(r"\s|,\s+(?:(?:the|a|an|el|la|former|current|ex|then|actual)\s+)+", re.IGNORECASE)
NEW_PERSON = re.compile(PERSON)


def titled_candidates(sentence: Sentence, mentions: list[Mention], gazetteer: Gazetteer
                      ) -> tuple[list[Mention], list[Candidate]]:
    """People holding the office their title before their name gives, and the people new to the graph met that way.

    `mentions` are the sentence's mentions so far (offsets in the article), in order."""
    text, base = sentence.text, sentence.start
    new: list[Mention] = []
    found = []
    for match in TITLE.finditer(text):
        person = _named(match.end() + base, text[match.end():], mentions, new)
        if person is None:
            continue
        before = text[:match.start()]
        place = _place(match, before, mentions, base)
        former = bool(match.group("ex") or FORMER.search(before[:len(before) - len(place[2])] if place else before))
        post = _post(match.group("title"), place, person, gazetteer, base + match.start(), base + match.end())
        if post is not None:
            found.append(Candidate("org:holds", person, post, sentence, "holds.title-before-name", 0.7,
                                   role=normalise(match.group("title")), current=False if former else None))
    return new, found


def _named(start: int, after: str, mentions: list[Mention], new: list[Mention]) -> Mention | None:
    """The person named right at `start`: a known one, else a new one by the shape of the name."""
    known = next((m for m in mentions if m.start == start), None)
    if known is not None:
        return known if known.kind == "person" else None
    shape = NEW_PERSON.match(after)
    if shape is None or any(m.start < start + shape.end() and start < m.end for m in mentions):
        return None
    person = Mention(start, start + shape.end(), shape.group(), (), "person", new_type="foaf:Person")
    new.append(person)
    return person


def _place(match: re.Match, before: str, mentions: list[Mention], base: int) -> tuple[str, str, str] | None:
    """The place of the title: (English name, Spanish name, the words before the title that give it, if any)."""
    if match.group("after"):
        return (*DEMONYMS[match.group("after").lower()], "")
    if match.group("of"):
        return (*PLACE_NAMES[match.group("of")], "")
    nationality = NATIONALITY_BEFORE.search(before)
    if nationality and nationality.group("before"):
        return (*DEMONYMS[nationality.group("before").lower()], nationality.group())
    if nationality:
        return (*PLACE_NAMES[nationality.group("named")], nationality.group())
    place = next((m for m in mentions if m.kind == "place" and m.end - base <= len(before)
                  and not before[m.end - base:].strip()), None)
    return (place.text, place.text, before[place.start - base:]) if place else None


def _post(title: str, place: tuple[str, str, str] | None, person: Mention, gazetteer: Gazetteer, start: int,
          end: int) -> Mention | None:
    """The post the title names: the graph's own if exactly one has its name (without a place: one the person
    is known to hold), else a new one (with a place)."""
    english = TITLES[normalise(title)]
    spanish = normalise(title) in SPANISH_TITLES
    if place:
        names = [f"{english} of {place[0]}", f"{title} de {place[1]}"]
        iris = {iri for name in names for iri in gazetteer.posts.get(normalise(name), ())}
    else:
        iris = {iri for name, posts in gazetteer.posts.items() if name == english or name.startswith(english + " of ")
                for iri in posts} & gazetteer.held.get(person.iri, set())
    if len(iris) == 1:
        return Mention(start, end, gazetteer.label(next(iter(iris))), tuple(iris), "post")
    if place is None or iris:
        return None
    label = f"{title.capitalize()} de {place[1]}" if spanish else f"{english.title()} of {place[0]}"
    return Mention(start, end, label, (), "post", new_type="org:Post")


def post_candidates(sentence: Sentence, mentions: list[Mention]) -> list[Candidate]:
    """Offices named by the graph's own posts as a title before a name ("Economy Minister Sergio Massa") or in
    an apposition after it ("Patricia Bullrich, the former security minister, ...")."""
    found = []
    text, base = sentence.text, sentence.start
    for first, second in zip(mentions, mentions[1:]):
        gap = text[first.end - base:second.start - base]
        if first.kind == "post" and first.iri and second.kind == "person" and gap == " ":
            former = FORMER.search(text[:first.start - base])
            found.append(Candidate("org:holds", second, first, sentence, "holds.title", 0.7,
                                   current=False if former else None))
        elif first.kind == "person" and second.kind == "post" and second.iri and _APPOSED.fullmatch(gap) \
                and re.match(r"\s*[,)]", text[second.end - base:] or ","):
            former = FORMER.search(gap)
            found.append(Candidate("org:holds", first, second, sentence, "holds.apposition", 0.7,
                                   current=False if former else None))
    return found
