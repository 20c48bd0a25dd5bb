"""Deterministic synthetic data in kg's ontology, for the scale benchmark.

People, parties, coalitions and posts, with memberships, endorsements and office holdings as statement
nodes beside their plain triples, each derived from a synthetic source document with a quote (see
docs/modelling.md). The first person endorses the real kg:javier-milei, so `kg who-endorsed "Javier Milei"`
finds a synthetic endorser too. The same seed and size always give the same bytes.

    python bench/synthetic.py 1m /tmp/kg-1m.nt      # sizes: 10k, 100k, 1m, or a number of triples
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import unicodedata
from pathlib import Path

from kg.rdf.namespaces import PREFIXES

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}

# Invented combinations of names that the real sources do not use, so real names stay unambiguous.
FIRST_NAMES = (
    "Lucía Martín Inés Joaquín Sofía Tomás Valentina Julián Camila Ramiro Florencia Ignacio Agustina Nicolás "
    "Milagros Facundo Rocío Gonzalo Belén Matías Antonella Santiago Micaela Leandro Abril Bruno Candela Emiliano "
    "Julieta Franco Ailén Ezequiel Renata Maximiliano Lourdes Germán Ayelén Thiago Celeste Damián"
).split()
SURNAMES = (
    "Arrieta Quiroga Benítez Ledesma Sosa Acuña Villalba Giménez Ojeda Ríos Paz Medina Figueroa Correa Cáceres "
    "Aguirre Peralta Cabrera Ibáñez Maidana Zárate Godoy Toledo Ponce Leiva Ferreyra Vera Castro Luna Juárez "
    "Moyano Ávila Bustos Carrizo Domínguez Escobar Funes Guzmán Herrera Iturbe Jaime Lescano Morales Núñez "
    "Olmedo Páez Quintana Roldán Salinas Tapia Urquiza Vallejos Yáñez Zapata Barrios Coronel Duarte Espíndola "
    "Frías Gauna"
).split()
ROLES = ("member", "founder", "deputy", "senator", "treasurer", "spokesperson")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def person_name(i: int) -> str:
    """The unique name of synthetic person i (unique below 40 * 60 * 60 = 144,000 people)."""
    first = FIRST_NAMES[i % len(FIRST_NAMES)]
    rest = i // len(FIRST_NAMES)
    n = len(SURNAMES)
    return f"{first} {SURNAMES[rest % n]} {SURNAMES[(rest + rest // n + 1) % n]}"


class Writer:
    """Writes triples as N-Triples, or as Turtle (prefixed names, one triple a line) for a .ttl path."""

    def __init__(self, out, turtle: bool):
        self.out = out
        self.turtle = turtle
        self.count = 0
        self.buffer: list[str] = []
        if turtle:
            out.write("".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()))

    def iri(self, prefixed: str) -> str:
        if self.turtle:
            return prefixed
        prefix, _, local = prefixed.partition(":")
        return f"<{PREFIXES[prefix]}{local}>"

    @staticmethod
    def literal(text: str, lang: str | None = None) -> str:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'

    def typed(self, text: str, datatype: str) -> str:
        return f'"{text}"^^{self.iri(datatype)}'

    def triple(self, s: str, p: str, o: str) -> None:
        self.buffer.append(f"{s} {p} {o} .\n")
        self.count += 1
        if len(self.buffer) >= 10_000:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.buffer))
        self.buffer.clear()


class Generator:
    def __init__(self, writer: Writer, seed: int):
        self.w = writer
        self.rng = random.Random(seed)
        self.sources: list[str] = []
        self.blank = 0
        i = writer.iri
        self.a, self.label, self.alt, self.derived = i("rdf:type"), i("rdfs:label"), i("skos:altLabel"), i(
            "prov:wasDerivedFrom"
        )

    def source(self, k: int) -> None:
        w, iri = self.w, self.w.iri
        s = iri(f"src:synthetic-{k}")
        w.triple(s, self.a, iri("kgo:SourceDocument"))
        w.triple(s, self.label, w.literal(f"Synthetic source document {k}", "en"))
        w.triple(s, self.label, w.literal(f"Documento sintético {k}", "es"))
        w.triple(s, iri("dct:title"), w.literal(f"Synthetic source document {k}", "en"))
        w.triple(s, iri("kgo:fileName"), w.literal(f"synthetic-{k:03d}.txt"))
        w.triple(s, iri("dct:issued"), w.typed("2023-11-20", "xsd:date"))
        w.triple(s, iri("kgo:genre"), iri("kg:genre-news-analysis"))
        w.triple(s, iri("kgo:stance"), iri("kg:stance-neutral"))
        self.sources.append(s)

    def actor(self, node: str, cls: str, en: str, es: str) -> None:
        w = self.w
        w.triple(node, self.a, w.iri(cls))
        w.triple(node, self.label, w.literal(en, "en"))
        w.triple(node, self.label, w.literal(es, "es"))
        if _ascii(es) != es:
            w.triple(node, self.alt, w.literal(_ascii(es), "es"))
        w.triple(node, self.derived, self.rng.choice(self.sources))

    def statement(self, node: str, cls: str, s: str, p: str, o: str, qualifiers: list[tuple[str, str]], quote: str):
        """A statement node with its qualifiers, one source and its quote, and the plain triple beside it."""
        w, iri = self.w, self.w.iri
        source = self.rng.choice(self.sources)
        w.triple(node, self.a, iri(cls))
        w.triple(node, iri("rdf:subject"), s)
        w.triple(node, iri("rdf:predicate"), p)
        w.triple(node, iri("rdf:object"), o)
        for q, value in qualifiers:
            w.triple(node, iri(q), value)
        w.triple(node, self.derived, source)
        self.blank += 1
        derivation = f"_:d{self.blank}"
        w.triple(node, iri("prov:qualifiedDerivation"), derivation)
        w.triple(derivation, iri("prov:entity"), source)
        w.triple(derivation, iri("kgo:quote"), w.literal(quote))
        w.triple(s, p, o)

    def date(self) -> str:
        return self.w.typed(f"2023-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}", "xsd:date")

    def run(self, target: int) -> None:
        w, iri = self.w, self.w.iri
        for k in range(1, max(1, target // 50_000) + 1):
            self.source(k)
        names: dict[str, str] = {}
        i = 0
        while w.count < target:
            if i % 250 == 0:
                c = i // 250
                coalition = iri(f"kg:syn-coalition-{c}")
                self.actor(coalition, "kgo:Coalition", f"Synthetic Coalition {c}", f"Coalición Sintética {c}")
                names[coalition] = f"Synthetic Coalition {c}"
            if i % 50 == 0:
                k = i // 50
                party = iri(f"kg:syn-party-{k}")
                self.actor(party, "kgo:PoliticalParty", f"Synthetic Party {k}", f"Partido Sintético {k}")
                names[party] = f"Synthetic Party {k}"
                coalition = iri(f"kg:syn-coalition-{i // 250}")
                self.statement(iri(f"st:syn-membership-party-{k}"), "kgo:Membership", party, iri("org:memberOf"),
                               coalition, [("schema:startDate", self.date())],
                               f"Synthetic Party {k} joined {names[coalition]}.")
            if i % 20 == 0:
                post = iri(f"kg:syn-post-{i // 20}")
                w.triple(post, self.a, iri("org:Post"))
                w.triple(post, self.label, w.literal(f"Governor of Synthetic Province {i // 20}", "en"))
                w.triple(post, self.label, w.literal(f"Gobernador de la Provincia Sintética {i // 20}", "es"))
            person = iri(f"kg:syn-person-{i:06d}")
            name = person_name(i)
            self.actor(person, "foaf:Person", name, name)
            names[person] = name
            party = iri(f"kg:syn-party-{i // 50}")
            self.statement(iri(f"st:syn-membership-{i}"), "kgo:Membership", person, iri("org:memberOf"), party,
                           [("kgo:role", w.literal(self.rng.choice(ROLES), "en")), ("schema:startDate", self.date())],
                           f"{name} is a member of {names[party]}.")
            if i == 0:
                self.statement(iri("st:syn-endorsement-0"), "kgo:Endorsement", person, iri("kgo:endorses"),
                               iri("kg:javier-milei"), [("kgo:date", self.date())], f"{name} endorsed Javier Milei.")
            elif self.rng.random() < 0.6:
                target_node = self.rng.choice((iri(f"kg:syn-person-{self.rng.randrange(i):06d}"), party))
                self.statement(iri(f"st:syn-endorsement-{i}"), "kgo:Endorsement", person, iri("kgo:endorses"),
                               target_node, [("kgo:date", self.date())], f"{name} endorsed {names[target_node]}.")
            if i % 20 == 0:
                post = iri(f"kg:syn-post-{i // 20}")
                self.statement(iri(f"st:syn-office-{i}"), "kgo:OfficeHolding", person, iri("org:holds"), post,
                               [("schema:startDate", self.date())],
                               f"{name} became Governor of Synthetic Province {i // 20}.")
            i += 1
        w.flush()


def dataset(size: str, workdir: Path) -> Path:
    """The N-Triples file of a named size (10k, 100k, 1m) in `workdir`, generated unless it is there."""
    path = Path(workdir) / f"synthetic-{size}.nt"
    if not path.exists():
        generate(SIZES[size], path)
    return path


def generate(target: int, path: Path, seed: int = 2023) -> int:
    """Write about `target` triples (a few more, to finish the last person) to `path`; return the count.

    A .ttl path gets Turtle, anything else N-Triples. The file is written aside and renamed into place.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(partial, "w", encoding="utf-8") as out:
            writer = Writer(out, turtle=path.suffix == ".ttl")
            Generator(writer, seed).run(target)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return writer.count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", help="10k, 100k, 1m, or a number of triples")
    parser.add_argument("path", type=Path, help="output file: .nt for N-Triples, .ttl for Turtle")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args(argv)
    target = SIZES.get(args.size.lower()) or int(args.size)
    count = generate(target, args.path, args.seed)
    print(f"{count} triples -> {args.path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
