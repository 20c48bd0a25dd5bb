"""The review file a person edits: one row per candidate (TSV, stable ids, an `accept` column), the article's
text snapshot and its metadata beside it, and the decisions remembered once applied.

`kg ingest ARTICLE -o review.tsv` writes review.tsv, review.article.json (the metadata, with the text's
sha256) and the snapshot article-<sha>.txt. `kg ingest --apply review.tsv -o new.ttl` writes new.ttl, the
snapshot beside it, and new.decisions.tsv: the ids accepted or rejected, which re-ingesting the same article
(with new.ttl in KG_DATA) does not propose again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.candidates import Candidate
from kg.output.files import write_atomic
from kg.rdf.inputs import extra_files
from kg.rdf.namespaces import compact_iri, shorten

COLUMNS = ("id", "accept", "predicate", "subject", "subject_iri", "subject_type", "object", "object_iri",
           "object_type", "negated", "confidence", "rule", "role", "current", "date", "date_inferred", "start", "end",
           "quote", "choices")
ACCEPTED = frozenset({"y", "yes", "1", "true", "x", "accept", "ok", "si", "sí"})
REJECTED = frozenset({"n", "no", "0", "false", "reject"})
DECISION_COLUMNS = ("id", "decision", "sha256")


@dataclass(frozen=True)
class Article:
    """An article's metadata, as given on the command line or found in it."""

    sha256: str
    language: str
    title: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    stance: str = "neutral"
    genre: str = "news"

    @property
    def file_name(self) -> str:
        """The snapshot's file name, which the source's kgo:fileName gives."""
        return f"article-{self.sha256[:16]}.txt"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def metadata_path(review: Path) -> Path:
    return review.with_name(review.stem + ".article.json")


def decisions_path(turtle: Path) -> Path:
    return turtle.with_name(turtle.stem + ".decisions.tsv")


def candidate_row(candidate: Candidate, sha256: str) -> dict:
    """A candidate as a row of the review file (and of `--format json`)."""
    subject, obj = candidate.subject, candidate.object
    return {
        "id": candidate.identifier(sha256), "accept": "", "predicate": candidate.predicate,
        "subject": subject.text, "subject_iri": compact_iri(subject.iri) if subject.iri else "",
        "subject_type": subject.new_type, "object": obj.text,
        "object_iri": compact_iri(obj.iri) if obj.iri else "", "object_type": obj.new_type,
        "negated": "yes" if candidate.negated else "no", "confidence": f"{candidate.confidence:.2f}",
        "rule": candidate.rule, "role": candidate.role,
        "current": {True: "yes", False: "no", None: ""}[candidate.current], "date": candidate.date,
        "date_inferred": "yes" if candidate.date_inferred else "no", "start": str(candidate.sentence.start),
        "end": str(candidate.sentence.end), "quote": candidate.sentence.text,
        "choices": " ".join(compact_iri(i) for i in (subject.iris if len(subject.iris) > 1 else ())
                            + (obj.iris if len(obj.iris) > 1 else ())),
    }


def render_rows(rows: list[dict]) -> str:
    """Rows as TSV (a tab or newline inside a value becomes a space)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: " ".join(str(row.get(k, "")).split()) for k in COLUMNS})
    return out.getvalue()


def write_review(review: Path, article: Article, text: str, rows: list[dict]) -> list[Path]:
    """Write the review file, the metadata and the text snapshot (each atomically); the paths written."""
    review = Path(review)
    snapshot = review.with_name(article.file_name)
    meta = metadata_path(review)
    write_atomic(snapshot, text.encode("utf-8"))
    write_atomic(meta, (json.dumps(asdict(article), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())
    write_atomic(review, render_rows(rows).encode("utf-8"))
    return [review, meta, snapshot]


def read_review(review: Path) -> tuple[Article, str, list[dict]]:
    """The article's metadata, its text (checked against its sha256) and the rows of a review file."""
    review = Path(review)
    try:
        meta = json.loads(metadata_path(review).read_text("utf-8"))
        article = Article(**{k: str(v) for k, v in meta.items() if k in Article.__dataclass_fields__})
        text = review.with_name(article.file_name).read_text("utf-8")
        with review.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(f"cannot read the review {shorten(str(review))}: {shorten(str(exc))}") from None
    if text_sha256(text) != article.sha256:
        raise InputError(f"{article.file_name}: the article's text has changed since it was ingested (sha256)")
    missing = [c for c in ("id", "accept", "predicate", "subject", "object", "quote", "start", "end")
               if rows and c not in rows[0]]
    if missing:
        raise InputError(f"{shorten(str(review))}: no column {', '.join(missing)}")
    return article, text, rows


def yes_or_no(row: dict, column: str) -> bool | None:
    """A yes (True), a no (False) or nothing (None) in a row's column; InputError for anything else."""
    value = (row.get(column) or "").strip().casefold()
    if value in ACCEPTED:
        return True
    if value in REJECTED:
        return False
    if value:
        raise InputError(f"row {shorten(row.get('id', ''))}: {column} is {shorten(value)!r}; write yes or no")
    return None


def decision(row: dict) -> str:
    """'accept', 'reject' or '' (undecided) from a row's accept column; InputError for anything else."""
    return {True: "accept", False: "reject", None: ""}[yes_or_no(row, "accept")]


def render_decisions(rows: list[dict], sha256: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    for row in sorted(rows, key=lambda r: r["id"]):
        if decision(row):
            writer.writerow((row["id"], decision(row), sha256))
    return out.getvalue()


def decided_ids(sha256: str) -> set[str]:
    """Ids decided for this article in the decisions files beside the KG_DATA files."""
    found = set()
    for data in extra_files():
        path = decisions_path(data)
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as stream:
            found |= {row["id"] for row in csv.DictReader(stream, delimiter="\t") if row.get("sha256") == sha256}
    return found
