"""The loader that runs for every dataset: YAML and JSON Lines files, checked by one set of rules.

How it is fast
--------------
Lines are read one at a time and parsed with orjson; nothing holds the file's
text. Records that look like relations or claims are checked in a second pass
over the file, once every file's sources and entities are known. A record is
first checked by a fast path that works on the parsed dict and accepts only
what it can prove valid (known fields, right types, known ids, valid dates, a
quote found in the source's text). Anything else — any problem — is handed to
the shared, message-producing checks of :mod:`relgraph.load.rules` on a
located copy of the record, so messages come from one place. Quotes are
matched by :class:`relgraph.quotes.StoredText`, the one quote matcher, and a
quote found once is remembered for the other records citing it.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import orjson

from relgraph.corroboration import AFFILIATION_CATEGORY
from relgraph.errors import Diagnostic, did_you_mean
from relgraph.fields import _BIDI, _CONTROL, _LINE_CONTROL, ID_RE, Problems
from relgraph.folders import dataset_files
from relgraph.graph import collector_paused
from relgraph.load.jsonl import (
    _DEFERRED,
    _SECTION,
    MAX_BAD_LINES,
    MAX_LINE_BYTES,
    RECORD_KINDS,
    _column,
    _locate,
)
from relgraph.load.rules import (
    FIELDS,
    MAX_QUOTE,
    _gather,
    _Loader,
    _Raw,
    _unconfirmed,
    _unique_ids,
    default_claim_id,
    default_relation_id,
    not_alleged,
)
from relgraph.load.yaml import (
    Node,
    file_problem,
)
from relgraph.model import (
    MODALITIES,
    STANCES,
    STATUSES,
    Amount,
    Claim,
    Dataset,
    Entity,
    Evidence,
    Location,
    Modality,
    PartialDate,
    Relation,
    Review,
    Sign,
    Stance,
    Status,
    quick_constructor,
)
from relgraph.progress import ProgressCallback, Ticker
from relgraph.quotes import (
    normalize,
)
from relgraph.vocabulary import RelationType

__all__ = ["load_files", "load_path"]

# ---------------------------------------------------------------------------
# The fast path: plain dicts that can be proven valid, without a message in sight
# ---------------------------------------------------------------------------


class _Slow(Exception):
    """The fast path cannot vouch for this record: check it the message-producing way."""


_ENTITY_KEYS = frozenset(("record", *FIELDS["entity"]))
_RELATION_KEYS = frozenset(("record", *FIELDS["relation"]))
_CLAIM_KEYS = frozenset(("record", *FIELDS["claim"]))
_EVIDENCE_KEYS = frozenset(FIELDS["evidence item"])
_STATUS_OF: dict[str, Status] = {s: s for s in STATUSES}
_SIGN_OF: dict[str, Sign] = {
    "cooperative": "cooperative",
    "hostile": "hostile",
    "neutral": "neutral",
}
_STANCE_OF: dict[str, Stance] = {s: s for s in STANCES}
_MODALITY_OF: dict[str, Modality] = {m: m for m in MODALITIES}
_AMOUNT_KEYS = frozenset(FIELDS["amount"])
_CURRENCY = re.compile(r"[A-Z]{3}")
_ALLEGING = frozenset(("alleged", "disputed", "denied"))
_SPACED_COLON = re.compile(rb'"[ \t\r]+:')


def _fast_number(value: Any) -> int | float | None:
    if value is None:
        return None
    kind = type(value)
    if kind is int or (kind is float and value - value == 0):  # finite
        return value  # type: ignore[no-any-return]
    raise _Slow


def _fast_amounts(value: Any) -> tuple[tuple[Amount, ...], int]:
    """Return the amounts of an evidence item, and how many keys they are written with."""
    items = value if type(value) is list else [value]
    out = []
    keys = 0
    for a in items:
        if type(a) is not dict or not a or not a.keys() <= _AMOUNT_KEYS:
            raise _Slow
        get = a.get
        exact, approx = _fast_number(get("value")), _fast_number(get("approx"))
        low, high = _fast_number(get("min")), _fast_number(get("max"))
        ranged = low is not None or high is not None
        if (exact is not None) + (approx is not None) + ranged != 1:
            raise _Slow
        if low is not None and high is not None and low > high:
            raise _Slow
        unit, currency = _text_or_none(get("unit")), _text_or_none(get("currency"))
        if unit is None and currency is None:
            raise _Slow
        if currency is not None and not _CURRENCY.fullmatch(currency):
            raise _Slow
        if ("unit" in a and unit is None) or ("currency" in a and currency is None):
            raise _Slow  # an empty unit or currency: let the checks decide
        out.append(Amount(exact, approx, low, high, unit, currency, _text_or_none(get("note"))))
        keys += len(a)
    return tuple(out), keys


# the characters the checks of text fields report (their own patterns, in one search)
_UNCLEAN = re.compile(f"{_CONTROL.pattern}|{_BIDI.pattern}")
_UNCLEAN_LINE = re.compile(f"{_LINE_CONTROL.pattern}|{_BIDI.pattern}")


def _clean(text: str) -> str:
    """``text``, if the checks of text fields have nothing to say about its characters.

    Free text only: ids and names from a list are compared with known, clean ones.
    """
    # control and bidi characters are all unprintable, and isprintable() is quick
    if not text.isprintable() and _UNCLEAN.search(text) is not None:
        raise _Slow
    return text


def _line(text: str) -> str:
    """``text``, if it is a clean one-line value (a name, an alias, a tag, an external id)."""
    if not text.isprintable() and _UNCLEAN_LINE.search(text) is not None:
        raise _Slow
    return text


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _Slow
    return _clean(value) if value.strip() else None


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if type(value) is str:
        return (_line(value),)
    if type(value) is not list or not all(type(v) is str for v in value):
        raise _Slow
    for v in value:
        _line(v)
    return tuple(value)


def _begins_after(start: PartialDate, end: PartialDate) -> bool:
    """``start.earliest() > end.latest()``, without formatting either date.

    A month's last day is taken as 31: ``start``'s day, a day of the calendar,
    is never after the real last day of its month, so where the two differ the
    answer does not.
    """
    return (start.year, start.month or 1, start.day or 1) > (
        end.year,
        end.month or 12,
        end.day or 31,
    )


def _keys_agree(raw: bytes, keys: int) -> bool:
    """Whether ``raw`` writes exactly ``keys`` keys (so no key was written twice)."""
    colons = raw.count(b'":')
    if colons != keys:
        return False
    # a key with white space before its colon was not counted: look for one only
    # when some colon follows something else than a quote
    return raw.count(b":") == colons or _SPACED_COLON.search(raw) is None


# the fast path makes millions of these: quick constructors (see model.quick_constructor)
_new_location = quick_constructor(Location)
_new_evidence = quick_constructor(Evidence)
_new_relation = quick_constructor(Relation)


def _fast_review(mark: Any) -> Review | None:
    """Return a record's review mark: accepted, or none.

    A proposed one goes the checked way, which warns about it (as anything the fast
    path cannot read does).
    """
    if mark is None:
        return None
    if mark == "accepted":
        return "accepted"
    raise _Slow


@dataclass
class _Line:
    """A record kept from the first pass over a JSON Lines file."""

    path: str
    line: int
    raw: bytes
    data: dict[str, Any]


class _BulkLoader(_Loader):
    """The validation loader with a fast path for records that are plain dicts."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems)
        self.seen_sources: dict[str, Node] = {}
        self.seen_entities: dict[str, Node] = {}
        self.dates: dict[str, PartialDate] = {}
        self.kinds_allowed: dict[tuple[str, str, str], bool] = {}
        self.relation_ids: dict[str, Relation] = {}
        #: relations and claims marked confirmed, checked once every relation is read
        #: (an end's ties to an outlet's owner may come later in the file)
        self.confirmed: list[Relation | Claim] = []
        #: the ids of the relation types that tie an actor to another (set once the
        #: vocabulary is read), and the relations of those types, in dataset order: the
        #: confirmed check follows these alone, without another pass over every relation
        self.tying_types: frozenset[str] = frozenset()
        self.tying: list[Relation] = []
        #: by source, the quotes found so far, as written: machine-made datasets often
        #: cite one passage for several relations
        self.found: defaultdict[str, dict[str, tuple[int, int, str, bool, str]]] = defaultdict(dict)

    def keep(self, relation: Relation | None, relations: list[Relation]) -> None:
        """Add a checked relation, with the checks that compare it to the others.

        The duplicate-id check runs here, one relation at a time through the
        functions of :mod:`relgraph.load.rules`, instead of in an extra pass
        over every relation at the end; a confirmed relation is kept for the
        confirmed check, which needs every relation read, and so is one that
        can tie an actor to another (see :class:`relgraph.corroboration.Ties`).
        """
        if relation is None:
            return
        first = self.relation_ids.setdefault(relation.id, relation)
        if first is not relation:
            _unique_ids([first, relation], "relation", self.problems)
        if relation.status == "confirmed":
            self.confirmed.append(relation)
        if relation.type in self.tying_types:
            self.tying.append(relation)
        relations.append(relation)

    def keep_claim(self, claim: Claim | None, claims: list[Claim]) -> None:
        """Add a checked claim, kept for the confirmed check."""
        if claim is None:
            return
        if claim.status == "confirmed":
            self.confirmed.append(claim)
        claims.append(claim)

    # -- the slow path ---------------------------------------------------
    def located(self, raw: bytes, data: Any, path: str, line: int, kind: str) -> Node | None:
        """Return the record as a located Node tree without its ``record`` field.

        ``None`` (and the problem reported) when it nests too deep to be read.
        """
        node, diags = _locate(raw, data, path, line, kind)
        self.problems.extend(diags)
        if node is None:
            return None
        node.value.pop("record", None)
        node.keys.pop("record", None)
        return node

    # -- pieces ----------------------------------------------------------
    def date(self, value: Any) -> PartialDate | None:
        if value is None:
            return None
        if type(value) is int:
            value = str(value)
        elif type(value) is not str:
            raise _Slow
        known = self.dates.get(value)
        if known is None:
            try:
                known = PartialDate.parse(value)
            except ValueError:
                raise _Slow from None
            if len(self.dates) < 1 << 16:
                self.dates[value] = known
        return known

    def given_id(self, value: Any) -> str | None:
        if value is None:
            return None
        if type(value) is not str:
            raise _Slow
        if not value.strip():
            return None
        if not ID_RE.match(value):
            raise _Slow
        return value

    def fast_evidence(
        self, value: Any, status: str, loc: Location
    ) -> tuple[tuple[Evidence, ...], int]:
        if type(value) is not list or not value:
            raise _Slow
        items: list[Any] = value
        out = []
        keys = 0
        sources, texts, entities = self.sources, self.texts, self.entities
        for e in items:
            if type(e) is not dict or not e.keys() <= _EVIDENCE_KEYS:
                raise _Slow
            get = e.get
            quote, source = get("quote"), get("source")
            if type(quote) is not str or type(source) is not str or len(quote) > MAX_QUOTE:
                raise _Slow
            src = sources.get(source)
            if src is None:
                raise _Slow
            size = len(e)
            keys += size
            attributed = credibility = notes = edate = reported = origin = None
            stance: Stance = "supports"
            amounts: tuple[Amount, ...] = ()
            if size > 2:  # optional fields are there
                older = 2  # quote, source and those of the older fields written
                attributed = get("attributed_to")
                if attributed is not None:
                    attributed = _text_or_none(attributed)
                    older += 1
                credibility = get("credibility")
                if credibility is not None:
                    if type(credibility) is not int or not 1 <= credibility <= 6:
                        raise _Slow
                    older += 1
                notes = get("notes")
                if notes is not None:
                    notes = _text_or_none(notes)
                    older += 1
                if older < size:  # the newer fields too (or an older one written empty)
                    written = get("stance")
                    if written is not None:
                        stance = _STANCE_OF.get(written) if type(written) is str else None  # type: ignore[assignment]
                        if stance is None:
                            raise _Slow
                    amount = get("amount")
                    if amount is not None:
                        amounts, extra = _fast_amounts(amount)
                        keys += extra
                    edate = get("date")
                    if edate is not None:
                        edate = self.date(edate)
                    reported = get("reported")
                    if reported is not None:
                        reported = self.date(reported)
                        if (
                            reported is not None
                            and src.retrieved is not None
                            and _begins_after(reported, src.retrieved)
                        ):
                            raise _Slow
                    origin = get("origin")
                    if origin is not None:
                        origin = _text_or_none(origin)
                        if (
                            origin is not None
                            and origin not in sources
                            and origin not in entities
                            and ID_RE.match(origin)
                        ):
                            raise _Slow
            found_in = self.found[source]
            known = found_in.get(quote)
            if known is None:
                found = texts[source].quote_in(normalize(_clean(quote)))
                if found is None:
                    raise _Slow
                known = (*found, quote)
                if len(found_in) < 1 << 16:
                    found_in[quote] = known
            at, stop, context, alleges, quote = known  # one copy of a repeated quote
            if alleges and status not in _ALLEGING:
                raise _Slow  # the slow path adds the warning
            entity = entities.get(attributed) if attributed is not None else None
            if entity is not None:
                attributed = entity.id  # the same text: the actor's one copy of it
            out.append(
                _new_evidence(
                    quote,
                    src.id,
                    attributed,
                    None if entity is None else attributed,
                    credibility,
                    at,
                    stop,
                    context,
                    loc,
                    notes,
                    stance,
                    amounts,
                    edate,
                    reported,
                    origin,
                )
            )
        return tuple(out), keys

    def allows(self, t: RelationType, source_kind: str, target_kind: str) -> bool:
        key = (t.id, source_kind, target_kind)
        known = self.kinds_allowed.get(key)
        if known is None:
            known = self.kinds_allowed[key] = t.allows(source_kind, target_kind)
        return known

    # -- records ---------------------------------------------------------
    def fast_entity(self, d: dict[str, Any], loc: Location) -> tuple[Entity, int]:
        if not d.keys() <= _ENTITY_KEYS or "referents" in d:  # referents: checked slowly
            raise _Slow
        ident, name, kind = d.get("id"), d.get("name"), d.get("kind")
        if type(ident) is not str or type(name) is not str or type(kind) is not str:
            raise _Slow
        entity_kind = self.vocab.entity_kinds.get(kind)
        if (
            entity_kind is None
            or ident in self.seen_entities
            or not ID_RE.match(ident)
            or not name.strip()
        ):
            raise _Slow
        _clean(_line(name))
        externals = d.get("external_ids")
        if externals is None:
            pairs: tuple[tuple[str, str], ...] = ()
            extra = 0
        elif type(externals) is dict and all(type(v) is str for v in externals.values()):
            pairs = tuple(sorted(externals.items()))
            for key, value in pairs:
                _line(key)
                _line(value)
            extra = len(externals)
        else:
            raise _Slow
        entity = Entity(
            id=ident,
            name=name,
            kind=entity_kind.id,
            aliases=_texts(d.get("aliases")),
            country=_text_or_none(d.get("country")),
            description=_text_or_none(d.get("description")),
            external_ids=pairs,
            tags=_texts(d.get("tags")),
            location=loc,
            review=_fast_review(d.get("review")),
        )
        return entity, len(d) + extra

    def fast_relation(self, d: dict[str, Any], loc: Location) -> tuple[Relation, int]:
        if not d.keys() <= _RELATION_KEYS or "referents" in d:  # referents: checked slowly
            raise _Slow
        get = d.get
        src, dst, rtype, status = get("source"), get("target"), get("type"), get("status")
        if (
            type(src) is not str
            or type(dst) is not str
            or type(rtype) is not str
            or type(status) is not str
            or src == dst
        ):
            raise _Slow
        entities = self.entities
        se, te = entities.get(src), entities.get(dst)
        t = self.vocab.relation_types.get(rtype)
        st = _STATUS_OF.get(status)
        if se is None or te is None or t is None or st is None:
            raise _Slow
        allowed = self.kinds_allowed.get((rtype, se.kind, te.kind))
        if allowed is None:
            allowed = self.allows(t, se.kind, te.kind)
        if not allowed:
            raise _Slow
        sign = get("sign")
        if sign is None or (type(sign) is str and not sign.strip()):
            sign = t.sign
        elif type(sign) is not str or sign not in _SIGN_OF:
            raise _Slow
        date, start, end = get("date"), get("start"), get("end")
        if date is not None:
            if start is not None or end is not None:
                raise _Slow
            date = (self.dates.get(date) if type(date) is str else None) or self.date(date)
        elif start is not None or end is not None:
            start, end = self.date(start), self.date(end)
            if start is not None and end is not None and _begins_after(start, end):
                raise _Slow
        given = get("id")
        if given is not None and (type(given) is not str or not ID_RE.match(given)):
            given = self.given_id(given)
        notes = get("notes")
        if notes is not None:
            notes = _text_or_none(notes)
        reported, modality = get("reported"), get("modality")
        if reported is not None:
            reported = self.date(reported)
        if modality is None:
            modality = "occurred"
        elif type(modality) is not str or modality not in _MODALITY_OF:
            raise _Slow
        review = get("review")
        if review is not None:
            review = _fast_review(review)
        evidence, keys = self.fast_evidence(get("evidence"), status, loc)
        if given is None:
            given = default_relation_id(se.id, te.id, t.id, str(date) if date else None, t.directed)
        relation = _new_relation(
            given,
            se.id,
            te.id,
            t.id,
            st,
            _SIGN_OF[sign],
            evidence,
            date,
            start,
            end,
            notes,
            loc,
            reported,
            modality,
            review,
            (),  # referents: the slow path
        )
        return relation, len(d) + keys

    def fast_claim(self, d: dict[str, Any], loc: Location) -> tuple[Claim, int]:
        if not d.keys() <= _CLAIM_KEYS or "referents" in d:  # referents: checked slowly
            raise _Slow
        entity, statement, status = d.get("entity"), d.get("statement"), d.get("status")
        if type(entity) is not str or type(statement) is not str or type(status) is not str:
            raise _Slow
        actor = self.entities.get(entity)
        st = _STATUS_OF.get(status)
        if actor is None or st is None or not statement.strip():
            raise _Slow
        _clean(statement)
        date = self.date(d.get("date"))
        reported = self.date(d.get("reported"))
        modality = d.get("modality")
        if modality is None:
            modality = "occurred"
        elif type(modality) is not str or modality not in _MODALITY_OF:
            raise _Slow
        given = self.given_id(d.get("id"))
        notes = _text_or_none(d.get("notes"))
        evidence, keys = self.fast_evidence(d.get("evidence"), status, loc)
        if given is None:
            given = default_claim_id(actor.id, statement)
        claim = Claim(
            id=given,
            entity=actor.id,
            statement=statement,
            status=st,
            evidence=evidence,
            date=date,
            notes=notes,
            location=loc,
            reported=reported,
            modality=_MODALITY_OF[modality],
            review=_fast_review(d.get("review")),
        )
        return claim, len(d) + keys

    # -- lines -----------------------------------------------------------
    def entity_line(self, item: _Line) -> None:
        loc = Location(item.path, item.line, _column(item.raw))
        try:
            entity, keys = self.fast_entity(item.data, loc)
            if not _keys_agree(item.raw, keys):
                raise _Slow
        except _Slow:
            node = self.located(item.raw, item.data, item.path, item.line, "entity")
            if node is not None:
                self.entity(node, self.seen_entities)
            return
        self.seen_entities[entity.id] = Node("str", entity.id, item.path, item.line, loc.column)
        self.entities[entity.id] = entity

    def relation_line(
        self, raw: bytes, data: dict[str, Any], path: str, line: int, index: int
    ) -> Relation | None:
        loc = _new_location(path, line, 1 if raw[0] == 0x7B else _column(raw))
        try:
            relation, keys = self.fast_relation(data, loc)
            if not _keys_agree(raw, keys):
                raise _Slow
        except _Slow:
            node = self.located(raw, data, path, line, "relation")
            return None if node is None else self.relation(node, index)
        return relation

    def claim_line(self, raw: bytes, data: dict[str, Any], path: str, line: int) -> Claim | None:
        loc = Location(path, line, _column(raw))
        try:
            claim, keys = self.fast_claim(data, loc)
            if not _keys_agree(raw, keys):
                raise _Slow
        except _Slow:
            node = self.located(raw, data, path, line, "claim")
            return None if node is None else self.claim(node)
        return claim


