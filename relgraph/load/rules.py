"""The rules of a dataset: the checks that produce every diagnostic of loading.

:class:`_Loader` checks the located nodes of a dataset's sections (read by
:mod:`relgraph.load.yaml`, or by :mod:`relgraph.load.jsonl` for JSON Lines
records) and makes the model's objects. Every problem is reported with
``file:line:col``, a stable code and a hint; warnings (weaker evidence) do not
stop loading. :func:`relgraph.load` runs these checks through
:mod:`relgraph.load.fast`.

See the README for the file format.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from relgraph.errors import VALUE_LIMIT, Diagnostic, did_you_mean, shorten
from relgraph.fields import ID_RE, Fields, Problems
from relgraph.load.yaml import Node, leaves_folder, read_text, read_yaml
from relgraph.model import (
    MODALITIES,
    RELIABILITY_GRADES,
    STANCES,
    STATUSES,
    Amount,
    Claim,
    Entity,
    Evidence,
    Location,
    Modality,
    PartialDate,
    Relation,
    Review,
    Sign,
    Source,
    Stance,
    Status,
    View,
)
from relgraph.quotes import StoredText, fragments
from relgraph.spec import FIELDS as _SPEC
from relgraph.spec import REVIEW_MARKS
from relgraph.vocabulary import SIGNS, Vocabulary, builtin_vocabulary, parse_vocabulary

if TYPE_CHECKING:
    pass

__all__ = [
    "FIELDS",
    "MAX_CLOSEST_HINTS",
    "MAX_HINT_TEXT",
    "MAX_QUOTE",
    "default_claim_id",
    "default_relation_id",
    "not_alleged",
]

_SECTIONS = ("dataset", "vocabulary", "sources", "entities", "relations", "claims", "views")
_ALLEGATION_WORDS = re.compile(
    r"\b(alleg\w*|accus\w*|reportedly|purported\w*|claimed|suspected)\b", re.IGNORECASE
)
#: The fields each part of the dataset format may have, in the order the docs give them:
#: the format spec's (:mod:`relgraph.spec`), an evidence item's under the name messages use.
FIELDS: dict[str, tuple[str, ...]] = {
    ("evidence item" if kind == "evidence" else kind): names for kind, names in _SPEC.items()
}
#: Longest quote accepted: evidence is the passage that supports a claim, not a document.
MAX_QUOTE = 5_000
#: Quotes not found in one source that get a closest-passage search; the rest get a plain hint.
MAX_CLOSEST_HINTS = 20
#: Longest source text (in characters) searched for a closest passage: indexing costs about
#: 0.5 s of CPU time and 20 MB of memory a million characters, so a larger text (a whole
#: report) gets a plain hint instead; ``relgraph quote`` searches it when asked.
MAX_HINT_TEXT = 10_000_000
#: Largest stored source text relgraph reads.
MAX_SOURCE_BYTES = 32 * 1024 * 1024


def default_relation_id(
    source: str, target: str, rtype: str, date: str | None, directed: bool
) -> str:
    """Return the id relgraph gives a relation written without one.

    The ends are sorted for undirected types, so either order gives one id.

    Parameters
    ----------
    source, target : str
        The relation's ends.
    rtype : str
        Its type.
    date : str or None
        Its date as written.
    directed : bool
        Whether its type is directed (an undirected relation's ends are sorted).

    Returns
    -------
    str
        The id.

    Examples
    --------
    >>> default_relation_id("iran", "cuba", "agreement", "2006-01", directed=False)
    'cuba.agreement.iran.2006-01'
    """
    a, b = (source, target) if directed or source <= target else (target, source)
    return f"{a}.{rtype}.{b}.{date}" if date else f"{a}.{rtype}.{b}"


_SLUG = re.compile(r"[^a-z0-9]+")


def default_claim_id(entity: str, statement: str) -> str:
    """Return the id relgraph gives a claim written without one.

    Parameters
    ----------
    entity : str
        The entity the claim is about.
    statement : str
        The claim's statement.

    Returns
    -------
    str
        The id.

    Examples
    --------
    >>> default_claim_id("cuba", "Cuba's government is communist.")
    'cuba.claim.cuba-s-government-is-communist'
    """
    slug = _SLUG.sub("-", statement.lower()).strip("-")[:40].strip("-")
    return f"{entity}.claim.{slug or 'x'}"


def _loc(node: Node) -> Location:
    return Location(node.path, node.line, node.column)


@dataclass
class _Raw:
    """The sections of every file, gathered before they are checked."""

    dataset: list[Node] = field(default_factory=list)
    vocabulary: list[Node] = field(default_factory=list)
    sources: list[Node] = field(default_factory=list)
    entities: list[Node] = field(default_factory=list)
    relations: list[Node] = field(default_factory=list)
    claims: list[Node] = field(default_factory=list)
    views: list[Node] = field(default_factory=list)
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
        for section in ("sources", "entities", "relations", "claims", "views"):
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


_PLURAL = {"source": "sources", "entity": "entities", "category": "categories"}


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


@dataclass
class _SourceLinks:
    """A source's ``derived_from``, ``origin`` and ``affiliation`` as written, checked later."""

    derived_from: list[tuple[Node, str]]
    origin: Node | None
    affiliation: list[tuple[Node, str]]


#: The hint for a relation or claim without a status: the everyday status, not the
#: strongest, and the others to choose from.
_NO_STATUS = (
    "add 'status: reported' if the source reports it, or the status it gives: "
    + ", ".join(s for s in STATUSES if s != "reported")
)


class _Loader:
    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.vocab: Vocabulary = builtin_vocabulary()
        self.sources: dict[str, Source] = {}
        self.texts: dict[str, StoredText] = {}
        # the sha256 of the source text last read (for the hint when 'sha256' is missing)
        self.digest: str | None = None
        self.entities: dict[str, Entity] = {}
        self.broken_sources: set[str] = set()
        #: how many quotes were not found, by source, to bound the closest-passage searches
        self.not_found: dict[str, int] = {}
        #: Entities declared with an id but not read (an unknown kind, no name): their
        #: problem is reported once, where they are declared, not at every reference.
        self.broken_entities: set[str] = set()
        #: An old id folded into an entity by a merge (its ``referents``): the entity's
        #: id, and where the old id is written.
        self.referents: dict[str, tuple[str, Node]] = {}
        #: The old ids of relations and of claims that a merge folded into one.
        self.relation_referents: dict[str, tuple[str, Node]] = {}
        self.claim_referents: dict[str, tuple[str, Node]] = {}
        #: Set when some relation did not load: a view naming an unknown one is not blamed.
        self.relations_broken = False
        self.source_links: dict[str, _SourceLinks] = {}
        self.alleged_attributions: tuple[str, ...] = ()

    # -- dataset ---------------------------------------------------------
    def dataset_meta(
        self, nodes: list[Node], files: list[str], quiet: bool = False
    ) -> tuple[str, str, dict[str, str]]:
        """Return the dataset's id, title and text fields.

        Its ``alleged_attributions`` go to ``self.alleged_attributions``.
        """
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
        title = f.text("title", required=True, example="<what the dataset maps>") or ident
        meta = {
            k: v
            for k in ("description", "notes", "license", "authors")
            if (v := f.text(k)) is not None
        }
        self.alleged_attributions = f.texts("alleged_attributions")
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

    # -- review marks ----------------------------------------------------
    def review(self, f: Fields) -> Review | None:
        """Return a record's ``review:`` mark: proposed (warned about) or accepted."""
        mark = f.choice("review", list(REVIEW_MARKS), noun="review mark")
        node = f.node_of("review")
        if mark == "proposed" and node is not None:
            self.problems.add(
                node,
                "proposed",
                f"this {f.what} is still proposed for review",
                "check it against its source; then delete the 'review:' line or write "
                "'review: accepted' and run `relgraph accept`",
                severity="warning",
            )
        return _review(mark)

    # -- sources ---------------------------------------------------------
    def source(self, node: Node, seen: dict[str, Node]) -> None:
        f = Fields(node, "source", FIELDS["source"], self.problems)
        self.review(f)
        ident = self.claim_id(f, seen, "source")
        title = f.text("title", required=True, example="<the title the source has>")
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
            and not re.fullmatch(r"https?://[^\s/?#]\S*", url, re.IGNORECASE)
        ):
            self.problems.add(
                url_node,
                "bad-url",
                f"'{url}' is not an http or https address",
                "give the address the source was read at, starting https://",
                value=url if len(url) > VALUE_LIMIT else None,
            )
            url = None
        published, retrieved = _date(f, "published"), _date(f, "retrieved")
        links = _SourceLinks(
            [
                (n, str(n.value))
                for n in f.items("derived_from")
                if self.link_id(f, "derived_from", n)
            ],
            f.node_of("origin") if f.text("origin") is not None else None,
            [
                (n, str(n.value))
                for n in f.items("affiliation")
                if self.link_id(f, "affiliation", n)
            ],
        )
        text_rel = f.text("text", required=True, example="sources/<file>.txt")
        sha = f.scalar("sha256")
        text = self.source_text(f, node, text_rel, sha)
        if sha is None:
            # missing: the hint gives the value read from the stored text, when there is one
            f.scalar("sha256", required=True, example=self.digest or "<sha256sum of the text file>")
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
        self.texts[ident] = StoredText(text, watch=_ALLEGATION_WORDS)
        if links.derived_from or links.origin or links.affiliation:
            self.source_links[ident] = links

    def link_id(self, f: Fields, key: str, node: Node) -> bool:
        """Whether an item of ``derived_from`` or ``affiliation`` is an id (else reported)."""
        if node.kind != "str":
            f._wrong(key, node, "a list of ids", f"write {key}: [an-id, another-id]")
            return False
        if not ID_RE.match(str(node.value)):
            what = "source" if key == "derived_from" else "entity"
            self.problems.add(
                node,
                "bad-id",
                f"'{node.value}' in '{key}' is not {_article(what)} id",
                f"write the id of {_article(what)} of the dataset (under '{_PLURAL[what]}:')",
            )
            return False
        return True

    def check_source_links(self) -> None:
        """Check and resolve the sources' ``derived_from``, ``origin`` and ``affiliation``.

        Run once every source and entity is known: a source may derive from a
        later one, and origins and affiliations are entities.
        """
        derived: dict[str, tuple[str, ...]] = {}
        for ident, links in self.source_links.items():
            parents = []
            for node, parent in links.derived_from:
                if parent in self.sources:
                    if parent not in parents:
                        parents.append(parent)
                elif parent not in self.broken_sources:
                    self.problems.add(
                        node,
                        "unknown-source",
                        f"'{parent}' is not a source of the dataset",
                        did_you_mean(
                            parent, list(self.sources), "sources are listed under 'sources:'"
                        ),
                    )
            derived[ident] = tuple(parents)
            origin = origin_entity = None
            if links.origin is not None:
                origin = str(links.origin.value)
                origin_entity = self.origin_ref(links.origin, origin, sources=False)
                if origin_entity == "":
                    origin = None
            affiliation = []
            for node, entity in links.affiliation:
                if entity in self.entities:
                    if entity not in affiliation:
                        affiliation.append(entity)
                    continue
                self.problems.add(
                    node,
                    "unknown-affiliation",
                    f"'{entity}' is not an entity of the dataset",
                    did_you_mean(
                        entity,
                        list(self.entities),
                        "an affiliation is the id of an entity listed under 'entities:'",
                    ),
                )
            self.sources[ident] = dataclasses.replace(
                self.sources[ident],
                derived_from=derived[ident],
                origin=origin,
                origin_entity=origin_entity or None,
                affiliation=tuple(affiliation),
            )
        self.derivation_cycles(derived)

    def derivation_cycles(self, derived: dict[str, tuple[str, ...]]) -> None:
        """Report each cycle of ``derived_from`` once, at the first source (in order) on it."""
        order = {ident: i for i, ident in enumerate(self.sources)}
        state: dict[str, int] = {}  # 1: being walked, 2: done
        reported: set[frozenset[str]] = set()
        for start in self.sources:
            if state.get(start):
                continue
            stack: list[tuple[str, int]] = [(start, 0)]
            path: list[str] = []
            while stack:
                ident, i = stack.pop()
                if i == 0:
                    state[ident] = 1
                    path.append(ident)
                parents = derived.get(ident, ())
                if i < len(parents):
                    stack.append((ident, i + 1))
                    parent = parents[i]
                    if state.get(parent) == 1:
                        cycle = path[path.index(parent) :]
                        if frozenset(cycle) not in reported:
                            reported.add(frozenset(cycle))
                            self.cycle_problem(cycle, derived, order)
                    elif not state.get(parent):
                        stack.append((parent, 0))
                    continue
                state[ident] = 2
                path.pop()

    def cycle_problem(
        self, cycle: list[str], derived: dict[str, tuple[str, ...]], order: dict[str, int]
    ) -> None:
        first = min(range(len(cycle)), key=lambda k: order[cycle[k]])
        ring = cycle[first:] + cycle[:first]
        nxt = ring[1] if len(ring) > 1 else ring[0]
        node = next(n for n, parent in self.source_links[ring[0]].derived_from if parent == nxt)
        chain = " → ".join(f"'{i}'" for i in [*ring, ring[0]])
        if len(ring) == 1:
            message = f"source '{ring[0]}' is derived from itself"
        else:
            message = f"the sources are derived from one another in a cycle: {chain}"
        self.problems.add(
            node,
            "derivation-cycle",
            message,
            "derived_from names the stored sources a source copies, translates or rewrites; "
            "one of them must be the original",
        )

    def origin_ref(self, node: Node, text: str, sources: bool) -> str | None:
        """Return what an ``origin`` names.

        An entity id, ``None`` for free text (or a source id when ``sources``), or
        ``""`` after reporting an unknown id.
        """
        if text in self.entities:
            return text
        if sources and text in self.sources:
            return None
        if not ID_RE.match(text):
            return None  # free text, like attributed_to
        if not sources and text in self.sources:
            self.problems.add(
                node,
                "unknown-origin",
                f"'{text}' is a source, not an entity: an origin is an entity or text",
                f"if this source copies, translates or rewrites '{text}', write "
                f"derived_from: {text}",
            )
            return ""
        known = [*self.entities, *self.sources] if sources else list(self.entities)
        what = "a source or an entity" if sources else "an entity"
        self.problems.add(
            node,
            "unknown-origin",
            f"'{text}' is not {what} of the dataset",
            did_you_mean(
                text,
                known,
                f"an origin is the id of {what}: add '{text}' under 'entities:', or write "
                "the origin as text, such as 'Cuban foreign ministry statement'",
            ),
        )
        return ""

    def source_text(self, f: Fields, node: Node, rel: str | None, sha: str | None) -> str | None:
        self.digest = None
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
        if leaves_folder(base, rel):
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
        with open(full, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        self.digest = digest
        if sha is not None:
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
        review = self.review(f)
        ident = self.claim_id(f, seen, "entity")
        name = f.line("name", required=True, example="<the name as the source gives it>")
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
            key_node = f.node.get("external_ids")
            key_node = key_node.keys.get(key, value) if key_node is not None else value
            if f.control(key_node, "the name of an external id", str(key)):
                continue
            if value.kind != "str":
                f._wrong(f"external_ids.{key}", value, "text")
                continue
            if f.control(value, f"'external_ids.{key}'", value.value):
                continue
            externals.append((str(key), str(value.value)))
        tags = f.texts("tags")
        referents = self.entity_referents(f, ident)
        if ident is None or name is None or kind is None:
            if ident is not None:
                self.broken_entities.add(ident)
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
            referents=referents,
            review=review,
        )

    def entity_referents(self, f: Fields, ident: str | None) -> tuple[str, ...]:
        """Return an entity's ``referents``: the old ids a merge folded into it."""
        return self.kept_referents(self.read_referents(f), ident, "entity", self.referents)

    def read_referents(self, f: Fields) -> list[tuple[Node, str]]:
        """Return the ids a record lists under ``referents``, each one an id."""
        out: list[tuple[Node, str]] = []
        for node in f.items("referents"):
            if node.kind != "str":
                f._wrong("referents", node, "a list of ids", "write referents: [an-old-id]")
                continue
            old = str(node.value)
            if not ID_RE.match(old):
                self.problems.add(
                    node,
                    "bad-id",
                    f"'{shorten(old)}' in 'referents' is not an id",
                    f"write the old ids that were merged into this {f.what}, as they were written",
                )
                continue
            out.append((node, old))
        return out

    def kept_referents(
        self,
        found: list[tuple[Node, str]],
        ident: str | None,
        what: str,
        table: dict[str, tuple[str, Node]],
    ) -> tuple[str, ...]:
        """Return the old ids of the ``what`` ``ident``, each recorded in ``table`` once."""
        out: list[str] = []
        for node, old in found:
            if old == ident:
                self.problems.add(
                    node,
                    "bad-referent",
                    f"'{old}' is the {what}'s own id, not an old id of it",
                    f"list under 'referents:' only the ids merged into this {what}",
                )
                continue
            if old in table:
                owner, first = table[old]
                self.problems.add(
                    node,
                    "duplicate-referent",
                    f"the old id '{old}' is already a referent of '{owner}' "
                    f"at {first.path}:{first.line}",
                    f"an old id was merged into one {what}: keep it in one 'referents:' list",
                )
                continue
            if ident is not None:
                table[old] = (ident, node)
            out.append(old)
        return tuple(out)

    def check_record_referents(self, relations: list[Relation], claims: list[Claim]) -> None:
        """Report an old id of a relation (or a claim) that is the id of another one too."""
        for what, table, items in (
            ("relation", self.relation_referents, relations),
            ("claim", self.claim_referents, claims),
        ):
            if not table:  # no old ids: nothing to compare every id with
                continue
            ids = {r.id for r in items}
            for old, (owner, node) in table.items():
                if old in ids:
                    self.problems.add(
                        node,
                        "bad-referent",
                        f"'{old}' is a referent of '{owner}' but also the id of a {what}",
                        f"an old id names one {what}: remove it from the referents of "
                        f"'{owner}', or merge the two",
                    )

    def check_referents(self) -> None:
        """Report an old id (a referent) that is the id of an entity too."""
        for old, (owner, node) in self.referents.items():
            if old in self.entities or old in self.broken_entities:
                self.problems.add(
                    node,
                    "bad-referent",
                    f"'{old}' is a referent of '{owner}' but also the id of an entity",
                    f"an old id names one actor: remove it from the referents of '{owner}', "
                    "or merge the two entities",
                )

    def entity_ref(self, f: Fields, key: str) -> str | None:
        ident = f.text(key, required=True, example="<an entity id>")
        node = f.node_of(key)
        if ident is None or node is None:
            return None
        if ident not in self.entities:
            if ident in self.broken_entities:
                return None  # declared, but wrong: said once, where it is declared
            if ident in self.referents:
                current = self.referents[ident][0]
                self.problems.add(
                    node,
                    "old-id",
                    f"'{ident}' is an old id of '{current}', which it was merged into",
                    f"write '{current}'",
                )
                return None
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
        quote = f.text("quote", required=True, example='"<the exact words of the source>"')
        source = f.text("source", required=True, example="<a source id>")
        attributed = f.text("attributed_to")
        credibility = f.integer("credibility", 1, 6)
        stance = f.choice("stance", list(STANCES), noun="stance")
        amounts = self.amounts(f)
        date, reported = _date(f, "date"), _date(f, "reported")
        origin = f.text("origin")
        origin_node = f.node_of("origin")
        if (
            origin is not None
            and origin_node is not None
            and self.origin_ref(origin_node, origin, sources=True) == ""
        ):
            f.ok = False
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
        retrieved = self.sources[source].retrieved if source in self.sources else None
        reported_node = f.node_of("reported")
        if (
            reported is not None
            and retrieved is not None
            and reported_node is not None
            and reported.earliest() > retrieved.latest()
        ):
            self.problems.add(
                reported_node,
                "reported-after-retrieval",
                f"the item is reported on {reported}, after its source '{source}' was "
                f"retrieved ({retrieved})",
                "a source cannot report anything after it was read; check 'reported' "
                "and the source's 'retrieved'",
            )
            f.ok = False
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
        parts = fragments(quote) if match is None else []
        if len(parts) > 1:
            match = stored.find_fragments(parts)
            if match is None:
                self.problems.add(
                    quote_node,
                    "quote-not-found",
                    f"the {len(parts)} fragments of the quote are not in one paragraph of the "
                    f"text of source '{source}', in this order",
                    _elided_hint(stored, parts, self.no_search(source, stored) is None),
                )
                return None
        if match is None:
            hint = self.closest_hint(source, stored, quote)
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
            stance=_stance(stance or "supports"),
            amounts=amounts,
            date=date,
            reported=reported,
            origin=origin,
        )

    def amounts(self, f: Fields) -> tuple[Amount, ...]:
        """Return the ``amount`` of an evidence item: a mapping or a list of mappings."""
        node = f.node_of("amount")
        if node is None:
            return ()
        out = []
        for item in node.value if node.kind == "seq" else [node]:
            amount = self.amount(item)
            if amount is None:
                f.ok = False
            else:
                out.append(amount)
        return tuple(out)

    def amount(self, node: Node) -> Amount | None:
        if node.kind != "map":
            self.problems.add(
                node,
                "bad-amount",
                f"an amount must be a mapping, not {_described(node)}",
                "write amount: {value: 19, unit: agreement}",
            )
            return None
        f = Fields(node, "amount", FIELDS["amount"], self.problems)
        numbers: dict[str, int | float] = {}
        given = []
        for key in _NUMBER_KEYS:
            value = f.node_of(key)
            if value is None:
                continue
            given.append((key, value))
            number = _number(value)
            if number is None:
                f.ok = False
                # YAML reads .inf, .nan and 1:30 as numbers; an amount takes none of them
                got = (
                    f" written in digits, not '{value.value}'"
                    if value.kind in ("int", "float")
                    else f", not {_described(value)}"
                )
                self.problems.add(
                    value,
                    "bad-amount",
                    f"the amount's '{key}' must be a number{got}",
                    _AMOUNT_HINT,
                )
                continue
            numbers[key] = number
        unit, currency, note = f.text("unit"), f.text("currency"), f.text("note")
        currency_node = f.node_of("currency")
        if (
            currency is not None
            and currency_node is not None
            and not re.fullmatch(r"[A-Z]{3}", currency)
        ):
            f.ok = False
            self.problems.add(
                currency_node,
                "bad-currency",
                f"'{currency}' is not an ISO 4217 currency code",
                "write the code in three capital letters, e.g. USD, EUR or CUP",
            )
        kinds: list[str] = []
        for key, value in given:
            kind = "'min'/'max'" if key in ("min", "max") else f"'{key}'"
            if kinds and kind not in kinds:
                f.ok = False
                self.problems.add(
                    f.node.keys.get(key, value),
                    "bad-amount",
                    f"an amount has one of 'value', 'approx' or a range 'min'/'max', "
                    f"not both {kinds[0]} and {kind}",
                    "keep the one the source gives: value for an exact number, approx "
                    "for 'about', min/max for 'over' or 'up to'",
                )
                break
            if kind not in kinds:
                kinds.append(kind)
        if not given:
            f.ok = False
            self.problems.add(node, "bad-amount", "the amount gives no number", _AMOUNT_HINT)
        low, high = numbers.get("min"), numbers.get("max")
        if low is not None and high is not None and low > high:
            f.ok = False
            self.problems.add(
                f.node_of("max") or node,
                "bad-amount",
                f"the amount's max {_num(high)} is below its min {_num(low)}",
                "swap them, or check the source's numbers",
            )
        unreadable = [n for n in (f.node_of("unit"), currency_node) if n and n.kind != "str"]
        if unit is None and currency is None and not unreadable:
            f.ok = False
            self.problems.add(
                node,
                "bad-amount",
                "the amount says neither what is counted ('unit') nor a 'currency'",
                "add unit: the thing counted (agreement, person), or currency: USD for money",
            )
        if not f.ok:
            return None
        return Amount(
            value=numbers.get("value"),
            approx=numbers.get("approx"),
            min=low,
            max=high,
            unit=unit,
            currency=currency,
            note=note,
        )

    def no_search(self, source: str, stored: StoredText) -> str | None:
        """Why a quote not found in ``source`` gets no closest-passage search, if it gets none.

        Counts the quote. Each search costs a bounded amount (see
        :meth:`StoredText.closest`), and the text is indexed once; after
        :data:`MAX_CLOSEST_HINTS` quotes not found in one source the rest get a
        hint that says so instead of a search, so a source whose text is the
        wrong one costs little however many quotes cite it, and a text longer
        than :data:`MAX_HINT_TEXT` characters is not indexed at all.
        """
        failed = self.not_found[source] = self.not_found.get(source, 0) + 1
        if len(stored.text) > MAX_HINT_TEXT:
            return (
                f"no closest passage is looked for in a text of more than {MAX_HINT_TEXT:,} "
                f"characters; `relgraph quote {source} WORDS` finds it"
            )
        if failed > MAX_CLOSEST_HINTS:
            return (
                f"no closest passage is looked for after {MAX_CLOSEST_HINTS} quotes not found "
                "in one source: is it the right text?"
            )
        return None

    def closest_hint(self, source: str, stored: StoredText, quote: str) -> str:
        """Return the hint of a quote not found.

        It names the closest passage, looked for within the budget of its source.
        """
        reason = self.no_search(source, stored)
        if reason is not None:
            return f"copy the words exactly from the source's text ({reason})"
        near = stored.closest(quote)
        if near:
            return f'the closest passage is: "{shorten(near)}"'
        return "copy the words exactly from the source's text"

    # -- relations -------------------------------------------------------
    def relation(self, node: Node, index: int) -> Relation | None:
        f = Fields(node, "relation", FIELDS["relation"], self.problems)
        review = self.review(f)
        given = f.ident("id", required=False)
        src, dst = self.entity_ref(f, "source"), self.entity_ref(f, "target")
        rtype = f.choice(
            "type",
            list(self.vocab.relation_types),
            required=True,
            listing="`relgraph vocab` lists them",
            noun="relation type",
        )
        status = f.choice("status", list(STATUSES), required=True, noun="status", hint=_NO_STATUS)
        sign = f.choice("sign", list(SIGNS), noun="sign")
        modality = f.choice("modality", list(MODALITIES), noun="modality")
        date, start, end = _date(f, "date"), _date(f, "start"), _date(f, "end")
        reported = _date(f, "reported")
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
        referents = self.read_referents(f)
        if src and dst and rtype:
            t = self.vocab.relation_types[rtype]
            sk, tk = self.entities[src].kind, self.entities[dst].kind
            if not t.allows(sk, tk):

                def fmt(kinds: tuple[str, ...] | None) -> str:
                    return "any kind" if kinds is None else ", ".join(kinds)

                self.problems.add(
                    f.node_of("type") or node,
                    "endpoint-kinds",
                    f"'{rtype}' cannot join {_article(sk)} ('{src}') to {_article(tk)} ('{dst}')",
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
        olds = self.kept_referents(referents, ident, "relation", self.relation_referents)
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
            reported=reported,
            modality=_modality(modality or "occurred"),
            review=review,
            referents=olds,
        )

    def claim(self, node: Node) -> Claim | None:
        f = Fields(node, "claim", FIELDS["claim"], self.problems)
        review = self.review(f)
        given = f.ident("id", required=False)
        entity = self.entity_ref(f, "entity")
        statement = f.text(
            "statement", required=True, example="<what the source says of the actor>"
        )
        status = f.choice("status", list(STATUSES), required=True, noun="status", hint=_NO_STATUS)
        modality = f.choice("modality", list(MODALITIES), noun="modality")
        date, reported = _date(f, "date"), _date(f, "reported")
        evidence = self.evidence(f, status)
        referents = self.read_referents(f)
        if not (f.ok and entity and statement and status and evidence):
            return None
        ident = given or default_claim_id(entity, statement)
        return Claim(
            id=ident,
            entity=entity,
            statement=statement,
            status=_status(status),
            evidence=evidence,
            date=date,
            notes=f.text("notes"),
            location=_loc(node),
            reported=reported,
            modality=_modality(modality or "occurred"),
            review=review,
            referents=self.kept_referents(referents, ident, "claim", self.claim_referents),
        )

    # -- views ----------------------------------------------------------
    def view(self, node: Node, relations: set[str], seen: dict[str, Node]) -> View | None:
        """Return a step of the story; its actors and relations must be the dataset's."""
        f = Fields(node, "view", FIELDS["view"], self.problems)
        ident = self.claim_id(f, seen, "view")
        title = f.line("title", required=True, example="<what this step shows>")
        caption = f.text("caption")
        actors = self.view_ids(f, "actors", self.entities, "entity", "entities:")
        rels = self.view_ids(f, "relations", relations, "relation", "relations:")
        kinds = self.view_ids(f, "hide_kinds", self.vocab.entity_kinds, "entity kind", "")
        categories = self.view_ids(f, "hide_categories", self.vocab.categories, "category", "")
        statuses = self.view_ids(f, "hide_statuses", STATUSES, "status", "")
        start, end = _date(f, "from"), _date(f, "to")
        if start and end and start.earliest() > end.latest():
            f.ok = False
            self.problems.add(
                f.node_of("to") or node,
                "bad-date-range",
                f"the view's 'to' ({end}) comes before its 'from' ({start})",
                "swap them, or correct the one that is wrong",
            )
        if not (f.ok and ident and title) or None in (actors, rels, kinds, categories, statuses):
            return None
        return View(
            id=ident,
            title=title,
            caption=caption,
            actors=actors or (),
            relations=rels or (),
            hide_kinds=kinds or (),
            hide_categories=categories or (),
            hide_statuses=statuses or (),
            date_from=start,
            date_to=end,
            location=_loc(node),
        )

    def view_ids(
        self, f: Fields, key: str, known: Collection[str], noun: str, section: str
    ) -> tuple[str, ...] | None:
        """Return the ids a view lists under ``key``, each one checked; ``None`` if one is wrong."""
        out: list[str] = []
        ok = True
        for item in f.items(key):
            if item.kind not in ("str", "int"):
                f._wrong(key, item, f"a list of {noun} ids", f"write {key}: [an-id, another-id]")
                ok = False
                continue
            ident = str(item.value)
            if ident in known:
                out.append(ident)
                continue
            if noun == "entity" and ident in self.referents:  # an old id names its actor
                out.append(self.referents[ident][0])
                continue
            if noun == "relation" and ident in self.relation_referents:  # and its relation
                out.append(self.relation_referents[ident][0])
                continue
            ok = False
            if noun == "entity" and ident in self.broken_entities:
                continue  # declared, but wrong: said once, where it is declared
            if noun == "relation" and self.relations_broken:
                continue  # it may be one that did not load: said where it is
            listing = (
                f"{_PLURAL.get(noun, noun + 's')} are listed under '{section}'"
                if section
                else f"choose from: {', '.join(known)}"
            )
            self.problems.add(
                item,
                f"unknown-{noun.replace(' ', '-')}",
                f"'{ident}' is not {_article(noun)} of the dataset"
                if section
                else f"'{ident}' is not {_article(noun)}",
                did_you_mean(ident, list(known), listing),
            )
        return tuple(dict.fromkeys(out)) if ok else None


