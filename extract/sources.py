"""Reading reports: files and folders to clean text with its metadata.

Turns paths into :class:`Document` objects: bytes decoded (BOMs, UTF-8, then detection),
HTML reduced to its main text with trafilatura, JSON and JSONL reports split into their
text and metadata fields, and plain text split into headline, date line and body. Page
clutter after or around the story (related-article and ranking lists, "Read more",
photo credits, share bars) is cut, so no name in it reaches a record.

Every problem with one document becomes a :class:`Failure` naming the file and the
reason; the caller carries on with the next document. Not handled here: the language
of the text (a warning is added later) and anything about meetings.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from .dates import parse_date
from .errors import DecodeError, DocumentTooLarge, EmptyDocument, SourceError, UnsupportedSource
from .limits import DEFAULT_MAX_BYTES, DocumentTimeout, default_timeout, time_limit

__all__ = [
    "Document",
    "Failure",
    "TEXT_SUFFIXES",
    "report_files",
    "refused_reason",
    "DEFAULT_MAX_BYTES",
    "iter_sources",
    "read_path",
    "document_from_text",
    "decode_bytes",
    "clean_text",
    "strip_clutter",
    "split_header",
    "find_dateline",
    "content_hash",
]

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
                 ".xhtml": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "xml"}
_UNSET = object()
# documents we cannot read, reported when found in a folder (images and other files are passed over)
_UNREAD_SUFFIXES = {
    ".pdf": "is a PDF file; diplograph reads text, HTML and JSON: convert it to text first (e.g. pdftotext)",
    ".doc": "is a Word document; save it as plain text (.txt) or HTML first",
    ".docx": "is a Word document; save it as plain text (.txt) or HTML first",
    ".odt": "is an OpenDocument text; save it as plain text (.txt) or HTML first",
    ".rtf": "is a Rich Text file; save it as plain text (.txt) first",
    ".epub": "is an e-book; convert it to text or HTML first",
}
_TEXT_FIELDS = ("text", "body", "content", "article", "story", "full_text")
_TITLE_FIELDS = ("title", "headline", "heading")
_DATE_FIELDS = ("published", "date", "published_at", "publication_date", "pubdate", "datetime")
_SOURCE_FIELDS = ("url", "link", "source")
_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF file (convert it to text first)", b"PK\x03\x04": "a ZIP archive (unpack it first)",
    b"\x1f\x8b": "a gzip archive (unpack it first)", b"BZh": "a bzip2 archive", b"\x7fELF": "a program",
    b"7z\xbc\xaf": "a 7-Zip archive", b"Rar!": "a RAR archive",
}
_HISTORIAN_ROOT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:\w+:)?(?:trips|visits)\b", re.S)
# character references to control characters ("&#x1b;", "&#27;"), which XML and HTML parsers refuse
_CONTROL_REF = re.compile(r"&#((?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127)));")
_DEEP_HTML = re.compile(r"(?:<(?:div|span|section)\b[^>]*>\s*){200}", re.I)
_LAYOUT_TAG = re.compile(r"</?(?:div|span|section)\b[^>]*>", re.I)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TOO_DEEP = "is JSON nested too deeply to be a report (arrays or objects inside each other thousands of times)"
# controls, zero-width characters, and the bidi embeddings, overrides and isolates (U+202E makes
# "Headline <RLO>gnp.exe" read "Headline exe.png"; no English report needs them)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff\u202a-\u202e\u2066-\u2069]")
# terminal escape sequences (colours, cursor moves, window titles): dropped whole, not just their ESC
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
# codecs charset-normalizer may guess for Western text; Windows-1252 reads them all as well or better
_LATIN_GUESSES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_3",
                  "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
                  "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp850", "cp858", "cp437", "ascii"}
_SECTION_END = re.compile(
    r"^\W*(?:\"?[\w ]{0,20}\"?\s*)?(?:popular articles?|access ranking|related(?: articles| stories| news| content| coverage| links| topics| reading)?|"
    r"most (?:read|popular|viewed|shared)|more (?:from|stories|on this|news|in)\b.*|recommended(?: for you| stories| reading)|"
    r"you (?:may|might) also like|trending(?: now| stories)?|latest (?:news|stories)|top stories|read next|"
    r"what to read next|editor'?s picks|also on|further reading|see also|tags?:.*|topics:.*|"
    r"share this(?: article| story)?|follow us.*|sign up .*newsletter.*|subscribe.*|advertisement|"
    r"comments?|leave a comment|copyright.*|©.*|all rights reserved.*)\W*$",
    re.I,
)
# a box of other stories' headlines inside the story ("RECOMMENDED" on news pages that go on after it)
_READ_ALSO = re.compile(r"^\W*(?:also read|read also|read more|see also|also see|must read|recommended)\W*$", re.I)
_DROP_LINE = re.compile(
    r"^\s*(?:>>|»|►).*$|"  # a link to another story (">>Former U.S. Ambassador X: The impulsiveness of ...")
    r"^\s*(?:\(?(?:photo|image|picture|file photo|credit|photograph|video|graphic)s?\b.{0,120}$|"
    r"read more\b.*|also read\b.*|read also\b.*|click here\b.*|watch\b:.*|listen\b:.*|"
    r"share(?: on)?(?: (?:facebook|twitter|x|linkedin|whatsapp|email|e-mail))+\s*$|"
    r"(?:facebook|twitter|linkedin|whatsapp|email|print|copy link)(?:\s*[|·]\s*\w+)*\s*$|"
    r".{0,80}\b(?:reuters|afp|ap|getty images|epa|kyodo|xinhua|yonhap)(?: via getty images)?\s*(?:photo)?\)?\s*$)",
    re.I,
)
# Datelines that name an institution rather than a city: where its reports are filed from.
_DATELINE_ALIASES = {"UNITED NATIONS": "NEW YORK", "U.N.": "NEW YORK", "UN": "NEW YORK"}
_DATELINE_TITLECASE = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
                                 r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.? ?\d{1,2}))?"
                                 r"\s*\((?P<agency>[^)]{1,40})\)\s*(?:[—–:]|--|-)\s+")
#: "Colombo – On the sidelines of ...": a city in title case and a long dash (a known city only).
_DATELINE_TITLEDASH = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s+(?P<dash>[—–-])\s+(?=[A-Z])")
#: "Washington (Dec. 19/19). The Colombian Minister ...": a date in brackets and a period (a known city only).
_DATELINE_TITLEPAREN = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
                                  r"\s*\((?P<note>[A-Z][a-z]{2,8}\.? ?\d{1,2}(?:/\d{2,4})?)\)\.?\s+(?=[A-Z])")
#: "Ulaanbaatar, December 8 (MONTSAME) The second meeting ...": an agency's bracket and no dash (a known city only).
_DATELINE_AGENCY_BARE = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),"
                                   r"\s*(?P<note>[A-Z][a-z]{2,8}\.? ?\d{1,2})"
                                   r"\s*\((?P<agency>[A-Z][A-Za-z]{1,14})\)\s*(?=[A-Z])")
#: "Santo Domingo.- Defense Minister ...": the Spanish-language agencies' period and hyphen (a known city only).
_DATELINE_DOTDASH = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\.-\s*(?=[A-Z])")
_DATELINE_COLON = re.compile(  # "Abu Dhabi: ...", "New York, Sep 22: ..."
    r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.? \d{1,2}))?(?P<dash>:)\s+(?=[A-Z])")
_DATELINE_AGENCY = re.compile(  # "Addis Ababa, December 20/2020(ENA) Prime Minister ...": no dash, a full date
    r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),\s*(?P<when>[A-Z][a-z]{2,8}\.? \d{1,2}(?:/|,\s?)\d{4})"
    r"\s*\((?P<agency>[A-Z][^)]{1,20})\)\s*(?=[A-Z])")
_DATELINE_DOTTED = re.compile(  # "MOSCOW, September 15. /TASS/.", "Astana. July 4. KazTAG - ": agency styles
    r"^(?P<place>[A-Z][A-Za-z .'\-]{1,40}[A-Za-z])(?:,\s*|\.\s+)(?P<when>[A-Z][a-z]{2,8}\.? \d{1,2})\.\s*"
    r"(?:/(?P<agency>[A-Z][A-Za-z\-]{1,14})/\.?|(?P<agency2>[A-Z][A-Za-z]{2,14})\s*(?:[—–]|--|-))\s+(?=[A-Z\"“])")
_DATELINE_AGENCY_FIRST = re.compile(  # "RSS (KATHMANDU, 29 March 2022) – Foreign Affairs Minister ...": the agency first
    r"^(?P<agency>[A-Z][A-Za-z]{1,12})\s*\((?P<place>[A-Z][A-Z .'\-]{1,40}[A-Z]),\s*"
    r"(?P<when>\d{1,2} [A-Z][a-z]{2,8},? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\)\s*(?P<dash>[—–]|--|-)\s+")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40}[A-Z])(?:,\s*(?P<region>[A-Z][A-Za-z .]{1,25}?)|\s\((?P<paren>[A-Z][A-Za-z .]{1,25})\))?"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8},? \d{4}"
    r"|\d{1,2}\.\d{1,2}\.\d{4}))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?P<dash>[—–:]|--|-)\s+",
)
#: The dateline forms, tried in this order on each of a report's first lines.
_DATELINES = (_DATELINE_AGENCY_FIRST, _DATELINE, _DATELINE_TITLECASE, _DATELINE_COLON, _DATELINE_AGENCY, _DATELINE_DOTTED,
              _DATELINE_TITLEDASH, _DATELINE_DOTDASH, _DATELINE_TITLEPAREN, _DATELINE_AGENCY_BARE)

#: The forms trusted only with a city the place table knows.
_KNOWN_CITY_ONLY = (_DATELINE_TITLEDASH, _DATELINE_DOTTED, _DATELINE_DOTDASH, _DATELINE_TITLEPAREN,
                    _DATELINE_AGENCY_BARE)


@dataclass
class Document:
    """One report, decoded and cleaned, ready for the pipeline.

    ``text`` is the cleaned body: every offset in a record indexes it.
    """

    source: str
    source_id: str
    text: str
    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    encoding: str | None = None
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    record: dict | None = None

    @property
    def doc_id(self) -> str:
        """A stable id from the normalised text (and title), so one report read twice is one id."""
        return content_hash((self.title or "") + "\n" + self.text)


@dataclass
class Failure:
    """A document that could not be read, with the reason in words a user can act on.

    ``refused`` marks a file not read on purpose (a link out of the folder, a PDF), as
    opposed to one that failed: a build keeps the last documents of a failed file only.
    """

    source: str
    reason: str
    refused: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def content_hash(text: str) -> str:
    """Return a short stable hash of `text` after Unicode and whitespace normalisation.

    Examples
    --------
    >>> content_hash("a  b\\n") == content_hash("a b")
    True
    """
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def iter_sources(paths: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 timeout: float | None | object = _UNSET, follow_symlinks: bool = False,
                 exclude: Iterable[str | os.PathLike] = ()) -> Iterator[Document | Failure]:
    """Yield a Document (or a Failure) for every report under `paths`, in a stable order.

    Parameters
    ----------
    paths : files or folders; folders are walked recursively for .txt, .html/.htm,
        .json, .jsonl and Office-of-the-Historian .xml files, sorted by path (gold files,
        ``*.gold.json``, are skipped). Symbolic links to folders are not followed (no loops).
        A document file in a format we do not read (.pdf, .docx, ...) is a Failure that
        says to convert it; images and other files are passed over.
    max_bytes : files larger than this are reported as failures, not read.
    timeout : seconds one document may take to read and clean (decoding, HTML parsing);
        a slower one becomes a Failure. Default ``extract.limits.default_timeout()``;
        0 or None: no limit. See ``extract.limits`` for where it can be enforced.
    follow_symlinks : read a file link inside a folder that points outside that folder
        (by default it is a Failure naming its target: a corpus cannot make us read
        ``/etc/passwd``). Links to files inside the folder, and files named on their
        own, are always read.
    exclude : files and folders never read as reports (a build's own output folder and
        store, when they lie inside an input folder).

    Examples
    --------
    >>> [type(x).__name__ for x in iter_sources(["/no/such/file.txt"])]
    ['Failure']
    """
    seconds = default_timeout() if timeout is _UNSET else timeout
    skip = [Path(os.path.abspath(p)) for p in exclude]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            for file in report_files(path, exclude=skip):
                refused = refused_reason(file)
                if refused:
                    yield Failure(_name(file), refused, refused=True)
                    continue
                if not follow_symlinks and file.is_symlink():
                    target = _target(file)
                    if target is not None and not _within(target, root):
                        yield Failure(_name(file), f"is a symbolic link to {_name(target)!r}, outside {_name(path)!r}; "
                                      "not read (name the file itself, or pass --follow-symlinks to read such links)",
                                      refused=True)
                        continue
                yield from _limited(read_path(file, max_bytes=max_bytes), _name(file), seconds)
        elif path.exists() or path.is_symlink():
            yield from _limited(read_path(path, max_bytes=max_bytes, explicit=True), _name(path), seconds)
        else:
            yield Failure(str(raw), "no such file or folder; check the path")


def read_path(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, explicit: bool = False) -> Iterator[Document | Failure]:
    """Read one file into Documents (several for a JSONL file), or Failures.

    `explicit` marks a file the user named: its suffix need not be one we know (it is
    read as text). Only regular files are read: a symbolic link loop, a broken link, a
    named pipe or a device is a Failure, never a read that could block.

    Examples
    --------
    >>> [str(f) for f in read_path("/dev/null", explicit=True)]
    ['/dev/null: is not a regular file (a device, pipe or socket); reports must be files']
    """
    path = Path(path)
    src, stem = _name(path), _name(path.stem)
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "text" if explicit else None)
    if kind is None:
        return
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise UnsupportedSource("is not a regular file (a device, pipe or socket); reports must be files")
        if info.st_size > max_bytes:
            raise DocumentTooLarge(f"{info.st_size:,} bytes is over the limit of {max_bytes:,}; "
                                   "raise it with --max-bytes")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise DocumentTooLarge(f"grew past the limit of {max_bytes:,} bytes while being read; "
                                   "raise it with --max-bytes")
    except PermissionError:
        yield Failure(src, "permission denied; check the file's read permissions")
        return
    except IsADirectoryError:
        yield Failure(src, "is a folder, not a file")
        return
    except SourceError as err:
        yield Failure(src, str(err))
        return
    except OSError as err:
        yield Failure(src, _os_reason(path, err))
        return
    if kind == "xml":
        yield from _read_xml(path, data)
        return
    try:
        text, encoding, notes = _decode(data)
    except SourceError as err:
        yield Failure(src, str(err))
        return
    try:
        if kind == "jsonl":
            items = _from_jsonl(src, stem, text, encoding)
        elif kind == "json":
            items = _from_json(src, stem, text, encoding)
        elif kind == "html":
            items = iter([_from_html(src, stem, text, encoding)])
        else:
            items = iter([document_from_text(text, source=src, source_id=stem, encoding=encoding)])
        for item in items:
            if notes and isinstance(item, Document):
                item.warnings[:0] = notes
            yield item
    except SourceError as err:
        yield Failure(src, str(err))


def document_from_text(text: str, *, source: str = "<text>", source_id: str | None = None, title: str | None = None,
                       published: str | None = None, encoding: str | None = None, meta: dict | None = None) -> Document:
    """Build a Document from plain text: split the header, cut clutter, find the dateline.

    Raises
    ------
    EmptyDocument
        If nothing but whitespace or clutter is left.

    Examples
    --------
    >>> d = document_from_text("Ministers Meet\\nJanuary 13, 2024\\nTOKYO — A met B.\\nMost Read\\n- X met Y")
    >>> d.title, d.published, d.dateline, d.text
    ('Ministers Meet', '2024-01-13', 'Tokyo', 'TOKYO — A met B.')
    """
    text = clean_text(text)
    meta_date, text = _leading_date_field(text)
    head_title, head_date, body = split_header(text)
    body = strip_clutter(body)
    if not body.strip():
        raise EmptyDocument("holds no text (empty, whitespace only, or only page clutter)")
    title = _one_line(title) or head_title
    published = published or (head_date.isoformat() if head_date else None) or meta_date
    dateline, when = find_dateline(body)
    dateline = dateline or _header_place(text)
    if published is None and when:
        published = when
    return Document(source=source, source_id=source_id or Path(source).stem, text=body, title=title,
                    published=published, dateline=dateline, encoding=encoding, meta=meta or {})


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes, returning (text, encoding name).

    BOMs win (UTF-8, UTF-16, UTF-32); then strict UTF-8; then UTF-8 with its few bad
    bytes replaced by U+FFFD when the rest is clearly UTF-8 (valid multi-byte characters
    outnumber the bad bytes); then charset-normalizer's guess, read as Windows-1252 when
    the guess is any Western single-byte code page (Latin-1 text reads the same in it,
    and it also has curly quotes and the euro sign). Binary data (images, archives,
    programs) is refused by its magic number or by its share of NUL and control bytes.

    Raises
    ------
    EmptyDocument, UnsupportedSource, DecodeError

    Examples
    --------
    >>> decode_bytes("Türkiye".encode("utf-16"))
    ('Türkiye', 'utf-16')
    >>> decode_bytes("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode_bytes("“Peña” paid €5 in São Paulo, façade, naïve, déjà vu".encode("cp1252"))[1]
    'cp1252'
    >>> decode_bytes("José met Zoë".encode("utf-8") + b" \\xff")
    ('José met Zoë \ufffd', 'utf-8')
    """
    text, encoding, _ = _decode(data)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """``decode_bytes`` plus the warnings the decoding deserves (replaced bytes)."""
    if not data.strip():
        raise EmptyDocument("is empty or whitespace only")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                     (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc} "
                                  f"(bad bytes at offset {err.start}); save it again as UTF-8") from err
            if not text.strip("\ufeff \t\r\n"):
                raise EmptyDocument("is empty or whitespace only (a byte-order mark and nothing else)")
            return text, enc, []
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedSource(f"is {what}, not a text report")
    sample = data[:65536]
    if sample.count(b"\x00") > max(16, len(sample) // 100):  # a stray NUL in a short report is not binary
        wide = _utf16_without_bom(data)
        if wide is None:
            raise UnsupportedSource("looks binary (many NUL bytes), not a text report")
        return wide[0], wide[1], []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        _refuse_binary(text)
        return text, "utf-8", []
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
    mixed = _mixed_lines(data)
    if mixed is not None:
        _refuse_binary(mixed[0])
        return mixed[0], "utf-8", [mixed[1]]
    if multibyte > bad:
        _refuse_binary(replaced)
        return replaced, "utf-8", [f"{bad} byte(s) are not valid UTF-8 and were replaced with U+FFFD; "
                                   "the rest was read as UTF-8"]
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess is None or guess in _LATIN_GUESSES:
        try:
            text = data.decode("cp1252")
            guess = "cp1252"
        except UnicodeDecodeError:
            text = str(best) if best is not None else None
    else:
        text = str(best)
    if text is None or guess is None:
        raise DecodeError("is not text in any encoding we could detect; save it as UTF-8")
    notes = []
    if guess != "cp1252":
        japanese = _as_japanese(data)
        if japanese is not None and guess not in ("cp932", "shift_jis", "euc_jp"):
            text, guess = japanese, "cp932"
        notes.append(f"the encoding was guessed as {guess} (no UTF-8, no byte-order mark); if the text reads "
                     "wrong, save the file as UTF-8")
    _refuse_binary(text)
    return text, guess, notes


def _mixed_lines(data: bytes) -> tuple[str, str] | None:
    """(text, warning) for a file whose lines mix UTF-8 and Windows-1252/Latin-1, else None.

    Pasted-together reports are common: each line is decoded on its own, as UTF-8 when it
    is (or when it holds valid multi-byte UTF-8 beside a stray bad byte, replaced with
    U+FFFD), else as Windows-1252, so neither half becomes mojibake ("JosÃ©").
    """
    out: list[str] = []
    utf8 = latin = 0
    for line in data.split(b"\n"):
        try:
            text = line.decode("utf-8")
            utf8 += any(b > 127 for b in line)
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="replace")
            if not any(ord(ch) > 127 and ch != "\ufffd" for ch in text):
                text = line.decode("cp1252", errors="replace")
                latin += 1
        out.append(text)
    if not (utf8 and latin):
        return None
    return "\n".join(out), (f"{latin} line(s) are not UTF-8 and were read as Windows-1252; the other "
                            f"{utf8} non-ASCII line(s) as UTF-8 (save the file as UTF-8 to avoid the guess)")


