"""User data files read over the bundled ones: how the table loaders name and cache them.

Every table (actors, topics, countries, places, titles) can be extended with the user's
own CSV files. A loader caches what it read on the files' identity, so loading twice is
free and an edited file is read again. This module gives that identity and the error for
a file that cannot be read; the tables themselves parse their own columns.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from .errors import ResourceFileError

__all__ = ["file_keys"]


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
