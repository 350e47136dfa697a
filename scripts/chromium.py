"""How relgraph's tooling starts Chromium: the browser tests, the page benchmark, the screenshot.

Debian's ``chromium`` package (``/usr/bin/chromium``, or the path in
``RELGRAPH_CHROMIUM``), driven by Playwright with ``executable_path``; the
flags keep a headless browser from reaching the network on its own
(updates, sync, QUIC) so that the pages' own requests, which must be none,
are the only ones.
"""

from __future__ import annotations

import os
from typing import Any

CHROMIUM = os.environ.get("RELGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 900}


def launch(playwright: Any) -> Any:
    """A headless Chromium from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
