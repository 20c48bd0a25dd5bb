"""Bulk loading the dataset's files into a pyoxigraph store, in parallel, under kg's graph naming rules.

Each file goes through pyoxigraph's bulk loader into its own graph (kg.rdf.inputs.graph_name): a Turtle
file's triples, and the default-graph triples of a TriG or N-Quads file, go to the file's graph; named
graphs stay as they are. The bulk loader encodes and sorts a batch on a single thread, so a big N-Triples
or N-Quads file is cut at line boundaries into parts that load side by side. The parser renames blank
nodes at each call, so the parts of a file must not share a blank node label: cuts fall only where no
label's lines span them (a kg export writes blank nodes far from the statements using them, but each
within a short span). A file no such cut divides loads whole, with a warning. Small files load together through kg.parsing.read_quads, making one set of SST files.
"""

from __future__ import annotations

import os
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.rdf.inputs import graph_name
from kg.rdf.parsing import rdf_format, read_quads, syntax_error

LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
SMALL_BYTES = 2**20  # files below this size load together in one batch
SPLIT_BYTES = 8 * 2**20  # line-based files from this size are cut into parts
PART_BYTES = 64 * 2**20  # the largest part; more parts mean more SST files to compact
PARTS_PER_WORKER = 2
CHUNK_BYTES = 16 * 2**20  # read at a time when looking for blank node labels
BLANK_LABEL = re.compile(rb'_:[^\s<>"{}|^`\\.]+(?:\.+[^\s<>"{}|^`\\.]+)*')

Progress = Callable[[int, int], None]  # (bytes loaded, bytes in all) -> None


class _PartError(Exception):
    """An input error in a part, with the part's place in the input order."""

    def __init__(self, part: "Part", error: KgError, start: int = 0):
        super().__init__(str(error))
        self.order = (part.index, start)
        self.error = error


@dataclass(frozen=True)
class Part:
    """Bytes [start, end) of a file, or the whole file when end is None."""

    index: int  # the file's position among the inputs, so errors are reported in input order
    path: Path
    fmt: ox.RdfFormat
    start: int
    end: int | None
    size: int

    def read(self) -> bytes:
        """The part's bytes."""
        with open(self.path, "rb") as f:
            f.seek(self.start)
            return f.read(None if self.end is None else self.end - self.start)


def workers() -> int:
    """Threads loading at once: one per core, and at least two."""
    return max(2, os.cpu_count() or 2)


@dataclass(frozen=True)
class Job:
    """Parts loaded by one call: several small files parsed in Python, or one (part of a) file."""

    parts: tuple[Part, ...]
    together: bool = False

    @property
    def size(self) -> int:
        return sum(p.size for p in self.parts)


