r"""How a dataset shows in Jupyter: a short text, a summary that survives, and the page.

A dataset in a notebook cell shows three things in one output:

``text/plain``
    :func:`summary_text`, one line: the id, the title and the counts. It is
    also ``repr(dataset)``, so it stays short whatever the dataset's size
    (under 300 characters; the title is cut to 80).
``text/html``
    :func:`summary_html`, a small table of the counts, the relations by
    status and the actors with the most relations, in plain HTML that a notebook's
    sanitizer keeps; then the interactive page in a sandboxed
    ``<iframe srcdoc>`` (:func:`relgraph.rendering.notebook`). A notebook
    saved and reopened untrusted drops the frame (JupyterLab's sanitizer
    removes it) and still shows the summary.

A dataset of more than :data:`MAX_INLINE_RELATIONS` relations, or whose page
would pass :data:`MAX_INLINE_BYTES`, is shown with its summary and a message
saying how to see it instead of the page: a page that size would pass the
notebook server's output rate limit (``iopub_data_rate_limit``, 1 MB/s by
default) and be dropped, and would be saved into the notebook file.
``notebook(ds)`` shows the page whatever its size.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> print(summary_text(ds).replace(": ", ":\n"))
<Dataset cuba_iran 'Cuba–Iran relations':
20 entities, 31 relations, 33 quotes, 1 source, 10 claims>
>>> bundle = mimebundle(ds)
>>> sorted(bundle), bundle["text/html"].count("<iframe")
(['text/html', 'text/plain'], 1)
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from markupsafe import escape

from relgraph.model import STATUSES, bind

if TYPE_CHECKING:
    from relgraph.model import Dataset

__all__ = ["MAX_INLINE_BYTES", "MAX_INLINE_RELATIONS", "mimebundle", "summary_html", "summary_text"]

#: Above this many relations a dataset shows its summary and a message, not its page.
MAX_INLINE_RELATIONS = 2_000
#: Above this many bytes of page (as the frame holds it) the same.
MAX_INLINE_BYTES = 3_000_000
_TITLE = 80
_TOP = 5


def _plural(n: int, word: str) -> str:
    many = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n:,} {word if n == 1 else many}"


def _quotes(ds: Dataset) -> int:
    return sum(len(r.evidence) for r in ds.relations)


def _title(ds: Dataset) -> str:
    title = " ".join(ds.title.split())
    return title if len(title) <= _TITLE else title[: _TITLE - 1].rstrip() + "…"


def summary_text(ds: Dataset) -> str:
    """One line: the dataset's id, title (cut to 80 characters) and counts.

    Parameters
    ----------
    ds : Dataset
        A loaded dataset.

    Returns
    -------
    str
        The line, as ``repr(ds)`` gives it.

    Examples
    --------
    >>> import relgraph
    >>> len(summary_text(relgraph.load("graph_data/cuba_iran_havana.yaml"))) < 300
    True
    """
    return (
        f"<Dataset {ds.id} {_title(ds)!r}: {_plural(len(ds.entities), 'entity')}, "
        f"{_plural(len(ds.relations), 'relation')}, {_plural(_quotes(ds), 'quote')}, "
        f"{_plural(len(ds.sources), 'source')}, {_plural(len(ds.claims), 'claim')}>"
    )


def _most_connected(ds: Dataset) -> list[tuple[str, int]]:
    degree = Counter(end for r in ds.relations for end in (r.source, r.target))
    names = {e.id: e.name for e in ds.entities}
    top = sorted(degree.items(), key=lambda item: (-item[1], item[0]))[:_TOP]
    return [(names.get(i, i), n) for i, n in top]


def summary_html(ds: Dataset) -> str:
    """Return the dataset's counts, relations by status and busiest actors as plain HTML.

    Only ``div``, ``p``, ``strong``, ``code``, ``table``, ``thead``, ``tbody``,
    ``tr``, ``th`` and ``td``, without attributes: what a notebook's sanitizer
    keeps in an untrusted output. Every text from the dataset is escaped.

    Parameters
    ----------
    ds : Dataset
        A loaded dataset.

    Returns
    -------
    str
        An HTML fragment.

    Examples
    --------
    >>> import relgraph
    >>> html = summary_html(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> html.startswith("<div>"), "<script" in html
    (True, False)
    """
    statuses = Counter(r.status for r in ds.relations)
    rows = "".join(
        f"<tr><td>{s}</td><td>{statuses[s]:,}</td></tr>" for s in STATUSES if statuses[s]
    )
    top = ", ".join(f"{escape(name)} ({n:,})" for name, n in _most_connected(ds))
    counts = ", ".join(
        (
            _plural(len(ds.entities), "actor"),
            _plural(len(ds.relations), "relation"),
            _plural(_quotes(ds), "quote"),
            _plural(len(ds.sources), "source"),
            _plural(len(ds.claims), "claim"),
        )
    )
    parts = [
        f"<p><strong>{escape(_title(ds))}</strong> <code>{escape(ds.id)}</code>: {counts}</p>",
        f"<table><thead><tr><th>status</th><th>relations</th></tr></thead><tbody>{rows}"
        "</tbody></table>"
        if rows
        else "",
        f"<p>Most relations: {top}</p>" if top else "",
    ]
    return "<div>" + "".join(parts) + "</div>"


def _too_large(ds: Dataset, size: int | None) -> str:
    what = (
        f"{len(ds.relations):,} relations are more than a notebook shows inline "
        f"(at most {MAX_INLINE_RELATIONS:,})"
        if size is None
        else f"the page is {size / 1e6:.1f} MB, more than a notebook shows inline "
        f"(at most {MAX_INLINE_BYTES / 1e6:g} MB)"
    )
    return (
        f"<p>{what}: write the page to a file with <code>relgraph.render(ds, "
        "&quot;page.html&quot;)</code> and open it, or show part of the dataset, "
        "e.g. <code>relgraph.filters.Filter(statuses=[&quot;confirmed&quot;]).apply(ds)</code> "
        "(<code>relgraph.rendering.notebook(ds)</code> shows it anyway).</p>"
    )


def mimebundle(ds: Dataset) -> dict[str, str]:
    """Return what Jupyter shows for ``ds``: ``text/plain`` and ``text/html``.

    See the module docs.

    Without python-igraph, which lays the page out, the summary shows with a
    line saying so instead of the page.

    Parameters
    ----------
    ds : Dataset
        A loaded dataset.

    Returns
    -------
    dict of str to str
        The summary line and the summary with the page (or why it is left out).

    Examples
    --------
    >>> import relgraph
    >>> bundle = mimebundle(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> sorted(bundle), bundle["text/plain"].startswith("<Dataset cuba_iran")
    (['text/html', 'text/plain'], True)
    """
    from relgraph.rendering import NoLayoutEngine, notebook

    html = summary_html(ds)
    if len(ds.relations) > MAX_INLINE_RELATIONS:
        html += _too_large(ds, None)
    else:
        try:
            frame = notebook(ds)._repr_html_()
        except NoLayoutEngine:
            frame = (
                "<p>The page is not shown: its layout needs python-igraph, which is not "
                "installed (<code>pip install igraph</code>).</p>"
            )
        html += _too_large(ds, len(frame)) if len(frame) > MAX_INLINE_BYTES else frame
    return {"text/plain": summary_text(ds), "text/html": html}


bind(summary_text=summary_text, mimebundle=mimebundle)
