r"""Turning a file someone saved (a text, a web page) into a source text relgraph can store.

A stored source text is UTF-8 with LF line ends. :func:`article_text` takes
the bytes of a file and gives that text, or refuses with a diagnostic that
says why and how to fix it:

* a binary file (a PDF, an image, a word-processor file, anything with NUL
  bytes) is refused: relgraph stores text;
* UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark
  are read as they are; another encoding is detected (charset-normalizer) only
  when the detection is unambiguous, and otherwise refused with the command
  that converts it, so that no text is ever stored garbled;
* a web page (HTML) is reduced to its article text with trafilatura, a
  maintained main-text extractor: navigation, author boxes, footers and the
  like are dropped, and what was dropped is reported. Paragraphs are kept
  apart by blank lines. A page with no article text is refused.

Examples
--------
>>> text = article_text(b"Caf\xc3\xa9 talks.\r\nSecond line.", "a.txt")
>>> text.text, text.kind, text.encoding
('Café talks.\nSecond line.\n', 'text', 'utf-8')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from relgraph.errors import DatasetError, Diagnostic

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

__all__ = ["MIN_ARTICLE_WORDS", "ArticleText", "article_text"]

#: A web page whose article text has fewer words than this has no article text.
MIN_ARTICLE_WORDS = 20

_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF document", "pdftotext {name} {stem}.txt"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub is one)", ""),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document", ""),
    (b"\x89PNG", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (b"\x1f\x8b", "a gzip archive", "gunzip {name}"),
    (b"{\\rtf", "an RTF document", ""),
)
_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_WORDS = re.compile(r"\w+")
# how clearly an encoding must fit a language ahead of a rival reading (charset-normalizer)
_MARGIN = 0.03
_MIN_FIT = 0.5
# Windows-1252, the encoding most Western European text was saved in before UTF-8: a reading
# it gives is taken (and named) when it is as little noisy as the best and fits a language
# about as well; charset-normalizer names the reading by the first of the code pages that
# give the same text, often cp1250, which would garble another such file.
_WESTERN = "cp1252"
_WESTERN_MARGIN = 0.05


@dataclass(frozen=True)
class ArticleText:
    """The text to store, and what was done to get it.

    ``kind`` is ``'text'`` or ``'html'``; ``encoding`` the encoding read;
    ``dropped`` the blocks of a web page left out (navigation, footers…),
    each folded to one line; ``notes`` what else was done, for the user.
    """

    text: str
    kind: str
    encoding: str
    dropped: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())


def _refuse(name: str, code: str, message: str, hint: str, line: int = 0, col: int = 0) -> NoReturn:
    raise DatasetError([Diagnostic(name, line, col, code, message, hint)])


def _binary(data: bytes, name: str) -> None:
    stem = re.sub(r"\.[^./]*$", "", name)
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            hint = "save the article's text as a .txt or .html file and add that"
            if fix:
                hint += ", e.g. " + fix.format(name=name, stem=stem)
            _refuse(name, "binary-file", f"this is {what}, not a text file", hint)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte order mark has NUL bytes of its own
    nul = data.find(b"\x00")
    if nul >= 0:
        _refuse(
            name,
            "binary-file",
            f"this is not a text file (a NUL byte at byte {nul})",
            "save the article's text as a .txt or .html file and add that",
        )


def _decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str, list[str]]:
    notes: list[str] = []
    if encoding is not None:
        try:
            return data.decode(encoding), encoding, notes
        except LookupError:
            _refuse(
                name,
                "encoding",
                f"'{encoding}' is not an encoding Python knows",
                "give one such as cp1252 or latin-1",
            )
        except UnicodeDecodeError as exc:
            _refuse(
                name,
                "encoding",
                f"the file is not valid {encoding} (byte 0x{data[exc.start]:02x} at {exc.start})",
                "give the encoding the file was saved in with --encoding",
            )
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append("dropped the UTF-8 byte order mark")
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", ["read as UTF-16, stored as UTF-8"]
        except UnicodeDecodeError:
            _refuse(
                name,
                "encoding",
                "the file starts like UTF-16 but is not valid UTF-16",
                "save it as UTF-8",
            )
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError as exc:
        bad = exc.start
    from charset_normalizer import from_bytes

    line = data.count(b"\n", 0, bad) + 1
    col = bad - (data.rfind(b"\n", 0, bad) + 1) + 1
    # A detection is trusted only when it is clear: the reading with the least noise and
    # then the best fit to a language, ahead of every reading that gives another text
    # (noisier, or a worse fit by a margin). Otherwise refuse rather than store garbled text.
    # Of readings alike, the one Windows-1252 gives comes first, and is named so.
    readings = sorted(
        (r for r in from_bytes(data) if r.chaos <= 0.1),
        key=lambda r: (r.chaos, -r.coherence, _encoding(r) != _WESTERN),
    )
    if readings:
        best, text = readings[0], str(readings[0])
        rivals = [r for r in readings[1:] if str(r) != text]
        clear = all(r.chaos > best.chaos or r.coherence + _MARGIN <= best.coherence for r in rivals)
        western = next((r for r in readings if _encoding(r) == _WESTERN), None)
        if (
            western is not None
            and western.chaos <= best.chaos
            and western.coherence >= max(_MIN_FIT, best.coherence - _WESTERN_MARGIN)
        ):
            best, text, clear, rivals = western, str(western), True, []
        if clear and (best.coherence >= _MIN_FIT or not rivals):
            used = _encoding(best)
            return text, used, [f"read as {used} (detected), stored as UTF-8"]
    names = list(dict.fromkeys(_encoding(r) for r in readings))
    guess = f"; it could be {' or '.join(names[:4])}" if names else ""
    stem = re.sub(r"[.][^./]*$", "", name)
    example = names[0] if names else "cp1252"
    _refuse(
        name,
        "encoding",
        f"the file is not UTF-8 (byte 0x{data[bad]:02x}) and its encoding cannot be told "
        f"for sure{guess}",
        f"give the encoding with --encoding {example}, or convert the file to UTF-8: "
        f"iconv -f {example} -t UTF-8 {name} > {stem}.utf8.txt",
        line,
        col,
    )


def _encoding(reading: CharsetMatch) -> str:
    """Return the name of a charset-normalizer reading.

    It is cp1252 when that is one of those giving its text.
    """
    if _WESTERN in reading.could_be_from_charset:
        return _WESTERN
    return str(reading.encoding)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _html_text(html: str, name: str) -> tuple[str, tuple[str, ...]]:
    import trafilatura
    from lxml import html as lxml_html

    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=True, deduplicate=False, favor_precision=False
    )
    blocks = [b.strip() for b in (extracted or "").split("\n") if b.strip()]
    words = sum(len(_WORDS.findall(b)) for b in blocks)
    if words < MIN_ARTICLE_WORDS:
        _refuse(
            name,
            "no-article-text",
            f"found no article text in this web page ({words} {'word' if words == 1 else 'words'}"
            " of text outside the page's "
            "navigation and boilerplate)",
            "check that the page is the article itself (not a login, cookie or index page), or "
            "save the article's text as a .txt file and add that",
        )
    text = "\n\n".join(blocks)
    kept = _fold(text)
    dropped: list[str] = []
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, SyntaxError):
        return text, ()
    for bad in tree.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    for chunk in tree.itertext():
        piece = _fold(chunk)
        if piece and piece not in kept and (not dropped or dropped[-1] != piece):
            dropped.append(piece)
    return text, tuple(dropped)


def article_text(data: bytes, name: str, encoding: str | None = None) -> ArticleText:
    r"""Return the text to store for a file's bytes: UTF-8 text with LF line ends, ending in one.

    Parameters
    ----------
    data
        The file's bytes.
    name
        The file's name, for messages (and ``.html``/``.htm`` says a web page).
    encoding
        The encoding to read it in, when it is known and not UTF-8.

    Returns
    -------
    ArticleText
        The text, its kind and encoding, and what was done to get it.

    Raises
    ------
    DatasetError
        A binary file, an encoding that cannot be told, a web page with no
        article text: one diagnostic with a hint.

    Examples
    --------
    >>> try:
    ...     article_text(b"%PDF-1.7 ...", "report.pdf")
    ... except DatasetError as exc:
    ...     print(exc.diagnostics[0].message)
    this is a PDF document, not a text file
    >>> french = ("Le pr\u00e9sident cubain a re\u00e7u son homologue iranien \u00e0 La Havane."
    ...     " Les deux pays ont sign\u00e9 six accords de coop\u00e9ration \u00e9conomique.")
    >>> article_text(french.encode("cp1252"), "a.txt").notes
    ('read as cp1252 (detected), stored as UTF-8',)
    """
    _binary(data, name)
    text, used, notes = _decode(data, name, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = "text"
    dropped: tuple[str, ...] = ()
    if name.lower().endswith((".html", ".htm", ".xhtml")) or _HTML.match(
        data[:4096].lstrip(b"\xef\xbb\xbf")
    ):
        kind = "html"
        text, dropped = _html_text(text, name)
    if not text.strip():
        _refuse(
            name, "empty-text", "the file has no text", "add the file that holds the article's text"
        )
    text = text.strip("\n") + "\n"
    return ArticleText(text=text, kind=kind, encoding=used, dropped=dropped, notes=tuple(notes))
