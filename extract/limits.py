"""Input limits: how big a document may be and how long one document may take.

Three limits keep one document from stalling or exhausting a batch: the largest file
read (``DEFAULT_MAX_BYTES``, enforced in ``extract.sources``), the longest text given to
the pipeline (``DEFAULT_MAX_CHARS``, enforced in ``extract.record``) and the longest time
spent on one document (``DEFAULT_TIMEOUT``), enforced here by ``time_limit``. A document
over a limit is reported as a failure naming the file and skipped; the batch goes on.

How the time limit works, and where it does not: spaCy cannot be interrupted from
outside, so ``time_limit`` arms a POSIX interval timer (``SIGALRM``) whose handler raises
``DocumentTimeout`` in the code that is running. That works in the main thread of a
process on Unix: single-process runs, and the worker processes of ``--workers N`` (each
runs its tasks in its own main thread and inherits the limit when forked). It cannot
work in a thread other than the main one (Dask workers run tasks in threads), nor on
Windows: there ``time_limit`` enforces nothing and says so by yielding False. A
document stuck inside C code that never returns to Python is stopped only when that
code returns. The interruption is a ``BaseException`` (like ``KeyboardInterrupt``) and
repeats every half second until the block ends, so code that catches ``Exception``
cannot swallow it; but like any asynchronous interruption it may leave half-built
caches behind in the code it stops. Not here: the size checks themselves.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from .errors import ExtractError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_TIMEOUT",
    "DocumentTimeout",
    "time_limit",
    "can_time_limit",
    "default_timeout",
    "timeout_default",
    "timeout_message",
]

DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_CHARS = 300_000
DEFAULT_TIMEOUT = 60.0
_REPEAT = 0.5
_state = {"timeout": DEFAULT_TIMEOUT}


class DocumentTimeout(ExtractError, TimeoutError):
    """One document took longer than the time limit (``--timeout``)."""


class _Interrupt(BaseException):
    """Raised by the timer inside the limited code; a BaseException so ``except Exception`` cannot swallow it."""


def can_time_limit() -> bool:
    """Whether ``time_limit`` can interrupt code here (Unix, main thread).

    Examples
    --------
    >>> can_time_limit()  # doctests run in the main thread on Linux
    True
    """
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def default_timeout() -> float | None:
    """The time limit per document used when a caller passes none (seconds; None: no limit).

    It is ``DEFAULT_TIMEOUT`` unless a ``timeout_default`` block (which the command line's
    ``--timeout`` opens) says otherwise.

    Examples
    --------
    >>> default_timeout()
    60.0
    >>> with timeout_default(5):
    ...     default_timeout()
    5.0
    """
    return _state["timeout"]


@contextmanager
def timeout_default(seconds: float | None) -> Iterator[None]:
    """Set the per-document time limit that library calls use by default, inside the block.

    Parameters
    ----------
    seconds : the limit; 0 or None means no limit.

    Examples
    --------
    >>> with timeout_default(0):
    ...     default_timeout() is None
    True
    """
    previous = _state["timeout"]
    _state["timeout"] = float(seconds) if seconds else None
    try:
        yield
    finally:
        _state["timeout"] = previous


def timeout_message(seconds: float, what: str = "extract") -> str:
    """The failure reason for a document over the time limit.

    Examples
    --------
    >>> timeout_message(2.5)
    'took longer than 2.5 s to extract and was skipped; raise the limit with --timeout SECONDS (0: no limit)'
    """
    return f"took longer than {seconds:g} s to {what} and was skipped; raise the limit with --timeout SECONDS (0: no limit)"


@contextmanager
def time_limit(seconds: float | None, *, what: str = "extract") -> Iterator[bool]:
    """Raise ``DocumentTimeout`` in the block if it runs longer than `seconds`.

    Yields True when the limit is enforced, False when it cannot be (no `seconds`, not
    the main thread, no ``setitimer``): the block then runs without a limit. An outer
    timer (from the caller or an enclosing ``time_limit``) is put back afterwards with
    the time it has left.

    Parameters
    ----------
    seconds : the limit; 0 or None means none.
    what : the verb for the message ("extract", "read").

    Raises
    ------
    DocumentTimeout
        When the block runs over the limit.

    Examples
    --------
    >>> with time_limit(5) as enforced:
    ...     enforced
    True
    >>> with time_limit(0.05):
    ...     time.sleep(2)
    Traceback (most recent call last):
    ...
    extract.limits.DocumentTimeout: took longer than 0.05 s to extract and was skipped; raise the limit with --timeout SECONDS (0: no limit)
    """
    if not seconds or not can_time_limit():
        yield False
        return
    armed = [True]

    def on_alarm(signum, frame):
        if armed[0]:
            raise _Interrupt()

    start = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    # the timer repeats: if code under the limit swallows the interruption, it comes again
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield True
    except _Interrupt:
        raise DocumentTimeout(timeout_message(seconds, what)) from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:
            left = old_delay - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), old_interval)
