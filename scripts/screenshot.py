"""Take the README's screenshot: the bundled dataset's page in headless Chromium, 1400x900.

The page is rendered to a temporary file and opened from file://, with a relation
selected so that the picture shows its evidence (by default the dataset's first
allegation), or with a view in its address (``--view``: a story's step, a selection,
filters; nothing else is selected then unless ``--select`` says so).

Usage::

    python scripts/screenshot.py                      # writes docs/screenshot.png
    python scripts/screenshot.py DATASET -o shot.png --select iran-cuba-agreement-2006
    python scripts/screenshot.py -o docs/story-1.png --view story=agreements
    python scripts/screenshot.py -o phone.png --width 390 --height 844 --select cuba

Chromium is Debian's ``/usr/bin/chromium`` (or ``RELGRAPH_CHROMIUM``), driven by Playwright.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import relgraph
from chromium import launch
from relgraph.rendering import render

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", default=str(ROOT / "graph_data" / "cuba_iran.yaml"))
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--select", help="id of a relation or an actor to show in the panel")
    parser.add_argument("--view", help="a view for the address's hash, e.g. story=agreements")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    ds = relgraph.load(args.dataset)
    selected = args.select or (
        None
        if args.view
        else next(
            (r.id for r in ds.relations if r.is_allegation),
            ds.relations[0].id if ds.relations else None,
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "page.html"
        render(ds, page_path)
        with sync_playwright() as pw:
            browser = launch(pw)
            context = browser.new_context(
                viewport={"width": args.width, "height": args.height}, offline=True
            )
            page = context.new_page()
            problems: list[str] = []
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("console", lambda m: m.type == "error" and problems.append(m.text))
            page.goto(page_path.as_uri() + ("#" + args.view.lstrip("#") if args.view else ""))
            page.wait_for_function("window.relgraph && window.relgraph.firstDraw !== null")
            if selected:
                ok = page.evaluate(
                    "(id) => window.relgraph.selectEdge(id) || window.relgraph.selectNode(id)",
                    selected,
                )
                if not ok:
                    print(
                        f"screenshot: '{selected}' is neither a relation nor an actor",
                        file=sys.stderr,
                    )
                    return 2
            page.wait_for_timeout(600)  # a selection on a phone pans the view, animated
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.output)
            browser.close()
    if problems:
        print("screenshot: the page reported errors:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"screenshot: wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
