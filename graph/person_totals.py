"""A person's totals: what their node and represents edges are made of, kept so a change can adjust them.

``graph.build`` makes a person's meeting count, first and last dates, offices, title and
represents edges from every meeting they took part in and every official mention naming
them. An incremental update (``graph.incremental``) keeps, per person, counts of those
inputs (`empty`): adding or removing a meeting or a document adjusts the counts
(`add_meeting`, `add_official`), and `apply` hands the builder what its own pass over every
meeting and document would have handed it, so a busy person's thousands of meetings are not
read again for one new meeting.

A busy person's totals hold thousands of entries. What `apply` needs of them (per country the
first and last dates and the titles of the latest titled date; the first and last dates of their
meetings) is kept beside the counts, under ``s`` (`summary`): an entry counted for the first time
updates it in place, and only an entry counted out entirely drops it, to be made again from the
counts when next needed. So one new meeting does not scan a busy person's entries.

What counts cannot tell is order: which of two titles on the latest date the builder keeps,
or the first office of someone whose titled meetings are all undated. `apply` declines
those (it returns False) and the update reads that person's meetings and documents, as
before. Counts are plain values (dicts with tuple keys), stored as they are in the cache.
"""

from __future__ import annotations

__all__ = ["empty", "add_meeting", "add_official", "from_builder", "roles_of", "apply", "copy", "summary"]


def empty() -> dict:
    """Totals of a person with no meeting and no mention.

    Keys: ``n`` meetings; ``m`` (date, title, country) -> meetings held on that date in that
    office ("" for none); ``ro`` (country, date, title) -> official mentions that tie them to a
    country (the documents' publication dates); ``first`` (doc_id, title) of the first official
    mention giving them a title, in corpus order, or None.

    Examples
    --------
    >>> t = empty()
    >>> add_meeting(t, "2024-01-12", "Foreign Minister", "JPN", 1)
    >>> t["n"], t["m"]
    (1, {('2024-01-12', 'Foreign Minister', 'JPN'): 1})
    """
    return {"n": 0, "m": {}, "ro": {}, "first": None}


def copy(totals: dict) -> dict:
    """A copy of `totals` that can be adjusted without changing them."""
    out = {"n": totals["n"], "m": dict(totals["m"]), "ro": dict(totals["ro"]), "first": totals["first"]}
    kept = totals.get("s")
    if kept is not None:
        out["s"] = dict(kept, c={code: [*entry[:3], set(entry[3]), set(entry[4])] for code, entry in kept["c"].items()})
    return out


def add_meeting(totals: dict, date: str, title: str, country: str, k: int) -> None:
    """Count (`k` = 1) or uncount (`k` = -1) one meeting held on `date` as `title` of `country`
    (the builder's ``note_meeting`` arguments)."""
    totals["n"] += k
    key = (date or "", title or "", country or "")
    if not _bump(totals["m"], key, k):
        totals.pop("s", None)  # an entry gone: its summary is made again when needed
    elif k > 0 and "s" in totals:
        _note_meeting(totals["s"], *key)


def add_official(totals: dict, published: str, official: dict, k: int) -> None:
    """Count or uncount one official mention (a normalised document's ``officials`` entry) of the
    person in a document published on `published` (its represents edge; not ``first``)."""
    if official["country"] and not official.get("weak"):
        key = (official["country"], published or "", official["title"] or "")
        if not _bump(totals["ro"], key, k):
            totals.pop("s", None)
        elif k > 0 and "s" in totals:
            _note_mention(totals["s"], *key)


def summary(totals: dict) -> dict:
    """What `apply` needs of a person's entries, made from their counts: ``c`` country -> [first date,
    last date, latest titled date, its titles by meetings, by mentions]; ``u`` / ``t`` whether an
    undated / a dated meeting has a title; ``lo`` / ``hi`` the first and last dates of their
    meetings (None without any). It depends only on which entries are counted, not how often.

    Examples
    --------
    >>> t = empty()
    >>> add_meeting(t, "2024-01-12", "Foreign Minister", "JPN", 1)
    >>> s = summary(t)
    >>> s["c"], s["lo"], s["hi"]
    ({'JPN': ['2024-01-12', '2024-01-12', '2024-01-12', {'Foreign Minister'}, set()]}, '2024-01-12', '2024-01-12')
    """
    out = {"c": {}, "u": False, "t": False, "lo": None, "hi": None}
    for date, title, country in totals["m"]:
        _note_meeting(out, date, title, country)
    for country, date, title in totals["ro"]:
        _note_mention(out, country, date, title)
    return out


def from_builder(offices: dict, pids: set, docs: list, doc_offs: dict, *, pack=None) -> dict:
    """The totals of each of `pids` from what a builder noted over every meeting of theirs
    (`offices`: its ``offices``, pid -> (date, title, country) per meeting) and from every
    document naming them (`docs`, normalised or their officials, in corpus order; `doc_offs`
    gives the person each official mention names). With `pack`, each person's totals are
    returned as ``pack(totals)``, made one person at a time (a full build counts every person).

    Examples
    --------
    >>> doc = {"doc_id": "d1", "published": "2024-01-13",
    ...        "officials": [{"name": "A", "title": "Foreign Minister", "country": "JPN"}]}
    >>> t = from_builder({"p": [("2024-01-12", "", "JPN")]}, {"p"}, [doc], {"d1": ("p",)})["p"]
    >>> t["n"], t["first"], sorted(t["ro"])
    (1, ('d1', 'Foreign Minister'), [('JPN', '2024-01-13', 'Foreign Minister')])
    """
    named: dict = {}  # pid -> (ro, first), from the documents
    for doc in docs:
        offs = doc_offs[doc["doc_id"]]
        for o, pid in zip(doc["officials"], offs):
            if pid in pids:
                found = named.get(pid)
                if found is None:
                    found = named[pid] = {"n": 0, "m": {}, "ro": {}, "first": None}
                add_official(found, doc["published"], o, 1)
                if o["title"] and found["first"] is None:
                    found["first"] = (doc["doc_id"], o["title"])
    out = {}
    for pid in pids:
        totals = named.pop(pid, None) or empty()
        for date, title, country in offices.get(pid, ()):
            add_meeting(totals, date, title, country, 1)
        totals["s"] = summary(totals)  # kept with them: an update reads it rather than every entry
        out[pid] = totals if pack is None else pack(totals)
    return out


