"""The Doc attributes our components set (``doc._.dg_*``), registered once on import.

Every component module imports this, so a pipeline loaded with plain ``spacy.load(saved_dir)``
(through the entry points in pyproject.toml) has them before a component runs.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["DOC_ATTRIBUTES"]

#: name -> default of each Doc extension our pipeline uses.
DOC_ATTRIBUTES = {"dg_anchor": None, "dg_dateline": None, "dg_officials": None, "dg_mention_of": None,
                  "dg_meetings": None, "dg_planned": None, "dg_rules_fired": None, "dg_warnings": None}

for _name, _default in DOC_ATTRIBUTES.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