def _as_japanese(data: bytes) -> str | None:
    """The text of Shift-JIS (cp932) bytes when they decode strictly and hold kana, else None."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff")
    return text if kana >= 2 else None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, codec) for UTF-16 text saved without a byte-order mark (every other byte NUL), else None."""
    sample = data[:65536]
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(sample) % 2 == 0 and zeros.count(b"\x00") > len(zeros) * 0.9:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            _refuse_binary(text)
            return text, codec
    return None


def _refuse_binary(text: str) -> None:
    """Refuse decoded text that is mostly control characters (binary data that happened to decode)."""
    head = _ESCAPES.sub("", text[:65536])
    controls = sum(1 for ch in head if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\x0b\x0c")
    if controls > max(16, len(head) // 50):
        raise UnsupportedSource("looks binary (many control characters), not a text report")


def clean_text(text: str) -> str:
    """Normalise text: NFC, Unix line ends, no control or zero-width characters, no trailing spaces.

    Terminal escape sequences are dropped whole ("\\x1b[31m"), so none reaches a
    record or a terminal that prints one.

    Examples
    --------
    >>> clean_text("a\\r\\nb\\x00c  \\n")
    'a\\nbc'
    >>> clean_text("Li\\x1b[31m Wen\\x1b]0;title\\x07")
    'Li Wen'
    """
    text = _ESCAPES.sub("", text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\xa0", " ")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def split_header(text: str) -> tuple[str | None, date | None, str]:
    """Split a plain-text report into (headline, publication date, body).

    The headline is the first line when it reads like one (short, no closing period) and
    is followed by more text; the date is taken from a short line among the first four
    that holds a complete date ("15:15 JST, January 13, 2024", "Published: 2023-05-04").

    Examples
    --------
    >>> split_header("Talks in Tokyo\\nMarch 3, 2023 | 9:41 AM\\nThe ministers met.")
    ('Talks in Tokyo', datetime.date(2023, 3, 3), 'The ministers met.')
    >>> split_header("The ministers met on Friday.")
    (None, None, 'The ministers met on Friday.')
    >>> split_header("Brazil: From 7-9 March, US Trade Representative\\nKatherine Tai, visited Brasilia.")[0] is None
    True
    >>> split_header("Talks in Tokyo\\nThe ministers met on Tuesday.\\nPublished: 2/13/2018")[1]
    datetime.date(2018, 2, 13)
    >>> split_header("Talks in Tokyo\\nTOKYO, May 14, 2023 - Biden met Kishida at the palace.")[2]
    'TOKYO, May 14, 2023 - Biden met Kishida at the palace.'
    """
    lines = text.split("\n")
    idx = [i for i, line in enumerate(lines) if line.strip()]
    title = None
    when = None
    used: set[int] = set()
    if len(idx) > 1 and _looks_like_headline(lines[idx[0]].strip()) and not _is_date_line(lines[idx[0]].strip()) \
            and not (idx[1] == idx[0] + 1 and _wrapped(lines[idx[0]].strip(), lines[idx[1]].strip())):
        title = lines[idx[0]].strip()
        used.add(idx[0])
    # the date line may follow a byline ("By ...", "From: ...") among the first lines
    for i in idx[:6]:
        if i in used:
            continue
        line = lines[i].strip()
        if _is_date_line(line):
            when = parse_date(line)
            used.add(i)
            break
    if when is None:  # a page's footer: "Published: 2/13/2018", "Updated: January 29, 2022, 6:05 PM"
        for i in reversed(idx[-4:]):
            m = _FOOTER_DATE.match(lines[i].strip())
            if i not in used and m and len(m.group(1)) <= 60 and _mostly_date(m.group(1)) and \
                    not _AMBIGUOUS_NUMERIC.match(m.group(1)):  # "12/4/2019": 4 December or 12 April
                when = parse_date(m.group(1))
                if when is not None:
                    used.add(i)
                    break
    body = "\n".join(line for i, line in enumerate(lines) if i not in used).strip("\n")
    return title, when, body


_AMBIGUOUS_NUMERIC = re.compile(r"^(?:0?[1-9]|1[0-2])[/.](?:0?[1-9]|1[0-2])[/.]\d{4}\b")

#: A labelled publication date line ("Published: 2/13/2018", "Last updated on 5 May 2023").
_FOOTER_DATE = re.compile(r"^(?:first published|published|posted|last updated|updated)(?: on)?\s*[:\-–]?\s*(.+)$",
                          re.I)

_DATE_FIELD = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s+")


def _leading_date_field(text: str) -> tuple[str | None, str]:
    """A saved page's metadata date before its text (" date 2021-06-02 Estonia's defence minister ..."):
    the ISO date and the text without it. Pages kept by crawlers and page stores often open this way.

    Examples
    --------
    >>> _leading_date_field(" date 2021-06-02 Laanet held a call with Taran on Tuesday.")
    ('2021-06-02', 'Laanet held a call with Taran on Tuesday.')
    >>> _leading_date_field("date of the visit was set")
    (None, 'date of the visit was set')
    """
    m = _DATE_FIELD.match(text)
    if m is None:
        return None, text
    try:
        date.fromisoformat(m.group(1))
    except ValueError:
        return None, text
    return m.group(1), text[m.end():]


def _is_date_line(line: str) -> bool:
    """A short line that holds a complete date and little else ("Published 10 March 2023").

    Pipe-separated header lines ("REMARKS | JULY 28, 2021 | New Delhi, India") count when
    one of their parts is such a date.
    """
    if len(line) > 120 or parse_date(line) is None:
        return False
    sep = r"\s[|•·–—-]\s"  # "REMARKS | JULY 28, 2021", "16 June 2023 - Press release"
    parts = [p.strip() for p in re.split(sep, line)] if re.search(sep, line) else [line]
    if any(len(p.split()) >= 6 and p.endswith((".", '"', "”")) for p in parts[1:]):
        return False  # a wire dateline with the story's first sentence: "TOKYO, May 14, 2023 - Biden met ..."
    return any(len(p) <= 80 and parse_date(p) is not None and _mostly_date(p) for p in parts)


def _header_place(text: str) -> str | None:
    """A place named in a header date line ("REMARKS | JULY 28, 2021 | New Delhi, India",
    "July 5, 2024, 17:20, The Kremlin, Moscow")."""
    from .places import place_for

    for line in text.split("\n", 8)[:8]:
        if _is_date_line(line.strip()):
            for part in re.split(r"\s[|•·]\s|,\s*", line):
                place = place_for(part.strip())
                if place is not None and place.city:
                    return place.city
    return None


def strip_clutter(body: str) -> str:
    """Cut page clutter: everything from a related/ranking/share section on, and credit lines.

    Examples
    --------
    >>> strip_clutter("A met B.\\nPhoto: Reuters\\nThey agreed.\\nRelated Articles\\n- C meets D")
    'A met B.\\nThey agreed.'
    >>> strip_clutter("A met B.\\nALSO READ\\nC to present budget\\nD meets E\\nThey agreed.")
    'A met B.\\nThey agreed.'
    """
    kept: list[str] = []
    body_started = False
    read_also = False  # inside an "ALSO READ" box of other stories' headlines
    for line in body.split("\n"):
        stripped = line.strip()
        if body_started and stripped and _SECTION_END.match(stripped) and len(stripped) < 80:
            break
        if _READ_ALSO.match(stripped):
            read_also = True
            continue
        if read_also and stripped:
            if not stripped.endswith((".", "?", "!", "\"", "”", ":")) and len(stripped.split()) <= 16:
                continue  # "Nirmala Sitharaman to present Budget on July 23": another story's headline
            read_also = False
        if stripped and _DROP_LINE.match(stripped) and len(stripped.split()) < 25:
            continue
        if stripped in {"-", "—", "•", "|"}:
            continue
        if len(stripped.split()) >= 3 and stripped.endswith((".", "\"", "”")):
            body_started = True
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept).strip("\n")


#: The parts of a dateline of its own line, split at commas, dashes, bars and brackets: "Lima, Feb. 13.",
#: "Bogota (Colombia), Dec. 4.", "Thursday, February 21, Warsaw – President ...", "Washington, DC | January 17".
_LINE_PARTS = re.compile(r"\s*(?:[,|()]|\s[—–-]\s)\s*")
_DATE_PART = re.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{1,2}:\d{2}|\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:\d{1,2}(?:st|nd|rd|th)? )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"(?: \d{1,2}(?:st|nd|rd|th)?)?(?:,? \d{4})?)\.?")


