"""Writing output: files replaced whole (never half-written), or standard output for `-o -`."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kg.errors import InputError, shorten

# The -o value that means standard output, as in most Unix tools.
STDOUT = "-"


def is_stdout(path) -> bool:
    """Whether an -o value means standard output: no value, or '-'."""
    return path is None or str(path) == STDOUT


def output_target(path) -> Path:
    """The regular file that writing to `path` replaces: `path` itself or, through symbolic links, their target.

    A folder, device, FIFO or socket is refused (InputError), so that `-o /dev/full` never replaces a device
    and a symlinked target stays a link to the new file.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise InputError(f"cannot write {shorten(str(path))}: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"cannot write {shorten(str(path))}: it is a folder; name a file")
    if not stat.S_ISREG(mode):
        raise InputError(f"cannot write {shorten(str(path))}: not a regular file (a device, FIFO or socket)")
    return target


def _mode_for(target: Path) -> int:
    """A replaced file keeps its permissions; a new one gets 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_aside(target: Path, data: bytes, shown) -> str:
    """`data` in a new temporary file beside `target`, flushed to disk; its path."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {shorten(str(shown))}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {shorten(str(shown))}: {exc.strerror}") from None
        raise
    return temporary


def write_files(files: Mapping) -> None:
    """Write each file of `files` (path -> bytes) whole, all of them or none; a path None or '-' is stdout.

    Every target is checked (output_target) and every file written to a temporary file beside its target
    before any is renamed over its target, so a full disk or a refused target leaves all the old files as
    they were and no temporary file behind.
    """
    targets = [(path, None if is_stdout(path) else output_target(path), data) for path, data in files.items()]
    aside, renamed = [], 0
    try:
        for path, target, data in targets:
            if target is not None:
                aside.append((_write_aside(target, data, path), target, path))
        for temporary, target, path in aside:
            try:
                os.replace(temporary, target)
            except OSError as exc:
                raise InputError(f"cannot write {shorten(str(path))}: {exc.strerror}") from None
            renamed += 1
    finally:
        for temporary, _, _ in aside[renamed:]:
            Path(temporary).unlink(missing_ok=True)
    for path, target, data in targets:
        if target is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()


def write_atomic(path, data: bytes) -> None:
    """Write `data` to `path` whole (see write_files); '-' is standard output."""
    write_files({path: data})
