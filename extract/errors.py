"""Errors raised by the extractor.

Every error names the value that caused it and says what to do next. Each class also
inherits the builtin it resembles, so callers that only know ``ValueError`` or
``OSError`` still catch it.
"""

__all__ = [
    "ExtractError",
    "SourceError",
    "UnsupportedSource",
    "DecodeError",
    "EmptyDocument",
    "DocumentTooLarge",
    "ActorFileError",
    "TopicFileError",
    "ResourceFileError",
    "ModelNotFound",
    "GoldFileError",
    "PatternFileError",
    "UnknownCountry",
    "UnknownTitle",
]


class ExtractError(Exception):
    """Base class of every error the extractor raises on purpose."""


class SourceError(ExtractError, OSError):
    """A document could not be read: missing, unreadable, or not a file we handle."""


class UnsupportedSource(SourceError):
    """The file is of a kind the extractor does not read (an image, an archive...)."""


class DecodeError(SourceError, ValueError):
    """The bytes are not text in any encoding we could detect."""


class EmptyDocument(SourceError, ValueError):
    """The document holds no text once decoded and cleaned."""


class DocumentTooLarge(SourceError, ValueError):
    """The document is over the size limit the user set (or the default)."""


class ResourceFileError(ExtractError, ValueError):
    """A data file (actor dictionary, topic table, gazetteer) is malformed."""


class PatternFileError(ResourceFileError):
    """A line of a rule pattern file (extract/resources/patterns/*.jsonl) is malformed."""


class ActorFileError(ResourceFileError):
    """A row of an actor dictionary file is malformed."""


class TopicFileError(ResourceFileError):
    """A row of a topic table file is malformed."""


class ModelNotFound(ExtractError, LookupError):
    """The spaCy model the user asked for is not installed."""


class GoldFileError(ExtractError, ValueError):
    """A gold annotation file is malformed."""


class UnknownCountry(ExtractError, LookupError):
    """A country code is not in the country table."""


class UnknownTitle(ExtractError, LookupError):
    """A title is not in the titles table."""