def _dateline_line(line: str) -> str | None:
    """The city of a line that is a dateline and nothing else (a known city, with a date or its country or
    state, and at most an agency's name after them), or of the part of a line before a dash that is one.

    Examples
    --------
    >>> _dateline_line("Lima, Feb. 13."), _dateline_line("Bogota (Colombia), Dec. 4.")
    ('Lima', 'Bogota')
    >>> _dateline_line("Thursday, February 21, Warsaw – President Dalia Grybauskaite met with Polish President Andrzej")
    'Warsaw'
    >>> _dateline_line("Paris"), _dateline_line("Talks in Lima, Feb. 13")
    (None, None)
    """
    from .countries import country_code
    from .places import place_for

    line = line.strip()
    if len(line) > 60:  # "Thursday, February 21, Warsaw – President X met ...": the part before the dash
        head = re.split(r"\s[—–-]\s", line, maxsplit=1)[0]
        line = head if len(head) <= 60 else ""
    parts = [p for p in _LINE_PARTS.split(line.rstrip(".")) if p and p.strip(".")]
    if not 2 <= len(parts) <= 5:
        return None
    city, dated, other = None, False, 0
    for part in parts:
        part = part.strip(" .")
        if _DATE_PART.fullmatch(part):
            dated = True
        elif city is None and (found := place_for(part)) is not None and found.city and part[:1].isupper() and \
                len(part.split()) <= 3:
            city = found.city
        elif country_code(part) or part in ("DC", "D.C.") or part.isupper() and len(part) <= 10:
            dated = True  # its country or state ("Vienna, Austria"), or an agency ("(MONTSAME)")
        else:
            other += 1
    return city if city and dated and other <= 1 and not parts[-1].strip(" .") == "" else None


