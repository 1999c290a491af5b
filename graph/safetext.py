"""Text from documents made safe to show: in a terminal, a table, a spreadsheet or a page.

Document text is data written by strangers. Shown as it is, some characters act instead of
being read: terminal escape sequences retitle or clear a terminal, bidirectional controls
(U+202E RIGHT-TO-LEFT OVERRIDE) make "Headline \\u202egnp.exe" read "Headline exe.png", and
a spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula. This
module turns such text into text that can only be read: control and bidi characters are
shown as escapes (or removed where the text is data), and formula cells are prefixed with
an apostrophe, as OWASP recommends for CSV injection.

It handles characters only; markup escaping (HTML, rich) stays with the code that renders.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BIDI_CONTROLS", "FORMULA_STARTS", "has_controls", "show_controls", "strip_bidi", "spreadsheet_cell",
           "mend_surrogates"]

#: The Unicode bidirectional formatting characters: marks, embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: First characters that make a spreadsheet treat a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def has_controls(text: str) -> bool:
    """Whether `text` holds a character `show_controls` would escape.

    Examples
    --------
    >>> has_controls("Antony Blinken"), has_controls("a\\x1b[2J"), has_controls("exe\\u202e")
    (False, True, True)
    """
    return any(_acts(ch) for ch in text)


def show_controls(text: str, *, keep_newlines: bool = False) -> str:
    """Return `text` with control, bidi and lone-surrogate characters shown as escapes.

    For a terminal, a table cell or a citation: ESC becomes the four characters
    ``\\x1b``, U+202E becomes ``\\u202e``, so nothing in the text can move the cursor,
    retitle the terminal or reverse what follows. Printable text is unchanged.

    Parameters
    ----------
    text : any string (a non-string is turned into one).
    keep_newlines : leave ``\\n`` as a line break (for multi-line output).

    Examples
    --------
    >>> show_controls("report\\x1b]0;PWNED\\x07.txt")
    'report\\\\x1b]0;PWNED\\\\x07.txt'
    >>> show_controls("Headline \\u202egnp.exe")
    'Headline \\\\u202egnp.exe'
    >>> show_controls("José Álvarez")
    'José Álvarez'
    """
    text = text if isinstance(text, str) else str(text)
    if not has_controls(text):
        return text
    return "".join(_escape(ch) if _acts(ch) and not (keep_newlines and ch == "\n") else ch for ch in text)


def strip_bidi(text: str) -> str:
    """Return `text` without bidirectional formatting characters (for data: exports, ids).

    Examples
    --------
    >>> strip_bidi("Headline \\u202egnp.exe")
    'Headline gnp.exe'
    """
    return _BIDI.sub("", text)


def spreadsheet_cell(value: object) -> object:
    """Return a CSV cell value a spreadsheet will show and never run as a formula.

    Text that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line
    feed (or their full-width forms) gets a leading apostrophe, which spreadsheets
    show as text and do not evaluate. Numbers, and text that is only a number ("-3.5"),
    are left alone so that they stay numbers. Bidi controls are removed.

    Examples
    --------
    >>> spreadsheet_cell('=HYPERLINK("http://evil.example","Click")')
    '\\'=HYPERLINK("http://evil.example","Click")'
    >>> spreadsheet_cell("@SUM(A1)"), spreadsheet_cell("-3.5"), spreadsheet_cell(-2), spreadsheet_cell("Lima")
    ("'@SUM(A1)", '-3.5', -2, 'Lima')
    """
    if not isinstance(value, str):
        return value
    value = strip_bidi(value)
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def mend_surrogates(value: object) -> object:
    """Return `value` with lone UTF-16 surrogates in every string (nested too) replaced by U+FFFD.

    A scraper that cuts an emoji in half leaves ``"\\ud83d"`` in JSON; Python reads it, but
    no file can hold it as UTF-8, so a page or a file written from it would fail. Lists,
    tuples and dicts are copied only when something changed.

    Examples
    --------
    >>> mend_surrogates({"name": "Ana\\ud800", "tags": ["ok", "x\\udc00"]})
    {'name': 'Ana�', 'tags': ['ok', 'x�']}
    >>> r = {"name": "Ana"}; mend_surrogates(r) is r
    True
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        items = {mend_surrogates(k): mend_surrogates(v) for k, v in value.items()}
        same = all(a is b for a, b in zip(items.values(), value.values())) and list(items) == list(value)
        return value if same else items
    if isinstance(value, (list, tuple)):
        items = [mend_surrogates(v) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else type(value)(items)
    return value


def _acts(ch: str) -> bool:
    """Whether a character acts on a display instead of being shown (controls, bidi, surrogates)."""
    if ch in BIDI_CONTROLS:
        return True
    cat = unicodedata.category(ch)
    return cat == "Cs" or (cat == "Cc" and ch != "\t")


def _escape(ch: str) -> str:
    """A Python-style escape for one character."""
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
