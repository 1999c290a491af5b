"""Keeping one document's surprise from losing the batch: a guard for our spaCy components.

A component that raises on some unforeseen text leaves its findings out of that
document and says so in ``doc._.dg_warnings`` (copied into the record's ``warnings``);
the other components and documents go on. Interruptions by the time limit are not
exceptions of this kind (they derive from ``BaseException``) and pass through.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

__all__ = ["guarded"]

if not Doc.has_extension("dg_warnings"):
    Doc.set_extension("dg_warnings", default=None)


def guarded(call):
    """Wrap a component's ``__call__`` so an exception becomes a warning on the Doc.

    Examples
    --------
    >>> import spacy
    >>> class Broken:
    ...     name = "broken"
    ...     @guarded
    ...     def __call__(self, doc):
    ...         raise ValueError("boom")
    >>> doc = Broken()(spacy.blank("en")("text"))
    >>> doc._.dg_warnings
    ['broken failed on this document (ValueError: boom); its findings are left out']
    """

    @functools.wraps(call)
    def wrapper(self, doc: Doc) -> Doc:
        try:
            return call(self, doc)
        except Exception as err:  # noqa: BLE001 - reported in the record, never silent
            doc._.dg_warnings = (doc._.dg_warnings or []) + [
                f"{self.name} failed on this document ({type(err).__name__}: {err}); its findings are left out"]
            return doc

    return wrapper