# ---------------------------------------------------------------------------
# Reading JSON Lines files
# ---------------------------------------------------------------------------

_LINE_HINT = "each line must be one complete JSON object; check the quotes, commas and brackets"
_KINDS_LISTED = f"records are: {', '.join(RECORD_KINDS)}"


def _what(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "a single value"


class _JsonlFile:
    """One JSON Lines file, read in two passes: declarations, then relations and claims."""

    def __init__(self, path: str, problems: Problems, progress: ProgressCallback | None) -> None:
        self.path = path
        self.name = os.path.basename(path)
        self.problems = problems
        self.progress = progress
        self.deferred: set[int] = set()
        self.bad = 0
        self.records = 0
        self.end_line = 0  # 0: read to the end; else stop before this line
        self.unreadable = False

    def problem(self, line: int, column: int, code: str, message: str, hint: str) -> None:
        self.problems.items.append(Diagnostic(self.path, line, column, code, message, hint))

    def open(self) -> IO[bytes] | None:
        try:
            if (problem := file_problem(self.path)) is not None:
                self.problems.items.append(problem)
                return None
            return open(self.path, "rb")
        except FileNotFoundError:
            self.problem(0, 0, "missing-file", "no such file", "check the path")
        except OSError as exc:
            self.problem(
                0,
                0,
                "unreadable-file",
                f"cannot be read: {exc.strerror}",
                "check the file's permissions",
            )
        return None

    def lines(self, fh: IO[bytes], report: bool, stage: str) -> Iterator[tuple[int, bytes]]:
        """``(line number, bytes)`` of each line with something on it."""
        try:
            size = os.fstat(fh.fileno()).st_size
        except OSError:  # pragma: no cover - a file just opened has a size
            size = 0
        tick = Ticker(self.progress, f"{stage} {self.name}", total=size, every=max(1, size // 200))
        cap = MAX_LINE_BYTES + 1
        readline = fh.readline
        line = 0
        while True:
            raw = readline(cap)
            if not raw:
                break
            line += 1
            if line == self.end_line:
                break
            if not line & 0xFFF:
                tick.update(fh.tell())
            if len(raw) == cap and raw[-1] != 0x0A:
                while True:  # skip the rest of the line, a piece at a time
                    piece = readline(1 << 16)
                    if not piece or piece[-1] == 0x0A:
                        break
                if report:
                    self.problem(
                        line,
                        1,
                        "line-too-long",
                        f"the line is longer than {MAX_LINE_BYTES} bytes",
                        "a line holds one record; keep long texts in source text files",
                    )
                    if self.count_bad(line):
                        break
                continue
            if line == 1:
                if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                    self.problem(
                        1,
                        1,
                        "encoding",
                        "the file is UTF-16; relgraph reads UTF-8",
                        "save the file as UTF-8",
                    )
                    self.stop(1)
                    break
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            if raw[0] != 0x7B and raw.isspace():
                continue
            yield line, raw
        tick.finish()

    def stop(self, line: int) -> None:
        self.end_line = line
        self.unreadable = True

    def count_bad(self, line: int) -> bool:
        """Count an unreadable line; True when the file is given up."""
        self.bad += 1
        if self.bad <= MAX_BAD_LINES:
            return False
        self.problem(
            line,
            1,
            "too-many-bad-lines",
            f"more than {MAX_BAD_LINES} lines cannot be read; the rest of the file is skipped",
            "check that the file is JSON Lines: one JSON object per line",
        )
        self.stop(line)
        return True

    def parse(self, line: int, raw: bytes) -> Any:
        """Return the parsed line, or ``None`` after reporting why it cannot be read."""
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            error = exc
        self.unreadable = True
        nul = raw.find(b"\x00")
        if nul >= 0:
            self.problem(
                line,
                nul + 1,
                "nul-byte",
                "the file contains a NUL byte",
                "this is not a text file; save it as UTF-8 text",
            )
            self.stop(line)
            return None
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problem(
                line,
                exc.start + 1,
                "encoding",
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                "save the file as UTF-8",
            )
        else:
            self.problem(
                line,
                max(1, error.colno),
                "json-syntax",
                f"JSON syntax error: {error.msg}",
                _LINE_HINT,
            )
        self.count_bad(line)
        return None

    def kind_of(self, line: int, raw: bytes, data: Any) -> str | None:
        """Return the record's kind, or ``None`` after reporting why it has none."""
        if type(data) is not dict:
            self.unreadable = True
            self.problem(
                line,
                _column(raw),
                "not-a-mapping",
                f"a line must be a JSON object, not {_what(data)}",
                'write one record per line, e.g. {"record": "entity", "id": …}',
            )
            self.count_bad(line)
            return None
        kind = data.get("record")
        if type(kind) is str and kind in _SECTION:
            return kind
        self.unreadable = True
        if kind is None:
            self.problem(
                line,
                _column(raw),
                "missing-record",
                "this line has no 'record' field",
                f'start it with {{"record": "entity", …}}; {_KINDS_LISTED}',
            )
            self.count_bad(line)
            return None
        node, _ = _locate(raw, data, self.path, line, "dataset")
        where = node.get("record") if node is not None else None
        written = kind if type(kind) is str else orjson.dumps(kind).decode()
        self.problem(
            line,
            where.column if where is not None else _column(raw),
            "unknown-record",
            f"'{written}' is not a record kind",
            did_you_mean(written, RECORD_KINDS, _KINDS_LISTED) or _KINDS_LISTED,
        )
        self.count_bad(line)
        return None

    def declarations(self, loader: _BulkLoader, raw: _Raw, entities: list[Node | _Line]) -> None:
        """First pass: everything but relations and claims, which wait for the second."""
        fh = self.open()
        if fh is None:
            self.unreadable = True
            return
        with fh:
            for line, text in self.lines(fh, report=True, stage="reading"):
                if text.startswith(_DEFERRED):
                    self.records += 1
                    continue
                data = self.parse(line, text)
                if data is None:
                    if self.end_line:
                        break
                    continue
                kind = self.kind_of(line, text, data)
                if kind is None:
                    if self.end_line:
                        break
                    continue
                self.records += 1
                if kind in ("relation", "claim"):
                    self.deferred.add(line)
                elif kind == "entity":
                    entities.append(_Line(self.path, line, text, data))
                else:
                    node = loader.located(text, data, self.path, line, kind)
                    if node is None:
                        self.unreadable = True
                    else:
                        getattr(raw, _SECTION[kind]).append(node)
        if not self.records and not self.unreadable:
            self.unreadable = True
            self.problem(
                0,
                0,
                "empty-file",
                "the file is empty",
                'give it a {"record": "dataset", …} line and some entities',
            )

    def relations(
        self, loader: _BulkLoader, relations: list[Relation], claims: list[Claim]
    ) -> None:
        """Second pass: the relations and claims, checked as they are read."""
        if not self.records or (self.end_line == 1):
            return
        fh = self.open()
        if fh is None:  # pragma: no cover - it was there a moment ago
            return
        deferred = self.deferred
        path = self.path
        loads = orjson.loads
        keep, relation_line = loader.keep, loader.relation_line
        with fh:
            for line, text in self.lines(fh, report=False, stage="checking"):
                if text.startswith(_DEFERRED):
                    try:
                        data = loads(text)
                    except orjson.JSONDecodeError:
                        self.parse(line, text)  # says why
                        if self.end_line:
                            break
                        continue
                    kind = data.get("record")
                    if kind != "relation" and kind != "claim":
                        kind = self.kind_of(line, text, data)  # a "record" key written twice
                        if kind is None:
                            continue
                elif line in deferred:
                    data = orjson.loads(text)
                    kind = data["record"]
                else:
                    continue
                if kind == "relation":
                    keep(relation_line(text, data, path, line, len(relations)), relations)
                elif kind == "claim":
                    loader.keep_claim(loader.claim_line(text, data, path, line), claims)
                else:  # a duplicated "record" key made it something else: reported, skipped
                    loader.located(text, data, path, line, kind)


# ---------------------------------------------------------------------------
# Loading a dataset of YAML and JSON Lines files
# ---------------------------------------------------------------------------


def load_path(path: str | os.PathLike[str], *, progress: ProgressCallback | None = None) -> Dataset:
    """Load and validate the one dataset at ``path``, a file or a folder.

    This is :func:`relgraph.load` for one path: the dataset's files
    (:func:`relgraph.folders.dataset_files`), loaded by :func:`load_files`.

    Parameters
    ----------
    path : str or PathLike
        A dataset file, or a folder of one dataset's files.
    progress : callable, optional
        ``progress(stage, done, total)``; see :mod:`relgraph.progress`.

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        Listing every problem found, sorted by location.

    Examples
    --------
    >>> load_path("graph_data/cuba_iran.yaml").id
    'cuba_iran'
    """
    path = os.fspath(path)
    problems = Problems()
    files, diags = dataset_files(path)
    problems.extend(diags)
    if not files:
        raise problems.error()
    return load_files(files, problems, progress=progress)


def load_files(
    files: Sequence[str],
    problems: Problems | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> Dataset:
    """Load and validate a dataset made of these YAML and JSON Lines files.

    This is what :func:`relgraph.load` runs for every dataset, YAML, JSON
    Lines or both: the checks of :mod:`relgraph.load.rules`, in their order,
    with their messages, and a fast path for the records that pass them.

    Parameters
    ----------
    files : sequence of str
        The dataset's files in order (see :func:`relgraph.folders.dataset_files`).
    problems : Problems, optional
        Problems found so far, to which the new ones are added.
    progress : callable, optional
        ``progress(stage, done, total)``; see :mod:`relgraph.progress`.

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        Listing every problem found, sorted by location.

    Examples
    --------
    >>> import os, tempfile, shutil
    >>> from relgraph import load
    >>> from relgraph.convert import convert
    >>> d = tempfile.mkdtemp()
    >>> shutil.copytree("graph_data/sources", os.path.join(d, "sources"))  # doctest: +ELLIPSIS
    '...'
    >>> convert("graph_data/cuba_iran.yaml", os.path.join(d, "cuba_iran.jsonl")).id
    'cuba_iran'
    >>> calls = []
    >>> ds = load_files([os.path.join(d, "cuba_iran.jsonl")], progress=lambda *a: calls.append(a))
    >>> ds.relations == load("graph_data/cuba_iran.yaml").relations
    True
    >>> calls[-1][0], calls[-1][1] == calls[-1][2]
    ('checking cuba_iran.jsonl', True)
    """
    problems = Problems() if problems is None else problems
    with collector_paused():  # loading creates no reference cycles
        return _load(list(files), problems, progress)


def _load(files: list[str], problems: Problems, progress: ProgressCallback | None) -> Dataset:
    loader = _BulkLoader(problems)
    raw = _Raw()
    entities: list[Node | _Line] = []
    later: list[_JsonlFile | _Raw] = []
    unreadable = 0
    for path in files:
        if path.endswith(".jsonl"):
            jsonl = _JsonlFile(path, problems, progress)
            jsonl.declarations(loader, raw, entities)
            unreadable += jsonl.unreadable
            later.append(jsonl)
            continue
        tick = Ticker(progress, f"reading {os.path.basename(path)}", total=1)
        part = _gather([path], problems)
        tick.finish()
        unreadable += part.unreadable
        raw.dataset += part.dataset
        raw.vocabulary += part.vocabulary
        raw.sources += part.sources
        raw.views += part.views
        entities += part.entities
        later.append(part)
    loader.vocabulary(raw.vocabulary)
    loader.tying_types = frozenset(
        ident
        for ident, t in loader.vocab.relation_types.items()
        if t is not None and t.category == AFFILIATION_CATEGORY
    )
    ident, title, meta = loader.dataset_meta(raw.dataset, files, quiet=unreadable > 0)
    for node in raw.sources:
        loader.source(node, loader.seen_sources)
    tick = Ticker(progress, "checking entities", total=len(entities), every=10_000)
    for item in entities:
        if isinstance(item, Node):
            loader.entity(item, loader.seen_entities)
        else:
            loader.entity_line(item)
        tick.advance()
    tick.finish()
    del entities
    loader.check_referents()
    loader.check_source_links()
    relations: list[Relation] = []
    claims: list[Claim] = []
    for part_or_file in later:
        if isinstance(part_or_file, _JsonlFile):
            part_or_file.relations(loader, relations, claims)
            continue
        for node in part_or_file.relations:
            loader.keep(loader.relation(node, len(relations)), relations)
        for node in part_or_file.claims:
            loader.keep_claim(loader.claim(node), claims)
    del loader.relation_ids
    loader.check_record_referents(relations, claims)
    _unconfirmed(loader, loader.confirmed, loader.tying)
    _unique_ids(claims, "claim", problems)
    if loader.alleged_attributions:
        problems.items.extend(not_alleged([*relations, *claims], loader.alleged_attributions))
    known = {r.id for r in relations} if raw.views else set()
    # a relation that did not load is said where it is; the views naming it are not blamed
    loader.relations_broken = problems.has_errors
    seen_views: dict[str, Node] = {}
    views = [v for node in raw.views if (v := loader.view(node, known, seen_views)) is not None]
    if problems.has_errors:
        raise problems.error()
    return Dataset(
        id=ident,
        title=title,
        vocabulary=loader.vocab,
        description=meta.get("description"),
        notes=meta.get("notes"),
        license=meta.get("license"),
        authors=meta.get("authors"),
        alleged_attributions=loader.alleged_attributions,
        sources=tuple(loader.sources.values()),
        entities=tuple(loader.entities.values()),
        relations=tuple(relations),
        claims=tuple(claims),
        views=tuple(views),
        paths=tuple(files),
        warnings=tuple(sorted(problems.items, key=Diagnostic.sort_key)),
    )