_NUMBER_KEYS = ("value", "approx", "min", "max")
_AMOUNT_HINT = "write a number: value: 19 (exact), approx: 20 (about), or min:/max: for a range"


def _number(node: Node) -> int | float | None:
    """Return the number a YAML or JSON number node holds (finite), or ``None``."""
    text = str(node.value).replace("_", "")
    if node.kind == "int":
        try:
            return int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else int(text, 0)
        except ValueError:
            return None
    if node.kind == "float":
        try:
            number = float(text)
        except ValueError:
            return None
        if math.isfinite(number):
            return number
    return None


def _num(n: int | float) -> str:
    # 15 significant digits: a number written with at most 15 keeps every one of them
    # (':g' keeps 6, and 1000000.5 and 1000000.25 would both read 1e+06)
    return f"{n:.15g}" if isinstance(n, float) else str(n)


def _described(node: Node) -> str:
    if node.kind == "str":
        return f"text ('{node.value}')"
    if node.kind == "bool":
        return f"a yes/no value ({node.value})"
    if node.kind in ("int", "float"):
        return f"a number ({node.value})"
    return _what(node)


def _stance(text: str) -> Stance:
    return (
        "contradicts"
        if text == "contradicts"
        else "qualifies"
        if text == "qualifies"
        else "supports"
    )