def plan(files: Iterable[Path]) -> list[Job]:
    """The jobs to run side by side: the small files together; each other file whole; big line-based
    files cut at line ends into parts that share no blank node, one job per part."""
    small: list[Part] = []
    parts: list[Part] = []
    for index, path in enumerate(map(Path, files)):
        fmt = rdf_format(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if not os.access(path, os.R_OK):
            raise InputError(f"{path}: cannot read: permission denied")
        size = path.stat().st_size
        if size < SMALL_BYTES:
            small.append(Part(index, path, fmt, 0, None, size))
        elif fmt in LINE_FORMATS and size >= SPLIT_BYTES:
            parts.extend(_split(index, path, fmt, size))
        else:
            parts.append(Part(index, path, fmt, 0, None, size))
    return ([Job(tuple(small), together=True)] if small else []) + [Job((p,)) for p in parts]


def _split(index: int, path: Path, fmt: ox.RdfFormat, size: int) -> list[Part]:
    """A line-based file cut at line ends into parts that share no blank node label: each cut is the line
    end nearest its share of the bytes that no label's lines span. Whole, with a warning, if none is."""
    count = max(PARTS_PER_WORKER * workers(), -(-size // PART_BYTES))
    spans = _blank_spans(path)
    starts = [a for a, _ in spans]
    cuts = [0]
    with open(path, "rb") as f:
        for k in range(1, count):
            f.seek(size * k // count)
            f.readline()
            cut = f.tell()
            i = bisect_right(starts, cut) - 1
            if i >= 0 and spans[i][0] < cut < spans[i][1]:
                a, b = spans[i]
                cut = a if cut - a <= b - cut else b
            if cuts[-1] < cut < size:
                cuts.append(cut)
    cuts.append(size)
    if len(cuts) == 2:
        print(f"kg: warning: {path} loads on one thread: blank node labels span it from end to end "
              "(write each blank node's lines together to load it in parallel)", file=sys.stderr)
    return [Part(index, path, fmt, a, b, b - a) for a, b in zip(cuts, cuts[1:])]


def _blank_spans(path: Path) -> list[tuple[int, int]]:
    """The byte ranges (from the start of a blank node label's first line to the end of its last line) no
    cut may fall strictly inside, merged and sorted."""
    lines: dict[bytes, list[int]] = {}
    offset = 0
    with open(path, "rb") as f:
        rest = b""
        while chunk := f.read(CHUNK_BYTES):
            data = rest + chunk
            end = data.rfind(b"\n") + 1
            data, rest = (data[:end], data[end:]) if end else (b"", data)
            _note_labels(data, offset, lines)
            offset += len(data)
        _note_labels(rest, offset, lines)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(tuple(span) for span in lines.values()):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _note_labels(data: bytes, offset: int, lines: dict[bytes, list[int]]) -> None:
    """Widen each label's span in `lines` to the lines of `data` (at `offset` in the file) holding it."""
    if b"_:" not in data:
        return
    for match in BLANK_LABEL.finditer(data):
        start = data.rfind(b"\n", 0, match.start()) + 1 + offset
        end = data.find(b"\n", match.end())
        end = (len(data) if end < 0 else end + 1) + offset
        span = lines.get(match.group())
        if span is None:
            lines[match.group()] = [start, end]
        else:
            span[1] = end


def load(store: ox.Store, files: Iterable[Path], progress: Progress | None = None) -> None:
    """Bulk-load `files` into `store` (a fresh on-disk store: bulk loading is not transactional).

    Raises InputError naming file and line for malformed input (the first one in input order).
    """
    jobs = plan(files)
    total = sum(job.size for job in jobs)
    errors: list[_PartError] = []
    done = 0
    with ThreadPoolExecutor(workers()) as pool:
        pending = {pool.submit(_run, store, job): job for job in sorted(jobs, key=lambda j: -j.size)}
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                job = pending.pop(future)
                try:
                    future.result()
                except _PartError as error:
                    errors.append(error)
                done += job.size
            if progress is not None:
                progress(done, total)
    if errors:
        raise min(errors, key=lambda e: e.order).error


def _run(store: ox.Store, job: Job) -> None:
    if job.together:
        store.bulk_extend(_quads(job.parts))
    else:
        _load_part(store, job.parts[0])


def _quads(parts: Iterable[Part]):
    for part in parts:
        try:
            yield from read_quads(part.path)
        except KgError as error:
            raise _PartError(part, error) from None


def _load_part(store: ox.Store, part: Part) -> None:
    options = dict(format=part.fmt, base_iri=part.path.resolve().as_uri(),
                   to_graph=ox.NamedNode(graph_name(part.path)))
    try:
        if part.end is None:
            store.bulk_load(path=part.path, **options)
            return
        store.bulk_load(input=part.read(), **options)
        return
    except SyntaxError as exc:
        error = _first_error(part) if part.end is not None else syntax_error(part.path, part.fmt, exc)
    except ValueError as exc:
        error = InputError(f"{part.path}: cannot read: {exc}")
    except OSError as exc:
        error = KgError(f"cannot load {part.path} into the store: {exc}")
    raise _PartError(part, error, part.start)


def _first_error(part: Part) -> KgError:
    """The error of a split file as kg.parsing reports it (positions in the part's message are relative)."""
    try:
        for _ in read_quads(part.path):
            pass
    except KgError as error:
        return error
    return InputError(f"{part.path}: malformed {part.fmt.name} after byte {part.start}")
