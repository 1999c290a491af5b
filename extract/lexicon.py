"""Word lists as data: one loader for the lexicon files under ``extract/resources/``.

A lexicon file is a JSON object whose keys name word lists (``"vague_heads": ["need", ...]``);
a key starting with ``_`` is documentation (``"_about"``). Every list holds non-empty strings,
each once. The loader checks that and names the file, the list and the value of a mistake, so a
typo in a word list fails at load time instead of silently never matching.

This module only loads and validates; the components decide what a list means.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import ResourceFileError

__all__ = ["load_lexicon", "LexiconFileError"]


class LexiconFileError(ResourceFileError):
    """A lexicon file is not a JSON object of word lists."""


@lru_cache(maxsize=16)
def load_lexicon(name: str, path: str | None = None) -> dict[str, frozenset[str]]:
    """Load the bundled lexicon `name` (``extract/resources/<name>.json``), or the file at `path`.

    Raises
    ------
    LexiconFileError
        For a file that is not JSON, not an object, or has a list with a non-string, empty or
        repeated value; the message names the file, the line, the list and the value.

    Examples
    --------
    >>> "wishes" in load_lexicon("topic_words")["courtesy_heads"]
    True
    """
    where = path or f"extract/resources/{name}.json"
    try:
        text = Path(path).read_text(encoding="utf-8") if path else \
            resources.files("extract").joinpath(f"resources/{name}.json").read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as err:
        raise LexiconFileError(f"{where}: not a readable JSON lexicon ({err})") from err
    if not isinstance(data, dict):
        raise LexiconFileError(f"{where}: a lexicon is a JSON object of word lists")
    out: dict[str, frozenset[str]] = {}
    for key, words in data.items():
        if key.startswith("_"):
            continue
        if not isinstance(words, list):
            raise LexiconFileError(f"{where}: {key!r} is not a list of words")
        seen: set[str] = set()
        for n, word in enumerate(words):
            if not isinstance(word, str) or not word.strip():
                raise LexiconFileError(f"{where}, line {_line_of(text, key, n)}: {key!r}, item {n}: {word!r} "
                                       "is not a word")
            if word in seen:
                raise LexiconFileError(f"{where}, line {_line_of(text, key, n)}: {key!r}, item {n}: {word!r} "
                                       "is listed twice")
            seen.add(word)
        out[key] = frozenset(words)
    return out


def _line_of(text: str, key: str, n: int) -> int | str:
    """The line of item `n` of list `key` in the JSON `text` ("?" when it cannot be told)."""
    import re

    match = re.search(re.escape(json.dumps(key)) + r"\s*:\s*\[", text)
    if match is None:
        return "?"
    decoder, pos = json.JSONDecoder(), match.end()
    try:
        for i in range(n + 1):
            while text[pos] in " \t\r\n,":
                pos += 1
            if i == n:
                return text.count("\n", 0, pos) + 1
            _, pos = decoder.raw_decode(text, pos)
    except (ValueError, IndexError):
        return "?"
    return "?"