def _review(text: str | None) -> Review | None:
    return "proposed" if text == "proposed" else "accepted" if text == "accepted" else None


def _modality(text: str) -> Modality:
    return "announced" if text == "announced" else "planned" if text == "planned" else "occurred"


def _elided_hint(stored: StoredText, parts: list[str], search: bool) -> str:
    """Say what is wrong with an elided quote: a fragment not in the text, or the order.

    The closest passage of a missing fragment is looked for only when ``search``
    (within the budget of the source, see :meth:`_Loader.no_search`).
    """
    for part in parts:
        if stored.find(part) is None:
            near = stored.closest(part) if search else None
            where = f'; the closest passage is: "{near}"' if near else ""
            return f'the fragment "{part}" is not in the text{where}'
    return (
        "each fragment is in the text, but not in this order within one paragraph; "
        "quote fragments of one passage, in the source's order"
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


def not_alleged(items: Sequence[Relation | Claim], attributions: Sequence[str]) -> list[Diagnostic]:
    """``warning[not-alleged]`` for each item resting only on ``attributions`` yet not alleged.

    ``attributions`` are the dataset's ``alleged_attributions``: sources (as
    ``attributed_to`` names them) whose words the article frames as allegation,
    such as data it never identifies. An item whose every evidence item is
    attributed to one of them must be ``alleged`` (or ``disputed``/``denied``).

    Parameters
    ----------
    items : sequence of Relation or Claim
        The dataset's relations and claims.
    attributions : sequence of str
        The dataset's ``alleged_attributions``.

    Returns
    -------
    list of Diagnostic
        One warning per such item.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> ds.alleged_attributions
    ('the data the article cites (unnamed)',)
    >>> import dataclasses
    >>> gaza = next(r for r in ds.relations if r.id == "cuba-discussed-gaza")
    >>> [d.message for d in not_alleged([dataclasses.replace(gaza, status="reported")],
    ...                                 ds.alleged_attributions)]  # doctest: +NORMALIZE_WHITESPACE
    ["relation 'cuba-discussed-gaza' is reported, but rests only on 'the data the article
      cites (unnamed)', whose words the dataset takes as allegation"]
    """
    named = set(attributions)
    out = []
    for item in items:
        sources = {e.attributed_to for e in item.evidence}
        if not named or not sources or not sources <= named:
            continue
        if item.status in ("alleged", "disputed", "denied"):
            continue
        loc = item.location
        what = "relation" if isinstance(item, Relation) else "claim"
        shown = ", ".join(f"'{s}'" for s in sorted(str(s) for s in sources))
        out.append(
            Diagnostic(
                loc.path if loc else "",
                loc.line if loc else 0,
                loc.column if loc else 0,
                "not-alleged",
                f"{what} '{item.id}' is {item.status}, but rests only on {shown}, whose "
                "words the dataset takes as allegation",
                "make it 'status: alleged' (or disputed or denied), or give evidence from "
                "another source; the dataset's 'alleged_attributions' lists these sources",
                "warning",
            )
        )
    return out


def _unconfirmed(
    loader: _Loader, items: Sequence[Relation | Claim], relations: Sequence[Relation]
) -> None:
    """Warn on each of ``items`` marked confirmed without two independent origins.

    See :mod:`relgraph.corroboration` for the rule; it replaces the check
    that a confirmed relation has two sources, which copies of one story pass.
    ``relations`` are every relation read (or at least, in dataset order, those
    of the affiliation category, the only ones :class:`~relgraph.corroboration.Ties`
    follows), whose ties say which actors an outlet's affiliation reaches.
    """
    if not items:
        return
    from relgraph.corroboration import Origins, Ties, unconfirmed

    ties = Ties(relations, loader.vocab.relation_types, loader.entities)
    origins = Origins(loader.sources.values(), loader.entities, ties=ties)
    for item in items:
        found = unconfirmed(origins, item)
        if found is not None:
            loader.problems.items.append(found)