def find_dateline(body: str) -> tuple[str | None, str | None]:
    """Return (place, None) from a wire dateline at the start of the body, e.g. "WASHINGTON —".

    The place comes back in title case ("NEW DELHI" -> "New Delhi"). A month-day in the
    dateline is not resolved here (it needs the publication year); the second item is
    kept for a full date written in the dateline.

    Examples
    --------
    >>> find_dateline("MUNICH, Feb 16 (Wire) - The talks...")
    ('Munich', None)
    >>> find_dateline("NEW DELHI, March 3, 2023 — India and ...")
    ('New Delhi', '2023-03-03')
    >>> find_dateline("ABU DHABI, 13th February, 2024 (WAM) -- His Highness ...")
    ('Abu Dhabi', '2024-02-13')
    >>> find_dateline("FASANO (ITALY): Prime Minister Narendra Modi held ...")
    ('Fasano, Italy', None)
    >>> find_dateline("Abu Dhabi: Sheikh Abdullah received ...")
    ('Abu Dhabi', None)
    >>> find_dateline("Addis Ababa, December 20/2020(ENA) Prime Minister Abiy Ahmed today held ...")
    ('Addis Ababa', '2020-12-20')
    >>> find_dateline("MOSCOW, September 15. /TASS/. Foreign Minister Sergey Lavrov ...")
    ('Moscow', None)
    >>> find_dateline("Astana. July 4. KazTAG - President Tokayev ...")
    ('Astana', None)
    >>> find_dateline("Talks in Colombo\\n\\n©FAO\\n\\n20/02/2024\\n\\nColombo – On the sidelines of ...")
    ('Colombo', None)
    >>> find_dateline("RSS (KATHMANDU, 29 March 2022) – Foreign Affairs Minister Dr Narayan Khadka today held ...")
    ('Kathmandu', '2022-03-29')
    >>> find_dateline("Santo Domingo.- Defense Minister Carlos Luciano Díaz Morfa met this Tuesday with ...")
    ('Santo Domingo', None)
    >>> find_dateline("Manama, Mar.14 (BNA): Bahrain Defence Force Commander-in-Chief ...")
    ('Manama', None)
    >>> find_dateline("Kuala Lumpur - The Indonesian Ministry of Defense is committed ...")
    ('Kuala Lumpur', None)
    >>> find_dateline("Washington (Dec. 19/19). The Colombian Minister of Foreign Affairs ...")
    ('Washington', None)
    >>> find_dateline("DUSHANBE, 14.09.2023 (NIAT Khovar) – On September 14, ...")
    ('Dushanbe', '2023-09-14')
    >>> find_dateline("Ulaanbaatar, December 8 (MONTSAME) The second meeting of this group ...")
    ('Ulaanbaatar', None)
    >>> find_dateline("Putin - Biden summit ends early")
    (None, None)
    >>> find_dateline("The talks began.")
    (None, None)
    """
    m = None
    raw = body.split("\n", 3)[:3]
    filled = [x for x in body.split("\n", 12)[:12] if x.strip()]
    # the first three lines, then (a dateline after a headline, a credit and a date line) up to the fifth filled one
    lines = [(line, False) for line in raw] + [(line, True) for line in filled[len([x for x in raw if x.strip()]):5]]
    from .places import place_for

    for line, late in lines:
        line = line.strip()
        m = next((found for r in _DATELINES if (found := r.match(line))), None)
        if m and (late or m.re in _KNOWN_CITY_ONLY or
                  m.groupdict().get("dash") == ":" and not m.groupdict().get("paren")):
            # that late, "Colombo – ...", "Astana. July 4. KazTAG -" and "Abu Dhabi:" only with a city we know
            # ("EXTERNAL AFFAIRS MINISTER JAISHANKAR: Good morning" is a speaker)
            known = place_for(_titlecase_place(m.group("place").strip()))
            if known is None or not known.city:
                m = None
                if not late:
                    break
        if m:
            break
    if not m:
        # a dateline of its own line ("Lima, Feb. 13."), in the report's first lines
        return next((city for line in filled[:6] if (city := _dateline_line(line))), None), None
    place = m.group("place").strip()
    if len(place) < 3 or place in {"UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "FILE"}:
        return None, None
    when = m.groupdict().get("when")
    full = parse_date(when) if when else None
    place = _DATELINE_ALIASES.get(place.upper(), place)
    region = m.groupdict().get("paren") or m.groupdict().get("region")
    out = _titlecase_place(place)
    from .countries import country_code

    if region and place_for(out) is None and country_code(region.strip()):
        out += ", " + _titlecase_place(region.strip())  # "FASANO (ITALY):" -> "Fasano, Italy"
    return out, (full.isoformat() if full else None)


def _limited(items: Iterator[Document | Failure], src: str, seconds: float | None) -> Iterator[Document | Failure]:
    """Items of one file, each produced under the time limit; a slow one ends the file with a Failure."""
    while True:
        try:
            with time_limit(seconds, what="read"):
                item = next(items)
        except StopIteration:
            return
        except DocumentTimeout as err:
            yield Failure(src, f"{err}; the rest of this file was not read")
            return
        yield item


def _os_reason(path: Path, err: OSError) -> str:
    """Words for an OSError on `path`: a symlink loop or a broken link gets its own advice."""
    if err.errno == errno.ELOOP:
        return "is a symbolic link loop; remove the link or point it at a report"
    if path.is_symlink() and err.errno == errno.ENOENT:
        return f"is a broken symbolic link (its target {os.readlink(path)!r} does not exist); remove it or fix the target"
    return f"cannot be read ({err.strerror or err})"


def _one_line(text: str | None) -> str | None:
    """A title from metadata as one clean line (no controls, escapes or bidi overrides), or None."""
    if not text:
        return None
    return " ".join(_CONTROL.sub("", _ESCAPES.sub("", text)).split()) or None


def _name(path: str | os.PathLike) -> str:
    """A path as text every file and database can hold: bytes of a name that are not UTF-8
    (kept by Python as lone surrogates) become U+FFFD. The name labels the document; the file
    itself is always opened by its real path."""
    return os.fspath(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _target(link: Path) -> Path | None:
    """Where a file link finally points, or None for a loop or a broken link (read_path reports those)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return target


def _within(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies under it (both absolute)."""
    return path == folder or folder in path.parents


def report_files(root: str | os.PathLike, *, exclude: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """The files a walk of folder `root` takes up, sorted: those with a suffix read or refused.

    This is the one rule for which files of a folder are reports (``iter_sources`` reads
    them, ``graph.corpus`` hashes them to skip unchanged ones): suffixes in
    `TEXT_SUFFIXES`, or a document format we refuse (see `refused_reason`), never a
    hidden file or a gold file (``*.gold.json``), never a file under `exclude`.
    Symbolic links to folders are not followed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.pdf", ".hidden.txt", "x.gold.json", "img.png"):
    ...     _ = (root / name).write_text("x")
    >>> [p.name for p in report_files(root)]
    ['a.pdf', 'b.txt']
    """
    skip = [Path(os.path.abspath(p)) for p in exclude]
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in files:
            suffix = Path(name).suffix.lower()
            if (suffix in TEXT_SUFFIXES or suffix in _UNREAD_SUFFIXES) and not name.startswith(".") and \
                    not name.endswith(".gold.json"):
                file = Path(folder) / name
                if not skip or not any(_within(Path(os.path.abspath(file)), s) for s in skip):
                    found.append(file)
    found.sort()
    return found


def refused_reason(path: str | os.PathLike) -> str | None:
    """Why a file found in a folder is refused (a PDF, a Word document...), or None when it is read.

    Examples
    --------
    >>> refused_reason("a.txt") is None, refused_reason("a.PDF").startswith("is a PDF")
    (True, True)
    """
    return _UNREAD_SUFFIXES.get(Path(path).suffix.lower())


def _read_xml(path: Path, data: bytes) -> Iterator[Document | Failure]:
    """Office-of-the-Historian XML files become ready-made records; other XML is not a report."""
    try:
        from . import historyatstate
    except ImportError:  # pragma: no cover - the reader ships with the package
        return
    kind = historyatstate.is_historyatstate(path)
    if kind is None:
        if _HISTORIAN_ROOT.match(data[:8192]):  # ours by its root element, but not well-formed XML
            yield Failure(_name(path), f"is an Office of the Historian file that is not well-formed XML "
                          f"({_xml_error(data)}); fix or download it again. Its documents from the last build "
                          "are kept until it reads again")
        return
    try:
        for record in historyatstate.read_historyatstate(path):
            record["source"] = _name(record["source"])
            yield Document(source=record["source"], source_id=record.get("source_id") or path.stem,
                           text=record.get("text", ""), title=record.get("title"),
                           published=record.get("published"), record=record)
    except Exception as err:  # a malformed file must not stop the batch
        yield Failure(_name(path), f"is not a readable Office of the Historian file ({err}); fix or download it "
                      "again. Its documents from the last build are kept until it reads again")


def _main_text(html: str):
    """trafilatura's extraction of the page (None when it finds no text)."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, favor_precision=True, include_comments=False,
            include_tables=False, include_images=False, include_links=False, deduplicate=False,
        )
    except Exception as err:  # trafilatura raises many kinds on broken markup
        raise DecodeError(f"is HTML that could not be parsed ({type(err).__name__})") from err
    if extracted is None or not (extracted.text or "").strip():
        return None
    return extracted


def _xml_error(data: bytes) -> str:
    """The first XML syntax error in `data`, in lxml's words (line and column)."""
    from lxml import etree

    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as err:
        return str(err)
    except Exception as err:  # noqa: BLE001 - any reason is worth showing
        return type(err).__name__
    return "a syntax error"


def _from_html(src: str, stem: str, html: str, encoding: str) -> Document:
    """Main text and metadata of an HTML page, via trafilatura (no scripts, menus or share bars)."""
    # "&#x1b;" or a raw control character makes the parser give up: resolve, then drop them (and escape sequences)
    html = _CONTROL_REF.sub(lambda m: chr(int(m.group(1)[1:], 16) if m.group(1)[0] in "xX" else int(m.group(1))), html)
    html = _CONTROL.sub("", _ESCAPES.sub("", html))
    extracted = _main_text(html)
    if extracted is None and _DEEP_HTML.search(html):
        # nested deeper than the HTML parser's limit (about 256 levels): flatten the layout boxes and retry
        extracted = _main_text(_LAYOUT_TAG.sub("", html))
    if extracted is None:
        raise EmptyDocument("is an HTML page with no article text")
    title = (extracted.title or "").strip() or None
    text = extracted.text
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title:
            text = rest
    published = None
    if extracted.date:
        d = parse_date(extracted.date)
        published = d.isoformat() if d else None
    meta = {"url": extracted.url} if getattr(extracted, "url", None) else {}
    return document_from_text(text, source=src, source_id=stem, title=title, published=published,
                              encoding=encoding, meta=meta)


def _from_json(src: str, stem: str, text: str, encoding: str) -> Iterator[Document | Failure]:
    """A .json file holds one report object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DecodeError(f"is not valid JSON (line {err.lineno}: {err.msg})") from err
    except RecursionError as err:
        raise DecodeError(_TOO_DEEP) from err
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items, 1):
        label = f"{src}#{n}" if len(items) > 1 else src
        yield _from_object(item, label, stem if len(items) == 1 else f"{stem}-{n}", encoding)


def _from_jsonl(src: str, stem: str, text: str, encoding: str) -> Iterator[Document | Failure]:
    """A .jsonl file holds one report object per line; a broken line fails alone."""
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        label = f"{src}:{n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(label, f"line {n} is not valid JSON ({err.msg}); the other lines are read")
            continue
        except RecursionError:
            yield Failure(label, f"line {n} {_TOO_DEEP}; the other lines are read")
            continue
        yield _from_object(item, label, f"{stem}-{n}", encoding)


def _from_object(item: object, label: str, fallback_id: str, encoding: str) -> Document | Failure:
    """One JSON report object: its text field plus title, date, id and url metadata."""
    if not isinstance(item, dict):
        return Failure(label, "is not a JSON object with a text field")
    item, split = _mend_surrogates(item)
    text = next((item[k] for k in _TEXT_FIELDS if isinstance(item.get(k), str) and item[k].strip()), None)
    if text is None:
        return Failure(label, f"has no text; put the report in one of the fields {', '.join(_TEXT_FIELDS)}")
    title = _one_line(next((item[k] for k in _TITLE_FIELDS if isinstance(item.get(k), str) and item[k].strip()),
                           None))
    published = None
    for k in _DATE_FIELDS:
        if isinstance(item.get(k), str):
            d = parse_date(item[k])
            if d:
                published = d.isoformat()
                break
    rid = item.get("id")
    source_id = str(rid) if isinstance(rid, (str, int)) and str(rid).strip() else fallback_id
    # URLs and paths in the object are kept as metadata only: never opened.
    meta = {k: item[k] for k in _SOURCE_FIELDS if isinstance(item.get(k), str)}
    body = text
    if text.lstrip().startswith("<") and re.search(r"</(?:p|div|article|body|html)>", text, re.I):
        try:
            doc = _from_html(label, source_id, text, encoding)
        except SourceError as err:
            return Failure(label, str(err))
        doc.title = title or doc.title
        doc.published = published or doc.published
        doc.meta.update(meta)
        return doc
    try:
        doc = document_from_text(body, source=label, source_id=source_id, title=title, published=published,
                                 encoding=encoding, meta=meta)
    except SourceError as err:
        return Failure(label, str(err))
    if split:
        doc.warnings.append(split)
    return doc


def _mend_surrogates(item: dict) -> tuple[dict, str | None]:
    """Replace lone UTF-16 surrogates (``"\\ud800"``, half an emoji cut by a scraper) in the
    object's string fields with U+FFFD; return the object and a warning when any was found."""
    count = 0

    def mend(value: str) -> str:
        nonlocal count
        fixed, n = _SURROGATE.subn("\ufffd", value)
        count += n
        return fixed

    mended = {mend(k) if isinstance(k, str) else k: mend(v) if isinstance(v, str) else v for k, v in item.items()}
    if not count:
        return item, None
    return mended, f"{count} unpaired UTF-16 surrogate(s) (a character cut in half) were replaced with U+FFFD"


#: Words a line of prose can end on but a headline hardly does.
_CONTINUING_WORDS = frozenset({"the", "of", "and", "to", "for", "with", "a", "an", "in", "on", "at", "by", "from",
                               "as"})


def _wrapped(line: str, following: str) -> bool:
    """Whether `line` is the start of a hard-wrapped sentence that `following` (the very next line) goes on
    with: the next line opens in lower case, the line ends on a word prose runs on from ("of", "the"), or a
    line of prose with a comma ends on a capitalised word and the next opens with a name and its comma
    ("Brazil: From 7-9 March, US Trade Representative" / "Katherine Tai, visited Brasília, ...")."""
    if not following:
        return False
    last = line.split()[-1]
    if following[:1].islower() or last.lower() in _CONTINUING_WORDS:
        return True
    return ", " in line and last[:1].isupper() and \
        bool(re.match(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3},", following))


def _looks_like_headline(line: str) -> bool:
    """A headline is short and does not end like a sentence of prose."""
    words = line.split()
    if not (1 < len(words) <= 30) or len(line) > 220:
        return False
    if _DATELINE.match(line + " "):
        return False
    return not line.endswith((".", ":", ",")) or line.endswith(("U.S.", "U.K."))


def _mostly_date(line: str) -> bool:
    """True when a line is a date/time line rather than prose that mentions a date."""
    words = re.findall(r"[A-Za-z]+", line)
    stop = {"published", "updated", "posted", "last", "modified", "on", "at", "am", "pm", "a", "p", "m", "remarks",
            "mon", "tue", "wed", "thu", "fri", "sat", "sun", "release", "press", "readout", "statement", "uhr",
            "source", "time", "local",
            "jst", "gmt", "utc", "est", "edt", "cet", "cest", "bst", "ist", "kst", "cst", "pst", "pdt", "by", "date"}
    from .dates import MONTHS, WEEKDAYS

    other = [w for w in words if w.lower() not in stop and w.lower() not in MONTHS and w.lower() not in WEEKDAYS]
    return len(other) <= 3


def _titlecase_place(place: str) -> str:
    """'NEW DELHI' -> 'New Delhi'; keeps short particles lower-case ('RIO DE JANEIRO')."""
    small = {"de", "da", "do", "del", "la", "le", "of", "al", "el", "es"}
    parts = []
    for i, word in enumerate(place.split()):
        low = word.lower()
        parts.append(low if i and low in small else "-".join(p.capitalize() for p in low.split("-")))
    return " ".join(parts)
