"""The actor page's network: the very page `kg viz --focus` writes, served to a sandboxed frame.

That page inlines vis-network and its own script; instead of allowing inline scripts, its
Content-Security-Policy lists the SHA-256 hash of each inline script and style, so that nothing else runs.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.responses import HTMLResponse

from kg.network.page import build_page, render_html
from kg.web.render import SECURITY_HEADERS

_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.DOTALL)  # <script type=...> data blocks never run


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def frame_policy(html: str) -> str:
    """A Content-Security-Policy that allows exactly the inline scripts and styles of `html`."""
    hashes = {"script": set(), "style": set()}
    for tag, body in _INLINE.findall(html):
        hashes[tag].add(_hash(body))
    return (f"default-src 'none'; script-src {' '.join(sorted(hashes['script']))}; "
            f"style-src {' '.join(sorted(hashes['style']))}; img-src data:; frame-ancestors 'self'; "
            "base-uri 'none'; form-action 'none'")


def network_frame(engine, iri: str, depth: int = 1) -> HTMLResponse:
    """The network of the actors within `depth` relationships of `iri`, as `kg viz` draws it."""
    html = render_html(build_page(engine, iri, depth))
    return HTMLResponse(html, headers={**SECURITY_HEADERS, "Content-Security-Policy": frame_policy(html),
                                       "X-Frame-Options": "SAMEORIGIN"})
