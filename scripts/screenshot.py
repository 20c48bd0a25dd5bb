"""Regenerate docs/graph.png: the full `kg viz` page, laid out in headless Chromium.

Run from the checkout: .venv/bin/python scripts/screenshot.py [-o docs/graph.png]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from headless import chromium, wait_until_laid_out

from kg.network.page import build_page, render_html
from kg.store.engines import open_engine

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "graph.png")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, chromium(args.width, args.height) as browser:
        html = Path(folder) / "graph.html"
        html.write_text(render_html(build_page(open_engine())), encoding="utf-8")
        page = browser.new_page()
        page.goto(html.as_uri())
        wait_until_laid_out(page)
        page.screenshot(path=str(args.output))
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
