"""vis-network, vendored under kg/network/vendor/vis-network (see its README): the JavaScript and CSS that
`kg viz` and `kg.to_pyvis` inline, checked against the SHA-256 they were tested with."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.errors import KgError

VERSION = "9.1.2"
FOLDER = Path(__file__).resolve().parent / "vendor" / "vis-network"
SHA256 = {
    "vis-network.min.js": "6e30a2350474cdf92a0932c6d55b8adcb91929066817ed3eec7b87907a4612f3",
    "vis-network.min.css": "2e82d445ad5878ea881652470ce632601f8f55f1b99e6ebecdff8614600e6d0e",
}


def vis_network_file(name: str) -> str:
    """The text of one vendored vis-network file; KgError if it is missing or not the tested one."""
    path = FOLDER / name
    try:
        data = path.read_bytes()
    except OSError:
        raise KgError(f"vis-network {VERSION} is missing from {FOLDER} (reinstall kg)") from None
    if hashlib.sha256(data).hexdigest() != SHA256[name]:
        raise KgError(f"{path} is not the vis-network {VERSION} file kg was tested with (reinstall kg)")
    return data.decode("utf-8")


def vis_network_files() -> tuple[str, str]:
    """vis-network's JavaScript and CSS."""
    return vis_network_file("vis-network.min.js"), vis_network_file("vis-network.min.css")
