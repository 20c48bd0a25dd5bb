"""Errors that the CLI turns into a one-line message and an exit code, never a traceback."""


class KgError(Exception):
    """A user-facing error: its message is printed as is, and the process exits with `exit_code`."""

    exit_code = 1


class NotFoundError(KgError):
    """A name or query that matches nothing, or matches several things (exit 1)."""

    exit_code = 1


class InputError(KgError):
    """Unreadable input: a missing or malformed RDF file, a malformed query (exit 2)."""

    exit_code = 2
