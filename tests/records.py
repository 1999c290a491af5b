"""Short views of an extraction record for assertions: who met whom, and each person's title and country."""

from __future__ import annotations


def pairs(rec: dict) -> list[list[str]]:
    """The participants of each held meeting, names sorted, meetings sorted.

    >>> pairs({"meetings": [{"participants": [{"name": "B"}, {"name": "A"}]}]})
    [['A', 'B']]
    """
    return sorted(sorted(p["name"] for p in m["participants"]) for m in rec["meetings"])


def people(rec: dict) -> dict[str, tuple]:
    """Each participant's (title, country) by name, over every held meeting.

    >>> people({"meetings": [{"participants": [{"name": "A", "title": "President", "country": "FRA"}]}]})
    {'A': ('President', 'FRA')}
    """
    return {p["name"]: (p.get("title"), p.get("country")) for m in rec["meetings"] for p in m["participants"]}
