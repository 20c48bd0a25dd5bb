"""HTTP to SPARQL servers: one client for the endpoint engine and `kg publish`.

Credentials come only from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD, never from the command line or a URL,
and never appear in an error: errors name the server by its URL without user information. The server's
challenge decides between HTTP basic and digest authentication (Virtuoso's authenticated endpoints ask for
digest). A 429 or 503 is retried with backoff, honouring Retry-After, within the request's deadline.
"""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from kg.errors import InputError, LimitError
from kg.sparql.endpoint_spec import PASSWORD_VARIABLE, USER_VARIABLE

CONNECT_TIMEOUT = 10.0  # seconds to open a connection
RETRIES = 3  # attempts after the first, for 429 and 503
BACKOFF = 0.5  # seconds before the first retry, doubled each time
MAX_ERROR_BODY = 200  # characters of a server's error text repeated in ours


class ChallengeAuth(httpx.Auth):
    """Basic or digest authentication, whichever the server's 401 challenge asks for."""

    def __init__(self, user: str, password: str):
        self.basic, self.digest = httpx.BasicAuth(user, password), httpx.DigestAuth(user, password)

    def auth_flow(self, request: httpx.Request):
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").strip().lower()
        yield from (self.digest if challenge.startswith("digest") else self.basic).auth_flow(request)


def credentials_auth() -> ChallengeAuth | None:
    """The authentication that KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD describe, or None."""
    user = os.environ.get(USER_VARIABLE)
    if not user:
        return None
    return ChallengeAuth(user, os.environ.get(PASSWORD_VARIABLE, ""))


def new_client() -> httpx.Client:
    """An HTTP client with kg's authentication; no proxies from the environment for loopback servers."""
    return httpx.Client(auth=credentials_auth(), follow_redirects=False, trust_env=False,
                        headers={"User-Agent": "kg (knowledge graph client)"})


def send(client: httpx.Client, method: str, url: str, deadline: float, **request) -> Iterator[httpx.Response]:
    """Send the request, retrying 429/503, and yield the streamed response once (a context: the caller
    reads it inside the loop). Raises InputError when the server cannot be reached or refuses, LimitError
    at the deadline (seconds on time.monotonic())."""
    where = server_name(url)
    for attempt in range(RETRIES + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LimitError(f"{where} did not answer before the deadline")
        timeout = httpx.Timeout(remaining, connect=min(CONNECT_TIMEOUT, remaining))
        try:
            with client.stream(method, url, timeout=timeout, **request) as response:
                if response.status_code in (429, 503) and attempt < RETRIES:
                    wait = retry_after(response.headers.get("retry-after"), BACKOFF * 2 ** attempt)
                    if time.monotonic() + wait < deadline:
                        response.close()
                        time.sleep(wait)
                        continue
                yield response
                return
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout):
                raise InputError(f"cannot reach {where}: the connection timed out") from None
            raise LimitError(f"{where} did not answer before the deadline") from None
        except httpx.TransportError as exc:
            raise InputError(f"cannot reach {where}: {reason(exc)}") from None


def read_body(response: httpx.Response, deadline: float, what: str) -> bytes:
    """The whole body of a streamed response, stopping with LimitError at the deadline."""
    chunks = []
    try:
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise LimitError(f"{what} did not finish before the deadline")
    except httpx.TimeoutException:
        raise LimitError(f"{what} did not finish before the deadline") from None
    except httpx.TransportError as exc:
        raise InputError(f"{what} was cut off: {reason(exc)}") from None
    return b"".join(chunks)


def refusal(response: httpx.Response, body: bytes, where: str) -> InputError:
    """The error for a response that is not a success, with the start of the server's own message."""
    if response.status_code in (401, 403):
        hint = (f"set {USER_VARIABLE} and {PASSWORD_VARIABLE}" if USER_VARIABLE not in os.environ
                else "check the user and password")
        return InputError(f"{where} refused the request (HTTP {response.status_code}): {hint}")
    text = " ".join(body.decode("utf-8", "replace").split())[:MAX_ERROR_BODY]
    return InputError(f"{where} answered HTTP {response.status_code}" + (f": {text}" if text else ""))


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else `default`."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def server_name(url: str) -> str:
    """How errors name a server: its URL without query string."""
    parts = urlsplit(url)
    return f"the endpoint {parts.scheme}://{parts.netloc}{parts.path}"


def reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:MAX_ERROR_BODY]
