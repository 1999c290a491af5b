"""Writing an output file atomically: to a temporary file beside it, renamed into place when complete.

Every file diplograph writes (records, GraphML, the view, the cache, warnings) goes through
`atomic_output`, or `atomic_outputs` for several that must change together, so a failed or
interrupted write never leaves a half-written file in place of a good one. It lives apart from
``graph.export`` so that a build that writes no graph file does not import networkx.

What it does not do: lock a file against another writer (the record store's lock does).
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from graph.errors import GraphFileError

__all__ = ["atomic_output", "atomic_outputs"]


@contextmanager
def atomic_outputs(paths: Iterable[str | Path]) -> Iterator[list[str]]:
    """Yield temporary paths for several outputs; rename them all into place only if the body succeeds.

    A build writes its records, graph and view together: when any of them fails (a full
    disk, an error), none of the earlier files is replaced, so they never disagree.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_outputs([d / "a.txt", d / "b.txt"]) as (a, b):
    ...     _ = pathlib.Path(a).write_text("A"), pathlib.Path(b).write_text("B")
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt', 'b.txt']
    """
    with ExitStack() as stack:  # on an error every temporary file is removed; on success all are renamed
        yield [stack.enter_context(atomic_output(p)) for p in paths]


@contextmanager
def atomic_output(path: str | Path) -> Iterator[str]:
    """Yield a temporary path next to `path`; rename it onto `path` only if the body succeeds.

    Every output the package writes goes through here: a failed or interrupted write never
    leaves a half-written file in place of a good one, and the file gets the usual
    permissions (0666 less the umask), not the temporary file's 0600.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as err:
        raise _write_error(target, err, "Check the folder exists and is writable.") from err
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; outputs get the usual permissions
        os.replace(tmp, target)
    except OSError as err:
        if getattr(err, "path", tmp) != tmp:  # another output's error, already worded: pass it on
            raise
        raise _write_error(target, err, "Any earlier file there is unchanged.") from err
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write_error(target: Path, err: OSError, advice: str) -> GraphFileError:
    """One "Cannot write FILE: cause. advice" error, however many atomic writes were nested.

    A writer that itself writes atomically into our temporary file fails with a
    GraphFileError already; its cause is kept, not its whole message, so a full disk
    reads "Cannot write 'graph.graphml': No space left on device" once.
    """
    cause = getattr(err, "cause", None) or err.strerror or str(err)
    if err.errno in (errno.ENOTDIR, errno.EEXIST) and any(p.exists() and not p.is_dir() for p in target.parents):
        advice = "A file is in the way of one of its folders; choose another path or move that file."
    new = GraphFileError(f"Cannot write {str(target)!r}: {cause}. {advice}")
    new.cause, new.path = cause, str(target)
    return new