def roles_of(totals: dict) -> dict | None:
    """What `apply` gives the builder's ``roles`` for the person (country -> a few (date, title)
    entries), or None when the totals cannot tell what the builder would make of them (see the
    module): then `apply` declines.

    Examples
    --------
    >>> t = empty()
    >>> add_meeting(t, "", "Foreign Minister", "JPN", 1)
    >>> roles_of(t) is None  # the office of someone whose titled meetings are all undated: in meeting order
    True
    >>> add_meeting(t, "2024-01-12", "Foreign Minister", "JPN", 1)
    >>> roles_of(t)
    {'JPN': [('2024-01-12', ''), ('2024-01-12', 'Foreign Minister')]}
    """
    return _roles(totals)


def apply(totals: dict, builder, pid: str, *, roles: dict | None = None) -> bool:
    """Give `builder` (``graph.build._Builder``, after its ``_officials``) what every meeting and
    document of `pid` would have told it: their node's count, dates and first official title,
    and the offices and roles its ``_represents`` turns into the rest. False, with nothing
    changed, when the totals cannot tell what the builder would choose (see the module).
    The builder's ``roles`` must hold none of `pid`'s entries (the caller drops them, once for
    every person: they are keyed by person and country). `roles`: `roles_of` of the totals, when
    the caller has it.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> t = empty()
    >>> add_meeting(t, "2024-01-12", "Foreign Minister", "JPN", 1)
    >>> add_meeting(t, "2024-03-01", "", "JPN", 1)
    >>> b = SimpleNamespace(g=SimpleNamespace(_node={"p": {}}), roles={}, offices={})
    >>> apply(t, b, "p"), b.g._node["p"]["n_meetings"], b.roles
    (True, 2, {('p', 'JPN'): [('2024-01-12', ''), ('2024-03-01', ''), ('2024-01-12', 'Foreign Minister')]})
    >>> add_meeting(t, "2024-01-12", "Prime Minister", "JPN", 1)
    >>> apply(t, b, "p")
    False
    """
    roles = _roles(totals) if roles is None else roles
    if roles is None:
        return False
    node = builder.g._node[pid]
    kept = _summary_of(totals)
    node["n_meetings"] = totals["n"]
    node["first"], node["last"] = (kept["lo"], kept["hi"]) if kept["lo"] is not None else ("", "")
    node["title"] = totals["first"][1] if totals["first"] else ""
    for country, entries in roles.items():
        builder.roles[(pid, country)] = entries
    builder.offices[pid] = sorted(k for k in totals["m"] if k[0] and k[1])
    return True


def _roles(totals: dict) -> dict | None:
    """country -> the few role entries (date, title) from which the builder's ``_represents`` makes
    the person's represents edge what all of theirs would make it: the first and last dates, and
    the title entered last on the latest titled date (mentions are entered after meetings). None
    when that title is not one title, or when the office of someone whose titled meetings are all
    undated is asked for (the first in meeting order names it)."""
    kept = _summary_of(totals)
    if kept["u"] and not kept["t"]:
        return None
    out = {}
    for country, (first, last, top, met, named) in kept["c"].items():
        entries = [(first, "")] if first is not None else []
        if last is not None and last != first:
            entries.append((last, ""))
        if top is not None:
            titles = named or met
            if len(titles) > 1:
                return None
            entries.append((top, next(iter(titles))))
        out[country] = entries
    return out


def _summary_of(totals: dict) -> dict:
    """The `summary` kept with `totals`, made (and kept) when missing."""
    kept = totals.get("s")
    if kept is None:
        kept = totals["s"] = summary(totals)
    return kept


def _note_meeting(kept: dict, date: str, title: str, country: str) -> None:
    """Enter a meeting entry in a `summary`."""
    if title:
        if date:
            kept["t"] = True
        else:
            kept["u"] = True
    if date:
        if kept["lo"] is None or date < kept["lo"]:
            kept["lo"] = date
        if kept["hi"] is None or date > kept["hi"]:
            kept["hi"] = date
    if country:
        _note_role(kept, country, date, title, 3)


def _note_mention(kept: dict, country: str, date: str, title: str) -> None:
    """Enter an official mention entry in a `summary`."""
    _note_role(kept, country, date, title, 4)


def _note_role(kept: dict, country: str, date: str, title: str, which: int) -> None:
    """Enter a dated, titled role of `country` in a `summary`: its titles by meetings (`which` 3) or by
    mentions (4)."""
    entry = kept["c"].get(country)
    if entry is None:
        entry = kept["c"][country] = [None, None, None, set(), set()]
    if date:
        if entry[0] is None or date < entry[0]:
            entry[0] = date
        if entry[1] is None or date > entry[1]:
            entry[1] = date
    if title:
        top = entry[2]
        if top is None or date > top:
            entry[2], entry[3], entry[4] = date, set(), set()
        if date == entry[2]:
            entry[which].add(title)


def _bump(counts: dict, key, k: int) -> int:
    """Add `k` to ``counts[key]``, dropping the key at zero; return the new count."""
    n = counts.get(key, 0) + k
    if n:
        counts[key] = n
    else:
        del counts[key]
    return n
