"""User data files read over the bundled ones: how the table loaders name and cache them.

Every table (actors, topics, countries, places, titles) can be extended with the user's
own CSV files. A loader caches what it read on the files' identity, so loading twice is
free and an edited file is read again. This module gives that identity and the error for
a file that cannot be read; the tables themselves parse their own columns.
"""

from __future__ import annotations

import csv
import os
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ResourceFileError

__all__ = ["file_keys", "read_table_texts", "csv_rows"]


def file_keys(paths: Iterable[str | os.PathLike], *, what: str, columns: Iterable[str] = (),
              error: type[ResourceFileError] = ResourceFileError) -> tuple[tuple[str, int, int], ...]:
    """Return (resolved path, mtime in ns, size) for each file: a cache key that changes when a file does.

    Parameters
    ----------
    paths : the user's files, in order of precedence.
    what : what the files hold, for the message ("actor", "topic", "country").
    columns : the columns a file needs, named in the message.
    error : the error class to raise (a ``ResourceFileError``).

    Raises
    ------
    ResourceFileError (or `error`)
        If a file cannot be read; the message names it and says what it should be.

    Examples
    --------
    >>> file_keys([], what="topic")
    ()
    >>> file_keys(["/no/such.csv"], what="topic", columns=["label", "aliases"])
    Traceback (most recent call last):
    ...
    extract.errors.ResourceFileError: Cannot read topic file '/no/such.csv': No such file or directory. Check the path; it should be a UTF-8 CSV with the columns label,aliases.
    """
    keys = []
    for raw in paths:
        path = Path(raw)
        try:
            stat = path.stat()
        except OSError as err:
            cols = ",".join(columns)
            raise error(f"Cannot read {what} file '{path}': {err.strerror or err}. Check the path"
                        + (f"; it should be a UTF-8 CSV with the columns {cols}." if cols else ".")) from err
        keys.append((str(path.resolve()), stat.st_mtime_ns, stat.st_size))
    return tuple(keys)


def read_table_texts(bundled: str | None, keys: Iterable[tuple[str, int, int]], *, what: str,
                     error: type[ResourceFileError] = ResourceFileError) -> list[tuple[str, str]]:
    """Return (label, text) for the bundled file (when named) and each user file, in order.

    Parameters
    ----------
    bundled : the bundled file's name under ``extract/resources`` (None: users' files only).
    keys : ``file_keys`` of the user's files.
    what : what the files hold, for messages ("actor", "topic").
    error : the error class to raise.

    Raises
    ------
    ResourceFileError (or `error`)
        If a user file is not UTF-8 or cannot be read.

    Examples
    --------
    >>> [label for label, _ in read_table_texts("topics.csv", (), what="topic")]
    ['bundled topics.csv']
    """
    sources = []
    if bundled:
        text = (resources.files("extract") / "resources" / bundled).read_text(encoding="utf-8")
        sources.append((f"bundled {bundled}", text))
    for path, *_ in keys:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as err:
            raise error(f"{what.capitalize()} file '{path}' is not UTF-8 text (byte {err.start}). "
                        "Save it as UTF-8 CSV.") from err
        except OSError as err:
            raise error(f"Cannot read {what} file '{path}': {err}.") from err
        sources.append((path, text))
    return sources


def csv_rows(text: str, label: str, columns: Iterable[str], *, what: str,
             error: type[ResourceFileError] = ResourceFileError) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each non-blank row of a table CSV, values stripped.

    Raises
    ------
    ResourceFileError (or `error`)
        If the header lacks a column, or the CSV is malformed; the message names file and line.

    Examples
    --------
    >>> list(csv_rows("label,category\\nTrade,economy\\n\\n", "t.csv", ["label", "category"], what="topic"))
    [(2, {'label': 'Trade', 'category': 'economy'})]
    """
    columns = list(columns)
    reader = csv.DictReader(text.splitlines(), strict=True)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in columns if c not in header]
    if missing:
        raise error(f"{what.capitalize()} file '{label}', line 1: missing column(s) {', '.join(missing)} "
                    f"in header {','.join(header) or '(empty)'}. The header must name the columns "
                    f"{','.join(columns)}.")
    try:
        for row in reader:
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
            if any(row.values()):
                yield reader.line_num, row
    except csv.Error as err:
        raise error(f"{what.capitalize()} file '{label}', line {reader.line_num}: {err}. Quote values that "
                    "contain commas and close every quote.") from err
