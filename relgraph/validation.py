"""Loading a dataset: from YAML files to a validated :class:`~relgraph.model.Dataset`.

:func:`load` reads a dataset file, or every ``*.yaml``/``*.yml``/``*.jsonl`` file
of a folder (JSON Lines files are read by :mod:`relgraph.bulk`), checks everything
it can, and either returns the dataset or raises one
:class:`~relgraph.errors.DatasetError` listing every problem found, each with
``file:line:col``, a stable code and a hint. Warnings (weaker evidence) do not
stop loading; they are kept on ``Dataset.warnings``.

See the README for the file format.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from relgraph.errors import DatasetError, Diagnostic, did_you_mean
from relgraph.fields import Fields, Problems
from relgraph.loading import Node, read_text, read_yaml
from relgraph.model import (
    RELIABILITY_GRADES,
    STATUSES,
    Claim,
    Dataset,
    Entity,
    Evidence,
    Location,
    PartialDate,
    Relation,
    Sign,
    Source,
    Status,
)
from relgraph.quotes import StoredText
from relgraph.vocabulary import SIGNS, Vocabulary, builtin_vocabulary, parse_vocabulary

if TYPE_CHECKING:
    from relgraph.progress import ProgressCallback

__all__ = [
    "FIELDS",
    "MAX_QUOTE",
    "dataset_files",
    "default_claim_id",
    "default_relation_id",
    "load",
    "validate",
]

_SECTIONS = ("dataset", "vocabulary", "sources", "entities", "relations", "claims")
_ALLEGATION_WORDS = re.compile(
    r"\b(alleg\w*|accus\w*|reportedly|purported\w*|claimed|suspected)\b", re.IGNORECASE
)
#: The fields each part of the dataset format may have, in the order the docs give them.
FIELDS: dict[str, tuple[str, ...]] = {
    "dataset": ("id", "title", "description", "notes", "license", "authors"),
    "source": (
        "id",
        "title",
        "publisher",
        "url",
        "published",
        "retrieved",
        "reliability",
        "text",
        "sha256",
        "notes",
    ),
    "entity": ("id", "name", "kind", "aliases", "country", "description", "external_ids", "tags"),
    "relation": (
        "id",
        "source",
        "target",
        "type",
        "date",
        "start",
        "end",
        "status",
        "sign",
        "notes",
        "evidence",
    ),
    "claim": ("id", "entity", "statement", "status", "date", "notes", "evidence"),
    "evidence item": ("quote", "source", "attributed_to", "credibility", "notes"),
}
#: Longest quote accepted: evidence is the passage that supports a claim, not a document.
MAX_QUOTE = 5_000
#: Largest stored source text relgraph reads.
MAX_SOURCE_BYTES = 32 * 1024 * 1024


def default_relation_id(
    source: str, target: str, rtype: str, date: str | None, directed: bool
) -> str:
    """The id relgraph gives a relation written without one.

    The ends are sorted for undirected types, so either order gives one id.

    Examples
    --------
    >>> default_relation_id("iran", "cuba", "agreement", "2006-01", directed=False)
    'cuba.agreement.iran.2006-01'
    """
    a, b = (source, target) if directed or source <= target else (target, source)
    return f"{a}.{rtype}.{b}.{date}" if date else f"{a}.{rtype}.{b}"


_SLUG = re.compile(r"[^a-z0-9]+")


def default_claim_id(entity: str, statement: str) -> str:
    """The id relgraph gives a claim written without one.

    Examples
    --------
    >>> default_claim_id("cuba", "Cuba's government is communist.")
    'cuba.claim.cuba-s-government-is-communist'
    """
    slug = _SLUG.sub("-", statement.lower()).strip("-")[:40].strip("-")
    return f"{entity}.claim.{slug or 'x'}"


def _loc(node: Node) -> Location:
    return Location(node.path, node.line, node.column)


def dataset_files(path: str) -> tuple[list[str], list[Diagnostic]]:
    """The files that make up the dataset at ``path``, sorted by name.

    A path to a file is a dataset of one file; a path to a folder is every
    ``*.yaml``, ``*.yml`` and ``*.jsonl`` file directly inside it.
    """
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.endswith((".yaml", ".yml", ".jsonl")))
        files = [os.path.join(path, n) for n in names if os.path.isfile(os.path.join(path, n))]
        if not files:
            return [], [
                Diagnostic(
                    path,
                    0,
                    0,
                    "empty-dataset",
                    "the folder has no .yaml, .yml or .jsonl files",
                    "name a dataset file, or a folder holding dataset files",
                )
            ]
        return files, []
    if not os.path.exists(path):
        return [], [
            Diagnostic(
                path,
                0,
                0,
                "missing-file",
                "no such file or folder",
                "check the path; `relgraph validate graph_data/cuba_iran.yaml` "
                "checks the bundled dataset",
            )
        ]
    return [path], []


@dataclass
class _Raw:
    """The sections of every file, gathered before they are checked."""

    dataset: list[Node] = field(default_factory=list)
    vocabulary: list[Node] = field(default_factory=list)
    sources: list[Node] = field(default_factory=list)
    entities: list[Node] = field(default_factory=list)
    relations: list[Node] = field(default_factory=list)
    claims: list[Node] = field(default_factory=list)
    unreadable: int = 0


def _gather(files: list[str], problems: Problems) -> _Raw:
    raw = _Raw()
    for path in files:
        root, diags = read_yaml(path)
        problems.extend(diags)
        if root is None:
            raw.unreadable += 1
            if not diags:
                problems.items.append(
                    Diagnostic(
                        path,
                        0,
                        0,
                        "empty-file",
                        "the file is empty",
                        "give it a 'dataset:' section and some entities",
                    )
                )
            continue
        if root.kind != "map":
            raw.unreadable += 1
            problems.add(
                root,
                "not-a-mapping",
                f"a dataset file must be a mapping of sections, not {_what(root)}",
                "start the file with sections such as 'dataset:' and 'entities:'",
            )
            continue
        for key, key_node in root.keys.items():
            if key not in _SECTIONS:
                problems.add(
                    key_node,
                    "unknown-section",
                    f"'{key}' is not a dataset section",
                    did_you_mean(str(key), _SECTIONS, f"sections are: {', '.join(_SECTIONS)}"),
                )
        if (node := root.get("dataset")) is not None:
            raw.dataset.append(node)
        if (node := root.get("vocabulary")) is not None and node.kind != "null":
            raw.vocabulary.append(node)
        for section in ("sources", "entities", "relations", "claims"):
            node = root.get(section)
            if node is None or node.kind == "null":
                continue
            if node.kind != "seq":
                problems.add(
                    node,
                    "wrong-type",
                    f"'{section}' must be a list",
                    f"write each of the {section} as a '- id: …' item",
                )
                continue
            for item in node.value:
                if item.kind != "map":
                    problems.add(
                        item,
                        "wrong-type",
                        f"each item of '{section}' must be a mapping, not {_what(item)}",
                        "write each item as '- id: …' followed by its fields",
                    )
                    continue
                getattr(raw, section).append(item)
    return raw


def _what(node: Node) -> str:
    return {"seq": "a list", "map": "a mapping", "null": "empty"}.get(node.kind, "a single value")


def _date(f: Fields, key: str) -> PartialDate | None:
    node = f.node_of(key)
    if node is None:
        return None
    if node.kind not in ("str", "int"):
        f._wrong(key, node, "a date (YYYY, YYYY-MM or YYYY-MM-DD)", "write e.g. 2006-01")
        return None
    try:
        return PartialDate.parse(str(node.value))
    except ValueError as exc:
        f.ok = False
        f.problems.add(
            node,
            "bad-date",
            str(exc),
            "write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is",
        )
        return None


class _Loader:
    #: How a source's text is prepared for finding quotes (the bulk loader uses a faster one).
    stored_text: type[StoredText] = StoredText

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.vocab: Vocabulary = builtin_vocabulary()
        self.sources: dict[str, Source] = {}
        self.texts: dict[str, StoredText] = {}
        self.entities: dict[str, Entity] = {}
        self.broken_sources: set[str] = set()

    # -- dataset ---------------------------------------------------------
    def dataset_meta(
        self, nodes: list[Node], files: list[str], quiet: bool = False
    ) -> tuple[str, str, dict[str, str]]:
        if not nodes:
            if quiet:  # a file that could not be read may hold it; that is reported already
                return "dataset", "Untitled dataset", {}
            self.problems.items.append(
                Diagnostic(
                    files[0] if files else "",
                    1,
                    1,
                    "missing-dataset",
                    "no file of the dataset has a 'dataset:' section",
                    "add 'dataset:' with an id and a title at the top of the main file",
                )
            )
            return "dataset", "Untitled dataset", {}
        for extra in nodes[1:]:
            self.problems.add(
                extra,
                "duplicate-dataset",
                "a second 'dataset:' section (only one file may describe the dataset)",
                f"keep the one at {nodes[0].path}:{nodes[0].line}",
            )
        node = nodes[0]
        if node.kind != "map":
            self.problems.add(
                node,
                "wrong-type",
                "'dataset' must be a mapping",
                "give it 'id:', 'title:' and 'description:'",
            )
            return "dataset", "Untitled dataset", {}
        f = Fields(node, "dataset", FIELDS["dataset"], self.problems)
        ident = f.ident("id") or "dataset"
        title = f.text("title", required=True, example="Cuba–Iran relations") or ident
        meta = {
            k: v
            for k in ("description", "notes", "license", "authors")
            if (v := f.text(k)) is not None
        }
        return ident, title, meta

    # -- vocabulary ------------------------------------------------------
    def vocabulary(self, nodes: list[Node]) -> None:
        for node in nodes:
            self.vocab = parse_vocabulary(node, self.vocab, self.problems)

    # -- ids -------------------------------------------------------------
    def claim_id(self, f: Fields, seen: dict[str, Node], what: str) -> str | None:
        ident = f.ident("id")
        node = f.node_of("id")
        if ident is None or node is None:
            return None
        return self.register(ident, node, seen, what)

    def register(self, ident: str, node: Node, seen: dict[str, Node], what: str) -> str | None:
        if ident in seen:
            first = seen[ident]
            self.problems.add(
                node,
                "duplicate-id",
                f"the {what} id '{ident}' is already used at {first.path}:{first.line}",
                "give each one a different id",
            )
            return None
        seen[ident] = node
        return ident

    # -- sources ---------------------------------------------------------
    def source(self, node: Node, seen: dict[str, Node]) -> None:
        f = Fields(node, "source", FIELDS["source"], self.problems)
        ident = self.claim_id(f, seen, "source")
        title = f.text("title", required=True, example="Title of the article")
        reliability = f.choice(
            "reliability",
            list(RELIABILITY_GRADES),
            required=True,
            listing="grades run from A (completely reliable) to E "
            "(unreliable); F means cannot be judged",
            noun="reliability grade",
        )
        url = f.text("url")
        url_node = f.node_of("url")
        if (
            url is not None
            and url_node is not None
            and not re.fullmatch(r"https?://[^\s/?#]+\S*", url, re.IGNORECASE)
        ):
            self.problems.add(
                url_node,
                "bad-url",
                f"'{url}' is not an http or https address",
                "give the address the source was read at, starting https://",
            )
            url = None
        published, retrieved = _date(f, "published"), _date(f, "retrieved")
        text_rel = f.text("text", required=True, example="sources/article.txt")
        sha = f.scalar("sha256", required=True, example="<sha256sum of the text file>")
        text = self.source_text(f, node, text_rel, sha)
        if ident is None or title is None or reliability is None or text is None:
            if ident is not None:
                self.broken_sources.add(ident)
            return
        self.sources[ident] = Source(
            id=ident,
            title=title,
            reliability=reliability,
            text_path=text_rel or "",
            sha256=sha or "",
            text=text,
            publisher=f.text("publisher"),
            url=url,
            published=published,
            retrieved=retrieved,
            notes=f.text("notes"),
            location=_loc(node),
        )
        self.texts[ident] = self.stored_text(text)

    def source_text(self, f: Fields, node: Node, rel: str | None, sha: str | None) -> str | None:
        text_node = f.node_of("text")
        if rel is None or text_node is None:
            return None
        base = os.path.dirname(os.path.abspath(node.path))
        if os.path.isabs(rel) or ".." in re.split(r"[\\/]", rel):
            self.problems.add(
                text_node,
                "unsafe-path",
                f"the source text path '{rel}' leaves the dataset's folder",
                "keep source texts in a folder beside the dataset, e.g. sources/article.txt",
            )
            return None
        full = os.path.join(base, rel)
        real_base = os.path.realpath(base)
        if os.path.commonpath([os.path.realpath(full), real_base]) != real_base:
            self.problems.add(
                text_node,
                "unsafe-path",
                f"the source text path '{rel}' leads outside the dataset's folder through a link",
                "copy the text into the dataset's folder",
            )
            return None
        if not os.path.exists(full):
            self.problems.add(
                text_node,
                "missing-source-text",
                f"the source text '{rel}' does not exist",
                f"store the source's text at {os.path.join(os.path.dirname(node.path), rel)}",
            )
            return None
        text, diags = read_text(full, MAX_SOURCE_BYTES)
        if text is None:
            for d in diags:
                self.problems.add(
                    text_node, d.code, f"the source text '{rel}': {d.message}", d.hint
                )
            return None
        if sha is not None:
            with open(full, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
            sha_node = f.node_of("sha256")
            if sha.lower() != digest and sha_node is not None:
                self.problems.add(
                    sha_node,
                    "sha256-mismatch",
                    f"the sha256 does not match the text in '{rel}'",
                    f"if the text was changed on purpose, write sha256: {digest}",
                )
                return None
        return text

    # -- entities --------------------------------------------------------
    def entity(self, node: Node, seen: dict[str, Node]) -> None:
        f = Fields(node, "entity", FIELDS["entity"], self.problems)
        ident = self.claim_id(f, seen, "entity")
        name = f.text("name", required=True, example="Name as the source gives it")
        kind = f.choice(
            "kind",
            list(self.vocab.entity_kinds),
            required=True,
            listing="`relgraph vocab` lists the kinds",
            noun="entity kind",
        )
        aliases = f.texts("aliases")
        externals = []
        for key, value in f.mapping("external_ids").items():
            if value.kind != "str":
                f._wrong(f"external_ids.{key}", value, "text")
                continue
            externals.append((str(key), str(value.value)))
        tags = f.texts("tags")
        if ident is None or name is None or kind is None:
            return
        self.entities[ident] = Entity(
            id=ident,
            name=name,
            kind=kind,
            aliases=aliases,
            country=f.text("country"),
            description=f.text("description"),
            external_ids=tuple(sorted(externals)),
            tags=tags,
            location=_loc(node),
        )

    def entity_ref(self, f: Fields, key: str) -> str | None:
        ident = f.text(key, required=True, example="an-entity-id")
        node = f.node_of(key)
        if ident is None or node is None:
            return None
        if ident not in self.entities:
            self.problems.add(
                node,
                "unknown-entity",
                f"'{ident}' is not an entity of the dataset",
                did_you_mean(ident, list(self.entities), "entities are listed under 'entities:'"),
            )
            return None
        return ident

    # -- evidence --------------------------------------------------------
    def evidence(self, f: Fields, status: str | None) -> tuple[Evidence, ...]:
        items = f.items("evidence")
        ev_node = f.node_of("evidence")
        if not items:
            self.problems.add(
                ev_node or f.node,
                "no-evidence",
                f"this {f.what} has no evidence",
                "add 'evidence:' with at least one verbatim quote and its source",
            )
            f.ok = False
            return ()
        out = []
        for item in items:
            if item.kind != "map":
                self.problems.add(
                    item,
                    "wrong-type",
                    "each evidence item must be a mapping",
                    "write '- quote: \"…\"' with 'source:' below it",
                )
                f.ok = False
                continue
            e = self.evidence_item(item, status)
            if e is None:
                f.ok = False
            else:
                out.append(e)
        return tuple(out)

    def evidence_item(self, node: Node, status: str | None) -> Evidence | None:
        f = Fields(node, "evidence item", FIELDS["evidence item"], self.problems)
        quote = f.text("quote", required=True, example='"the exact words of the source"')
        source = f.text("source", required=True, example="a-source-id")
        attributed = f.text("attributed_to")
        credibility = f.integer("credibility", 1, 6)
        source_node = f.node_of("source")
        if source is not None and source_node is not None and source not in self.sources:
            # a source that failed its own checks has already been reported
            if source not in self.broken_sources:
                self.problems.add(
                    source_node,
                    "unknown-source",
                    f"'{source}' is not a source of the dataset",
                    did_you_mean(source, list(self.sources), "sources are listed under 'sources:'"),
                )
            return None
        if quote is None or source is None or not f.ok:
            return None
        if len(quote) > MAX_QUOTE:
            self.problems.add(
                f.node_of("quote") or node,
                "quote-too-long",
                f"the quote is {len(quote)} characters long; relgraph takes at most {MAX_QUOTE}",
                "quote only the passage that supports this relation or claim",
            )
            return None
        stored = self.texts[source]
        match = stored.find(quote)
        quote_node = f.node_of("quote") or node
        if match is None:
            near = stored.closest(quote)
            hint = (
                f'the closest passage is: "{near}"'
                if near
                else "copy the words exactly from the source's text"
            )
            self.problems.add(
                quote_node,
                "quote-not-found",
                f"the quote is not in the text of source '{source}'",
                hint,
            )
            return None
        if status not in ("alleged", "disputed", "denied") and _ALLEGATION_WORDS.search(
            stored.context(match)
        ):
            self.problems.add(
                quote_node,
                "allegation-as-fact",
                f"the source frames this as an allegation, but the status is '{status}'",
                "if the source only alleges it, write status: alleged",
                severity="warning",
            )
        entity = attributed if attributed in self.entities else None
        return Evidence(
            quote=quote,
            source=source,
            attributed_to=attributed,
            attributed_entity=entity,
            credibility=credibility,
            start=match.start,
            end=match.end,
            context=stored.context(match),
            location=_loc(node),
            notes=f.text("notes"),
        )

    # -- relations -------------------------------------------------------
    def relation(self, node: Node, index: int) -> Relation | None:
        f = Fields(node, "relation", FIELDS["relation"], self.problems)
        given = f.ident("id", required=False)
        src, dst = self.entity_ref(f, "source"), self.entity_ref(f, "target")
        rtype = f.choice(
            "type",
            list(self.vocab.relation_types),
            required=True,
            listing="`relgraph vocab` lists them",
            noun="relation type",
        )
        status = f.choice("status", list(STATUSES), required=True, noun="status")
        sign = f.choice("sign", list(SIGNS), noun="sign")
        date, start, end = _date(f, "date"), _date(f, "start"), _date(f, "end")
        if date is not None and (start is not None or end is not None):
            self.problems.add(
                f.node_of("date") or node,
                "date-and-range",
                "a relation has either 'date' or 'start'/'end', not both",
                "use date: for a single event, start:/end: for a period",
            )
            f.ok = False
        if start is not None and end is not None and start.earliest() > end.latest():
            self.problems.add(
                f.node_of("end") or node,
                "end-before-start",
                f"the end {end} is before the start {start}",
                "swap them, or check the source's dates",
            )
            f.ok = False
        if src == dst and src is not None:
            self.problems.add(
                f.node_of("target") or node,
                "self-relation",
                f"the relation joins '{src}' to itself",
                "say something about a single actor as a claim instead",
            )
            f.ok = False
        evidence = self.evidence(f, status)
        if src and dst and rtype:
            t = self.vocab.relation_types[rtype]
            sk, tk = self.entities[src].kind, self.entities[dst].kind
            if not t.allows(sk, tk):

                def fmt(kinds: tuple[str, ...] | None) -> str:
                    return "any kind" if kinds is None else ", ".join(kinds)

                self.problems.add(
                    f.node_of("type") or node,
                    "endpoint-kinds",
                    f"'{rtype}' cannot join a {sk} ('{src}') to a {tk} ('{dst}')",
                    f"'{rtype}' goes from {fmt(t.source_kinds)} to {fmt(t.target_kinds)}; "
                    "check the direction or choose another type",
                )
                f.ok = False
        if not (f.ok and src and dst and rtype and status and evidence):
            return None
        t = self.vocab.relation_types[rtype]
        ident = given or default_relation_id(
            src, dst, rtype, str(date) if date else None, t.directed
        )
        return Relation(
            id=ident,
            source=src,
            target=dst,
            type=rtype,
            status=_status(status),
            sign=_sign(sign or t.sign),
            evidence=evidence,
            date=date,
            start=start,
            end=end,
            notes=f.text("notes"),
            location=_loc(node),
        )

    def claim(self, node: Node) -> Claim | None:
        f = Fields(node, "claim", FIELDS["claim"], self.problems)
        given = f.ident("id", required=False)
        entity = self.entity_ref(f, "entity")
        statement = f.text("statement", required=True, example="what the source says of the actor")
        status = f.choice("status", list(STATUSES), required=True, noun="status")
        date = _date(f, "date")
        evidence = self.evidence(f, status)
        if not (f.ok and entity and statement and status and evidence):
            return None
        return Claim(
            id=given or default_claim_id(entity, statement),
            entity=entity,
            statement=statement,
            status=_status(status),
            evidence=evidence,
            date=date,
            notes=f.text("notes"),
            location=_loc(node),
        )


def _status(text: str) -> Status:
    for s in STATUSES:
        if s == text:
            return s
    raise ValueError(text)  # pragma: no cover - checked by Fields.choice


def _sign(text: str) -> Sign:
    return "hostile" if text == "hostile" else "neutral" if text == "neutral" else "cooperative"


def _unique_ids(items: list[Relation] | list[Claim], what: str, problems: Problems) -> None:
    seen: dict[str, Location | None] = {}
    for item in items:
        if item.id in seen:
            first = seen[item.id]
            where = item.location or Location("")
            problems.items.append(
                Diagnostic(
                    where.path,
                    where.line,
                    where.column,
                    "duplicate-id",
                    f"the {what} id '{item.id}' is already used at {first}",
                    "give one of them an explicit, different 'id:'",
                )
            )
        else:
            seen[item.id] = item.location


def _weak_evidence(relations: list[Relation], problems: Problems) -> None:
    for r in relations:
        sources = {e.source for e in r.evidence}
        if r.status == "confirmed" and len(sources) < 2 and r.location is not None:
            problems.items.append(
                Diagnostic(
                    r.location.path,
                    r.location.line,
                    r.location.column,
                    "single-source",
                    f"relation '{r.id}' is marked confirmed but rests on one source",
                    "add evidence from an independent source, or mark it reported",
                    "warning",
                )
            )


def validate(
    path: str | os.PathLike[str], *, progress: ProgressCallback | None = None
) -> list[Diagnostic]:
    """Every problem in the dataset at ``path``, errors and warnings, sorted by location.

    Examples
    --------
    >>> import relgraph, tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "bad.yaml")
    >>> text = "dataset: {id: x, title: X}\\nentities:\\n  - {id: a, name: A, kind: stat}\\n"
    >>> _ = open(p, "w").write(text)
    >>> for problem in validate(p): print(problem)  # doctest: +ELLIPSIS
    /...bad.yaml:3:28: error[unknown-kind] 'stat' is not an entity kind
      hint: did you mean 'state'? `relgraph vocab` lists the kinds
    """
    try:
        dataset = load(path, progress=progress)
    except DatasetError as exc:
        return list(exc.diagnostics)
    return list(dataset.warnings)


def load(path: str | os.PathLike[str], *, progress: ProgressCallback | None = None) -> Dataset:
    """Load and validate the dataset at ``path`` (a YAML or JSON Lines file, or a folder).

    Parameters
    ----------
    path : str or PathLike
        A dataset file, or a folder whose ``*.yaml``/``*.yml``/``*.jsonl``
        files together make one dataset.
    progress : callable, optional
        Called as ``progress(stage, done, total)`` while loading; see
        :mod:`relgraph.progress`.

    Returns
    -------
    Dataset
        The validated dataset; its ``warnings`` hold diagnostics that did not
        stop loading.

    Raises
    ------
    DatasetError
        Listing every problem found, sorted by location.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> ds.entity("iran").kind
    'state'
    >>> all(r.evidence for r in ds.relations)
    True
    """
    path = os.fspath(path)
    problems = Problems()
    files, diags = dataset_files(path)
    problems.extend(diags)
    if not files:
        raise DatasetError(problems.items)
    # the checks are this module's; the order they run in, a fast path for records that
    # pass them and the paused garbage collector are relgraph.bulk's
    from relgraph.bulk import load_files

    return load_files(files, problems, progress=progress)
