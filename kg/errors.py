"""Errors that the CLI turns into a one-line message and an exit code, never a traceback.

Exit codes (the same for every command, documented in the README):

* 0   done (a lookup may have answered with no rows);
* 1   a name or named query that designates nothing or several things; `kg validate` found violations;
* 2   a usage error, unreadable or malformed input (files, queries, IRIs, parameters), a refused query,
      an unusable cache or store, or output that cannot be written;
* 3   a limit was hit: the query's deadline or its row limit;
* 70  an internal error (a bug: please report it; `--debug` or KG_DEBUG=1 shows the traceback);
* 130 interrupted (Ctrl-C); 141 standard output closed early (a pipe such as `| head`).
"""

EXIT_OK, EXIT_NOT_FOUND, EXIT_INPUT, EXIT_LIMIT = 0, 1, 2, 3
EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 70, 130, 141


class KgError(Exception):
    """A user-facing error: its message is printed as is, and the process exits with `exit_code`."""

    exit_code = EXIT_INPUT


class NotFoundError(KgError):
    """A name or query that matches nothing, or matches several things (exit 1)."""

    exit_code = EXIT_NOT_FOUND


class InputError(KgError):
    """Unreadable input: a missing or malformed RDF file, a malformed or refused query, a bad value (exit 2)."""

    exit_code = EXIT_INPUT


class LimitError(KgError):
    """A query stopped at its deadline or its row limit (exit 3); the message says which."""

    exit_code = EXIT_LIMIT


class RowLimitError(LimitError):
    """A result of more rows or triples than the row limit: refused whole, never cut (exit 3)."""


def shorten(text: str, limit: int = 80) -> str:
    """User input as echoed in an error message: at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
