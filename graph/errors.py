"""Errors raised by the graph package.

Every error names the value that caused it and says what to do next. Each class also
inherits the builtin it resembles, so callers that only know ``LookupError``,
``ValueError`` or ``OSError`` still catch it.
"""

from __future__ import annotations

__all__ = [
    "GraphError",
    "UnknownName",
    "UnknownPerson",
    "AmbiguousName",
    "UnknownNode",
    "UnknownTopic",
    "UnknownCountry",
    "BadQuery",
    "GraphFileError",
    "ExportFormatError",
    "ViewOptionError",
    "StoreError",
    "StoreLocked",
    "MissingInput",
    "CorrectionsFileError",
]


class GraphError(Exception):
    """Base class of every error the graph package raises on purpose."""


class UnknownName(GraphError, LookupError):
    """A name given to a query matches nothing in the graph.

    ``closest`` holds the labels nearest to the name, best first, so that a caller (the
    command line, a notebook) can offer them.
    """

    def __init__(self, message: str, *, name: str = "", closest: list[str] | None = None):
        super().__init__(message)
        self.name = name
        self.closest = list(closest or [])


class UnknownPerson(UnknownName):
    """No person node matches the name."""


class AmbiguousName(UnknownName):
    """The name matches several people; ``closest`` lists them."""


class UnknownNode(UnknownName):
    """No node has this id or label."""


class UnknownTopic(UnknownName):
    """No topic node matches the label."""


class UnknownCountry(UnknownName):
    """The value is neither a country code in the graph nor a country name."""


class BadQuery(GraphError, ValueError):
    """A query option has a value we cannot use (a malformed date, an unknown kind)."""


class GraphFileError(GraphError, OSError):
    """A graph file could not be read or written (missing, not GraphML, not ours)."""


class ExportFormatError(GraphError, ValueError):
    """The export format is not one we write."""


class ViewOptionError(GraphError, ValueError):
    """An option given to a view is not one we understand (view name, kind, date, size)."""


class StoreError(GraphError, OSError):
    """The record store cannot be opened, read or written."""


class StoreLocked(StoreError):
    """Another process holds the store's build lock."""


class MissingInput(GraphError, FileNotFoundError):
    """A build's input paths do not exist, or hold no report."""


class CorrectionsFileError(GraphError, ValueError):
    """A corrections file (same/different pairs of people) is missing or malformed."""
