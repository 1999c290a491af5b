"""The incremental graph: apply new, changed and removed documents to a stored graph.

A `GraphState` holds a built graph together with what is needed to update it: the
normalised documents, the people found, and a signature of every meeting. `update`
takes the documents of the corpus now (in corpus order) and patches the graph so that
it equals what `graph.build.build_graph` would build from scratch on those documents:

1. documents that are new (or under a new source) are normalised; removed ones dropped;
2. identity gives what ``graph.build.identify_people`` would (the actor dictionary's
   aliases, the user's corrections), recomputing only what the change reaches (see
   `_Identity`): the name signatures of the names the changed documents touch are
   aggregated again (or continued, when they only gain later mentions), and only the
   groups of signatures that can look each other up around a touched one are clustered
   into people again; the others keep their person. So a new alias merges two people and
   the last document of a person removes them exactly as a full build would. The
   documents whose people changed are read again;
3. the meeting mentions of the new and re-read documents are clustered together with the
   stored meetings they can reach (``graph.meeting_region``); the other meetings keep their
   ids and signatures. A change reaching a third of the meetings (`REGION_SHARE`), kept
   documents in a new order or colliding meeting ids cluster every mention again instead,
   and ``UpdateStats.note`` says so;
4. the meetings whose signature (members, ids, participants) changed, the people they or
   the changed documents touch, and every meeting of those people are rebuilt in a scratch
   graph by the builder's own code, then copied over the stale ones;
5. topics, places, organisations and countries get the attributes a full build would
   give them (the first meeting or document, in corpus order, decides a label).

What it does not handle: a change of the builder's code, of the alias table or of the
corrections. The state carries `STATE_VERSION` (bump it with the builder's rules) and the
aliases and corrections it was built with; `load_state` refuses a mismatch, which means a
full build. An update notes what it changed in ``GraphState.pending`` (documents, people,
meetings, name signatures, graph nodes whose attributes or out-edges changed), so that
``graph.state_file``, which stores the state on disk as rows, rewrites only those.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import gc
from collections import defaultdict
from collections.abc import Mapping as _AbcMapping  # isinstance against typing.Mapping costs a subclass check
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from graph import build as _b
from graph import person_totals as _totals
from graph.identity import UNDATED_WINDOW_DAYS, MeetingMention, _core, _Signature, cluster_meetings, country_name, slugify
from graph.lazy_docs import Docs
from graph.lazy_graph import FEW_KINDS, LazyMultiDiGraph
from graph.plain_graph import PlainMultiDiGraph, as_networkx
# the cache's name, code hash and file fingerprints: one definition, in the module queries read without networkx
from graph.row_graph import STATE_NAME, fingerprint
from graph.row_graph import code_hash as _code_hash

if TYPE_CHECKING:  # an update needs no networkx (graph.plain_graph); `GraphState.graph` imports it
    import networkx as nx

__all__ = ["GraphState", "UpdateStats", "STATE_VERSION", "STATE_NAME", "known_record", "load_graph", "load_state",
           "read_header", "save_state", "graph_beside", "fingerprint"]

#: The layout version and a hash of the builder's code: a state written by other code is never
#: patched (its graph could differ from what this code builds), the build starts afresh.
STATE_VERSION = f"diplograph.state.v2/{_b.SCHEMA}/{_code_hash()}"


#: An update clusters again only the meetings a change reaches, unless they are more than this share
#: of all meetings: then it clusters every meeting (as quick, and the same result).
REGION_SHARE = 1 / 3


@dataclass
class UpdateStats:
    """What one `GraphState.update` did, counted in documents, meetings and people."""

    added: int = 0
    removed: int = 0
    meetings_rebuilt: int = 0
    people_rebuilt: int = 0
    full: bool = False
    note: str = ""  # why more was recomputed than the change reaches, if it was

    @property
    def changed(self) -> bool:
        """Whether the graph may differ from before."""
        return self.full or bool(self.added or self.removed)


@dataclass
class GraphState:
    """A meeting graph and what it takes to update it without rebuilding.

    Examples
    --------
    >>> from graph.synthetic import sample_records
    >>> recs = sample_records()
    >>> st = GraphState()
    >>> st.update(recs[:4]).added
    4
    >>> stats = st.update(recs)
    >>> stats.added, stats.removed
    (3, 0)
    >>> from graph.build import build_graph
    >>> full = build_graph(recs, warnings=[])
    >>> sorted(st.graph.nodes(data=True)) == sorted(full.nodes(data=True))
    True
    """

    # the graph, in networkx's dicts: a PlainMultiDiGraph until something asks for `graph` (networkx is
    # not imported by an update whose outputs are deferred), then the networkx graph over the same dicts
    plain: object = field(default_factory=lambda: PlainMultiDiGraph(schema=_b.SCHEMA))
    docs: Docs = field(default_factory=Docs)         # doc_id -> normalised document (decoded when read)
    order: list = field(default_factory=list)         # doc_ids in corpus order
    doc_notes: dict = field(default_factory=dict)     # doc_id -> normalisation notes
    doc_pids: dict = field(default_factory=dict)      # doc_id -> pids its people resolve to
    doc_offs: dict = field(default_factory=dict)      # doc_id -> the pid of each official mention, in order
    people: dict = field(default_factory=dict)        # pid -> resolver info
    signatures: dict = field(default_factory=dict)    # meeting id -> signature
    meeting_people: dict = field(default_factory=dict)  # meeting id -> pids
    # meeting id -> (date, kind, published) of each of its mentions (as its signature lists them): what
    # placing it in meeting order and in the region of a change needs, without reading its documents.
    # Held for the meetings read from the cache or made by an update; `facts_of` gives them for any meeting
    meeting_facts: dict = field(default_factory=dict)
    # pid -> the counts their node and represents edges are made of (graph.person_totals), adjusted by
    # each update; stored packed (bytes) until an update uses them
    person_totals: dict = field(default_factory=dict)
    skip_notes: dict = field(default_factory=dict)    # doc_id -> notes on its meetings that name nobody
    warnings: list = field(default_factory=list)
    later_notes: list = field(default_factory=list)  # the warnings of the last rebuild after reading
    aliases: Mapping[str, str] | None = None
    corrections: tuple = ()
    identity: object = None                          # the people's signatures (_Identity)
    parsed: dict | None = None                       # name -> parse_name(name), for the query index
    version: str = STATE_VERSION
    # what the updates since the last save touched, by table of the cache file (graph.state_file), and the
    # generation of the file this state was read from or saved to: a save then writes only those rows
    pending: dict = field(default_factory=dict, repr=False, compare=False)
    generation: str = field(default="", repr=False, compare=False)
    # node -> the targets of each chunk its out-edges are stored in, in the file of `generation`
    # (graph.state_file: a node with many out-edges is stored so; a save rewrites the chunks that changed)
    edge_layout: dict = field(default_factory=dict, repr=False, compare=False)
    pred_layout: dict = field(default_factory=dict, repr=False, compare=False)  # likewise its predecessor ids
    # the blocks the file of `generation` stores the rows of documents and meetings in (graph.state_file.DOC_BLOCK):
    # "docs" or "meetings" -> {block: its ids}
    blocks: dict = field(default_factory=lambda: {"docs": {}, "meetings": {}}, repr=False, compare=False)

    @property
    def graph(self):
        """The graph as a networkx ``MultiDiGraph`` (over the dicts the state holds, not a copy)."""
        g = self.plain
        if isinstance(g, PlainMultiDiGraph):
            from graph.query import _INDEXES, lookup_index

            self.plain = as_networkx(g)
            index = _INDEXES.pop(g, None)  # an index of the plain graph answers for the networkx one
            if index is not None:
                index.g = self.plain
                lookup_index(self.plain, adopt=index)
        return self.plain

    @graph.setter
    def graph(self, g) -> None:
        self.plain = g

    def update(self, records: Iterable[dict]) -> UpdateStats:
        """Make the graph that of `records` (the whole corpus, in order), touching only what changed.

        Parameters
        ----------
        records : every record of the corpus now, in corpus order. A record whose
            ``doc_id`` and ``source`` the state already holds may be given as the
            mapping ``{"doc_id": ..., "source": ..., "source_id": ..., "known": True}``
            (see `known_record`): its content is not read again.

        Returns
        -------
        UpdateStats.
        """
        enabled = gc.isenabled()
        gc.disable()  # the state is millions of objects: collections would cost more than the update
        try:
            return self._update(records)
        finally:
            if enabled:
                gc.enable()

    def _update(self, records: Iterable[dict]) -> UpdateStats:
        """`update`, with the collector paused."""
        stats = UpdateStats()
        notes: list[str] = []
        held = self.docs
        new_docs, order, seen, kept = held.successor(), [], set(), set()
        for i, rec in enumerate(records):
            doc_id = rec.get("doc_id") if type(rec) is dict or isinstance(rec, _AbcMapping) else None
            old = held.summary(doc_id) if doc_id in held else None  # (source, source_id, ...): no decoding
            source, source_id = rec.get("source"), rec.get("source_id")  # what the stored copy holds, cleaned: a
            same_id = (rec.get("known") and source_id is None) or \
                (old is not None and (old[1] == source_id or old[1] == _b.clean_text(source_id)))  # value equal
            if old is not None and (old[0] == source or old[0] == _b.clean_text(source)) and same_id:  # to it is clean
                if doc_id in seen:
                    notes.append(f"document {doc_id!r}: duplicate document; the second copy (record {i}) was skipped")
                    continue
                seen.add(doc_id)
                new_docs.take(held, doc_id)
                kept.add(doc_id)
                order.append(doc_id)
                continue
            if rec.get("known") and old is None:
                raise KeyError(f"record {doc_id!r} is marked known but the state does not hold it")
            doc_notes: list[str] = []
            docs = _b._normalise_records([rec], doc_notes)
            doc_notes = [n.replace("record 0", f"record {i}") for n in doc_notes]
            if not docs:
                notes.extend(doc_notes)
                continue
            doc = docs[0]
            if doc["doc_id"] in seen:
                notes.append(f"document {doc['doc_id']!r}: duplicate document; the second copy (record {i}) "
                             "was skipped")
                continue
            seen.add(doc["doc_id"])
            new_docs[doc["doc_id"]] = doc
            order.append(doc["doc_id"])
            self.doc_notes[doc["doc_id"]] = doc_notes
            stats.added += 1
        removed = [d for d in self.order if d not in kept]
        stats.removed = len(removed)
        if not stats.added and not stats.removed and order == self.order:
            self.warnings = notes + self.later_notes  # duplicates may come and go with no change to the graph
            return stats
        self._apply(new_docs, order, removed, [d for d in order if d not in kept], notes, stats)
        return stats

    def _apply(self, new_docs: Docs, order: list, removed: list, added: list, notes: list,
               stats: UpdateStats) -> None:
        """Update identity and the meeting clusters a change reaches; rebuild what changed."""
        first_later = len(notes)
        g = self.plain
        if g and not isinstance(g, LazyMultiDiGraph):  # a graph whose changes are noted (`LazyMultiDiGraph.changed`)
            g = self.plain = LazyMultiDiGraph.over(g, layout=self.edge_layout, pred_layout=self.pred_layout)
        for d in order:
            notes.extend(self.doc_notes.get(d, ()))
        removed_set, added_set = set(removed), set(added)
        whole = ""  # why the meetings are clustered over every document ("" when only what a change reaches)
        if self.identity is None or not self.signatures:
            whole = "first build"
        elif [d for d in self.order if d not in removed_set] != [d for d in order if d not in added_set]:
            whole = "the documents kept are in another order"
        if self.identity is None:
            self.identity = _Identity()
        resolver, moved_keys = self.identity.update([self.docs[d] for d in self.order if d in removed_set],
                                                    [new_docs[d] for d in added], order, self.aliases,
                                                    self.corrections, notes, self.people)
        person_id = self.identity.person_id
        people = resolver.people(before=self.people)  # the people no change reached are taken as they were

        # documents read again: the new ones, and those naming someone whose person changed
        redo = set(added_set)
        key_docs = self.identity.key_docs
        for key in moved_keys:
            redo.update(d for d in key_docs.get(key, ()) if d in new_docs)
        if whole:
            redo = set(order)
            new_docs.hold_all()  # every document is read: their records read from the cache file at once
        read = {d: _read_meetings(new_docs[d], person_id) for d in redo}
        # the stored values of the documents kept and not read again, the read ones' anew (these tables are
        # looked up by document, never walked in order: copied in C and patched, not made in corpus order)
        skip_notes = {d: v for d, v in self.skip_notes.items() if d not in redo and d not in removed_set}
        skip_notes.update((d, r[1]) for d, r in read.items() if r[1])
        for d in order:
            notes.extend(skip_notes.get(d, ()))
        doc_pids, doc_offs = self.doc_pids.copy(), self.doc_offs.copy()
        for d in removed:
            doc_pids.pop(d, None)
            doc_offs.pop(d, None)
        for d, r in read.items():
            doc_pids[d], doc_offs[d] = r[2], r[3]
        marked = [m for r in read.values() for _, m, _ in r[0]]  # meetings given scratch "pids"
        for r in read.values():
            for _, m, pids in r[0]:
                m["pids"] = pids

        clusters = near = None
        if not whole:
            near = self._recluster(new_docs, order, read, removed_set, people, person_id, marked)
            if near is not None:
                clusters, mids, sigs, meeting_people, made, region, facts = near
            else:
                whole = "a change reaching most meetings"
                new_docs.hold_all()
                for d in order:  # every document's meetings are clustered again
                    if d not in read:
                        read[d] = _read_meetings(new_docs[d], person_id)
                        for _, m, pids in read[d][0]:
                            m["pids"] = pids
                            marked.append(m)
        if clusters is None:
            flat, mentions = [], []
            for d in order:
                doc = new_docs[d]
                for pos, m, pids in read[d][0]:
                    flat.append((doc, m, pos))
                    mentions.append(MeetingMention(len(flat) - 1, frozenset(pids), m["date"] or None, m["kind"],
                                                   doc["published"] or None))
            found = [[flat[i] for i in c] for c in cluster_meetings(mentions)]
            clusters = [[(doc, m) for doc, m, _ in told] for told in found]
            used: set[str] = set()
            mids = [_b._meeting_id(told, used) for told in clusters]
            sigs, meeting_people = {}, {}
            for mid, told in zip(mids, found):
                sigs[mid], meeting_people[mid] = _signature(told, people)
            facts = {}  # every document is at hand: `facts_of` reads them (a full build holds no copy)
        if whole and whole != "first build" and self.plain:
            stats.note = f"meetings clustered over every document ({whole})"

        # what changed: people, meetings, documents. A "heavy" person (new, gone, renamed, of
        # another country, in a meeting that changed) has every meeting rebuilt; a "light" one
        # (only mentioned by a changed document, or with other spellings or identity reasons)
        # keeps their meetings and gets their node and represents edges recomputed.
        dirty_people = {p for p in set(people) | set(self.people) if people.get(p) != self.people.get(p)}
        heavy = {p for p in dirty_people if p not in people or p not in self.people
                 or (people[p]["name"], people[p]["country"]) != (self.people[p]["name"], self.people[p]["country"])}
        for d in added:
            dirty_people |= doc_pids[d]
        for d in removed:
            dirty_people |= self.doc_pids.get(d, set())
        for d in read:  # a mention that now names someone else
            before, found = self.doc_pids.get(d), doc_pids[d]
            if before is not None and before != found:
                dirty_people |= before ^ found
        renamed = {d for d in read if d in self.doc_offs and self.doc_offs[d] != doc_offs[d]}
        for d in renamed:  # an official mention that names someone else, even among the same people
            dirty_people.update(p for p in self.doc_offs[d] + doc_offs[d] if p)
        stale = [mid for mid, sig in self.signatures.items() if sigs.get(mid) != sig]
        moved = set(added)  # a document under a new source keeps its id: its meetings need new edges
        fresh = {mid for mid, sig in sigs.items() if self.signatures.get(mid) is not sig
                 and (self.signatures.get(mid) != sig or any(member[0] in moved for member in sig[0]))}
        pairs: set = set()  # people who met in a changed meeting: their met edge is recomputed
        for group in [self.meeting_people.get(mid, ()) for mid in stale] + [meeting_people[mid] for mid in fresh]:
            dirty_people.update(group)
            pairs.update((a, b) for i, a in enumerate(group) for b in group[i + 1:])
        if near is None:
            topics, places = _topic_nodes(clusters), _place_nodes(clusters)
        else:  # only the topics and places of the meetings made anew or replaced can change
            topics, places = _labels_near(g, clusters, mids, made, region)
        for tid, attrs in topics.items():
            if tid in g and g.nodes[tid]["label"] != attrs["label"]:
                heavy.update(p for mid, told in zip(mids, clusters) if _about(told, tid)
                             for p in meeting_people[mid])
        dirty_people |= heavy
        light = {p for p in dirty_people - heavy if p in g}
        heavy = dirty_people - light
        rebuilt = [i for i, mid in enumerate(mids) if mid in fresh or not heavy.isdisjoint(meeting_people[mid])]
        rebuilt_ids = {mids[i] for i in rebuilt}
        added_set = set(added)
        # documents whose mentions edges are rebuilt: new ones, those naming someone else, and those
        # naming a heavy person (whose node, with the edges into it, is rebuilt); the others keep theirs
        # (most documents share no one with `heavy`: the set test, run in C, decides them before the generator)
        rewired = added_set | renamed | {d for d, offs in doc_offs.items()
                                         if not heavy.isdisjoint(offs) and any(p in heavy for p in offs if p)}
        gone_meetings = [m for m in self.signatures if m not in sigs or m in rebuilt_ids]

        # the rebuilt part, by the builder's own code, in a scratch graph
        h = PlainMultiDiGraph()
        for tid, attrs in topics.items():
            h.add_node(tid, **attrs)
        for pl, attrs in places.items():
            h.add_node(pl, **attrs)
        builder = _b._Builder(h, _Memo(resolver, person_id, people), [new_docs[d] for d in added], [], self.aliases)
        builder._documents()
        builder._people()
        for i in rebuilt:
            for doc, m in clusters[i]:
                if "pids" not in m:  # a stored meeting rebuilt: its participants' people
                    m["pids"] = _read_meetings(doc, person_id, only=m)
                    marked.append(m)
            builder._meeting(clusters[i], mids[i])
        # a light person's totals (graph.person_totals) adjusted by the change; the others ("slow": no
        # totals, or totals that cannot tell) have every meeting and document of theirs read again
        totals, roles, slow = self._light_totals(g, builder, light, gone_meetings, removed, added, renamed,
                                                 new_docs, doc_offs, order)
        _light_meetings(g, h, builder, slow, {mid: i for i, mid in enumerate(mids)}, rebuilt_ids, facts)
        # read for their people's titles and offices: the documents whose mentions edges are rebuilt in
        # full; of the others only the officials (``_officials(people_only=...)``), kept undecoded
        doc_set = [new_docs[d] if d in added_set or d in rewired else new_docs.officials_of(d) for d in order
                   if d in added_set or d in rewired or (slow and doc_pids[d] & slow)]
        builder.docs = doc_set
        builder._officials(people_only={doc["doc_id"] for doc in doc_set} - rewired, people=slow)
        builder.roles = defaultdict(list, {k: v for k, v in builder.roles.items()
                                           if k[0] in dirty_people and k[0] not in totals})
        from graph.state_file import _pack

        # the people every meeting and document of whom was read: their totals counted afresh, packed as the
        # cache stores them, one person at a time (a full build counts every person)
        counted = _totals.from_builder(builder.offices, {p for p in heavy | slow if p in people}, doc_set, doc_offs,
                                       pack=_pack)
        for p in light:
            if p not in slow:
                _totals.apply(totals[p], builder, p, roles=roles[p])
        builder._represents()
        builder._met()

        dirty = self.pending.setdefault("nodes", set())  # nodes whose attributes or out-edges change
        if not g:  # nothing to patch: the scratch graph is the whole graph
            h.graph.update(g.graph)
            self.plain = g = h
            stats.full = True
        else:
            met = {(a, b) for a, b in pairs if a not in heavy and b not in heavy}
            # the topics of the meetings leaving, before they go: a met edge whose meeting is rebuilt with them
            # all keeps its labels without its other meetings being read (`_met_pairs`)
            had = {m: g._node[m]["topics"] for m in gone_meetings if m in g} if met else {}
            _patch(g, h, removed=removed, added=added, stale_meetings=gone_meetings,
                   rebuilt=rebuilt_ids, heavy=heavy, light=light, people=people, topics=topics, places=places,
                   rewired=rewired, dirty=dirty)
            _met_pairs(g, met, meeting_people, dirty, facts, fresh | rebuilt_ids, gone=gone_meetings, had=had)
        self._finish_nodes(new_docs, order, people, topics, places, dirty)
        changed = getattr(g, "changed", None)
        if changed:  # nodes whose in-edges changed too: their rows list their predecessors
            dirty |= changed
            changed.clear()
        for name, edited in (("edges", getattr(g, "edited", None)), ("preds", getattr(g, "pred_edited", None))):
            if edited:  # the targets of the out-edges changed, by node, and the predecessors gained or lost:
                noted = self.pending.setdefault(name, {})  # a node stored in chunks rewrites theirs only
                for n, targets in edited.items():
                    noted.setdefault(n, set()).update(targets)
                edited.clear()
        self._note_pending(added, removed, doc_pids, doc_offs, people, sigs, meeting_people, full=stats.full,
                           docs_read=read.keys(), meetings_changed=fresh.union(stale))
        self.pending["meetings"].update(fresh)  # with a changed document: their facts change with it
        kept_totals = self.person_totals
        for p in dirty_people:
            kept_totals.pop(p, None)
        kept_totals.update(counted)
        for p, t in totals.items():  # packed as the cache stores them: a fifth of the memory of the dicts
            kept_totals[p] = _pack(t)
        self.pending.setdefault("totals", set()).update(dirty_people)
        from graph.query import invalidate

        invalidate(g)  # an index of the graph before the update must not answer for it
        stats.meetings_rebuilt, stats.people_rebuilt = len(rebuilt_ids), len(heavy) + len(light)
        new_docs.forget(removed)  # the stored copies of documents gone or replaced
        self.docs, self.order, self.people = new_docs, order, people
        self.signatures, self.meeting_people, self.doc_pids = sigs, meeting_people, doc_pids
        self.meeting_facts = facts
        self.doc_offs = doc_offs
        for d in removed_set.difference(added):  # the documents gone (one changed in place has new notes)
            self.doc_notes.pop(d, None)
        if len(self.doc_notes) != len(order):  # a document with no notes kept: none missing, none left over
            self.doc_notes = {d: self.doc_notes.get(d, []) for d in order}
        self.warnings, self.later_notes = notes, notes[first_later:]
        self.skip_notes = skip_notes
        for m in marked:  # the builder's scratch marks must not travel into the saved state
            m.pop("pids", None)

    def _light_totals(self, g, builder, light: set, gone_meetings: list, removed: list, added: list, renamed: set,
                      new_docs, doc_offs: dict, order: list) -> tuple[dict, dict, set]:
        """The totals (``graph.person_totals``) of the `light` people after the change, from their stored
        totals: less what the meetings gone or rebuilt (`gone_meetings`, as `g` holds them) and the
        documents removed or naming someone else (`renamed`) gave, plus what the rebuilt meetings (as
        `builder` noted them) and the documents added or renamed give. Returns them, their roles
        (``graph.person_totals.roles_of``), and the light people whose totals are missing or cannot
        tell what a full build makes of them ("slow": they are recomputed from every meeting and
        document of theirs)."""
        from graph.state_file import _unpack

        stored = self.person_totals
        out, slow = {}, set()
        for p in light:
            t = stored.get(p)
            if t is None:
                slow.add(p)
            else:
                out[p] = _unpack(t) if type(t) is bytes else _totals.copy(t)
        if not out:
            return out, {}, slow
        # what the rebuilt meetings give (as the builder noted them) is counted before what those leaving gave:
        # an entry (date, title, country) a meeting rebuilt takes out and puts back is then never counted out
        # entirely, which would drop the person's summary, to be made again from every entry of theirs
        for p, t in out.items():
            for date, title, country in builder.offices.get(p, ()):
                _totals.add_meeting(t, date, title, country, 1)
        for m in gone_meetings:  # what the meetings leaving gave their people
            pids = [p for p in self.meeting_people.get(m, ()) if p in out]
            if pids:
                date = g._node[m]["date"]
                for p in pids:
                    data = g._succ[p][m][f"participated_in|{p}|{m}"]
                    _totals.add_meeting(out[p], date, data["title"], data["country"], -1)
        position = None
        old_docs, new_offs = self.docs, doc_offs
        renamed = renamed.difference(added)  # a document changed in place is removed and added
        changes = [(old_docs, d, self.doc_offs.get(d, ()), -1) for d in removed]
        changes += [(new_docs, d, self.doc_offs.get(d, ()), -1) for d in renamed]
        changes += [(new_docs, d, new_offs[d], 1) for d in added]
        changes += [(new_docs, d, new_offs[d], 1) for d in renamed]
        counted = []  # (totals, publication date, official mention, +1 or -1), counted after the loop
        for docs, d, offs, k in changes:
            if not any(p in out for p in offs):
                continue
            doc = docs.officials_of(d)
            titled: set = set()
            for o, p in zip(doc["officials"], offs):
                t = out.get(p)
                if t is None or p in slow:
                    continue
                counted.append((t, doc["published"], o, k))
                if not o["title"] or p in titled:
                    continue
                titled.add(p)  # the first official mention giving `p` a title in this document
                first = t["first"]
                if k < 0:
                    if first is not None and first[0] == d:  # the first title leaves: which is next needs
                        slow.add(p)                          # every document naming them
                else:
                    if position is None:
                        position = {doc_id: i for i, doc_id in enumerate(order)}
                    if first is None or position[d] < position[first[0]]:
                        t["first"] = (d, o["title"])
        # the mentions added before those taken out (the order of the loop above is kept for the first title):
        # an entry a document naming someone else takes out and puts back is never counted out entirely
        for t, published, o, k in sorted(counted, key=lambda c: -c[3]):  # (a stable sort)
            _totals.add_official(t, published, o, k)
        roles = {}
        for p, t in out.items():
            if p not in slow:
                found = roles[p] = _totals.roles_of(t)
                if found is None:
                    slow.add(p)
        for p in slow:
            out.pop(p, None)
        return out, roles, slow

    def _recluster(self, new_docs: dict, order: list, read: dict, removed: set, people: dict, person_id,
                   marked: list):
        """Cluster again only the meetings a change reaches (`graph.meeting_region`); keep the others.

        `read` holds the documents read again (new ones, and those whose people changed) with
        their meetings and those meetings' people. Returns (clusters, ids, signatures, people)
        of every meeting in the order a full clustering gives them, the places in that order of
        the clusters made anew, and the stored clusters they replace; None when the change
        reaches too much to be worth it.
        """
        from graph.meeting_region import grow_region, shape

        old_sigs, old_facts, facts_of = self.signatures, self.meeting_facts, self.facts_of
        position = {d: i for i, d in enumerate(order)}
        gone = removed | read.keys()  # documents whose stored mentions leave
        fresh, told_of = [], {}
        for d in sorted(read, key=position.__getitem__):
            doc = new_docs[d]
            for pos, m, pids in read[d][0]:
                rank = position[d] << 20 | pos
                told_of[rank] = (doc, m, pos)
                fresh.append(MeetingMention(rank, frozenset(pids), m["date"] or None, m["kind"],
                                            doc["published"] or None))
        seed, holding = set(), defaultdict(list)
        several: dict = defaultdict(list)  # pid -> their stored clusters of several mentions, in meeting order
        for mid, sig in old_sigs.items():
            told = sig[0]
            if len(told) > 1:
                for pid in self.meeting_people[mid]:
                    several[pid].append(mid)
            for member in told:
                if member[0] in gone:
                    seed.add(mid)
                    break
        for mid, pids in self.meeting_people.items():
            for pid in pids:
                holding[pid].append(mid)
        shapes: dict = {}

        def old_shape(mid: str):
            found = shapes.get(mid)
            if found is None:
                found = shapes[mid] = shape(  # from the facts stored with it: no document is read
                    MeetingMention(0, frozenset(pids), date, kind, published)
                    for (_, _, pids), (date, kind, published) in zip(old_sigs[mid][0], facts_of(mid)))
            return found

        def members(mid: str) -> list:
            out = []
            for d, pos, pids in old_sigs[mid][0]:
                if d not in gone:
                    doc = new_docs[d]
                    m = doc["meetings"][pos]
                    if "pids" not in m:
                        m["pids"] = _read_meetings(doc, person_id, only=m)
                        marked.append(m)
                    rank = position[d] << 20 | pos
                    told_of[rank] = (doc, m, pos)
                    out.append(MeetingMention(rank, frozenset(pids), m["date"] or None, m["kind"],
                                              doc["published"] or None))
            return out

        # A person's stored clusters (`holding`) are in meeting order: dated ones by their first
        # mention's date (the earliest: dated mentions are clustered in date order), then undated
        # ones. A cluster of one mention (most of them) has that one date, so those near a day are
        # found by bisection; the few of several mentions, whose later dates can run on, are
        # indexed by each of their days (per person, when first asked), as are undated ones
        by_person: dict = {}  # pid -> (where their undated clusters start, {(family, day): clusters of
        #                       several mentions}, such clusters with undated mentions)

        def first_date(mid: str) -> str:
            told = old_facts.get(mid)
            return (told if told is not None else facts_of(mid))[0][0] or "~"  # "~" sorts after every date

        def indexed(pid: str):
            found = by_person.get(pid)
            if found is None:
                mine = holding.get(pid, ())
                end = bisect.bisect_left(mine, "~", key=first_date)
                days, loose = defaultdict(list), []
                for mid in several.get(pid, ()):
                    s = old_shape(mid)
                    for day in s.dates:
                        days[(s.family, day)].append(mid)
                    if s.published or s.undated_unpublished or not s.dates:
                        loose.append(mid)
                found = by_person[pid] = (end, days, loose)
            return found

        def near(s) -> Iterable[str]:
            """The stored clusters that may interact with shape `s` (see `graph.meeting_region.interacts`)."""
            people = sorted(s.people, key=lambda p: len(holding.get(p, ())))
            if len(people) > 1:  # a cluster within reach shares two of these people: one of them is not the
                people.pop()     # busiest, whose many meetings need not be looked through
            for pid in people:
                mine = holding.get(pid, ())
                if s.undated_unpublished:
                    yield from mine
                    continue
                end, days, loose = indexed(pid)
                yield from loose
                yield from mine[end:]  # undated clusters
                wanted = {day + k for day in s.dates for k in (-1, 0, 1)}
                wanted.update(p + k for p in s.published for k in range(-UNDATED_WINDOW_DAYS, 2))
                for day in wanted:
                    yield from days.get((s.family, day), ())
                for first, last in _runs(wanted):  # clusters of one mention dated within each run of days
                    lo = bisect.bisect_left(mine, _iso(first), 0, end, key=first_date)
                    hi = bisect.bisect_right(mine, _iso(last), lo, end, key=first_date)
                    for mid in mine[lo:hi]:
                        if len(old_sigs[mid][0]) == 1:
                            yield mid

        grown = grow_region(seed, fresh, members, old_shape, near, limit=max(64, int(len(old_sigs) * REGION_SHARE)))
        if grown is None:
            return None
        region, new_clusters = grown

        # every cluster, in the order a full clustering forms them: dated ones by their first
        # mention's date and place in the corpus, then undated ones by that place. The stored
        # meetings are in that order already (kept documents keep their order, or `whole` is
        # set), so the new clusters are merged in, each found by bisection: only the kept
        # meetings a bisection looks at are read
        def kept_key(mid: str) -> tuple:
            d, pos, _ = old_sigs[mid][0][0]
            date = facts_of(mid)[0][0]  # its first mention's date (kept meetings' documents are unchanged)
            rank = position[d] << 20 | pos
            return (0, date, rank) if date else (1, "", rank)

        kept = [mid for mid in old_sigs if mid not in region]
        new_keys = sorted(((0, c[0].date, c[0].index) if c[0].date else (1, "", c[0].index), i)
                          for i, c in enumerate(new_clusters))
        pieces: list = []  # runs of kept meetings (lists of ids) and new clusters (their numbers), in order
        start = 0
        for key, i in new_keys:
            at = bisect.bisect_left(kept, key, lo=start, key=kept_key)
            if at > start:
                pieces.append(kept[start:at])
            pieces.append(i)
            start = at
        if start < len(kept):
            pieces.append(kept[start:])

        # the new clusters' ids first, so that one pass fills every table in meeting order
        told_new = [[told_of[m.index] for m in c] for c in new_clusters]
        bases = [_b._meeting_id([(doc, m) for doc, m, _ in told], set()) for told in told_new]
        taken = set(bases)
        numbered = {mid[:20] for mid in kept if len(mid) > 20}  # the bases of kept ids numbered "-2", "-3"...
        if (len(taken) < len(bases) or any(b in old_sigs and b not in region for b in taken)
                or not numbered.isdisjoint(taken) or not numbered.isdisjoint(mid[:20] for mid in region)):
            return None  # ids that collide (rare: a new id a kept one holds, or a kept one numbered after one of
            #              the region's): a full clustering numbers them
        clusters, mids, sigs, meeting_people, facts = _Clusters(new_docs, old_sigs), [], {}, {}, {}
        items, made = clusters._items, set()  # `made`: places in `clusters` of the new clusters
        old_people = self.meeting_people
        for piece in pieces:  # a run of kept meetings is copied in C: read when asked for (`_Clusters`)
            if type(piece) is list:
                items += piece
                mids += piece
                sigs.update(zip(piece, map(old_sigs.__getitem__, piece)))
                meeting_people.update(zip(piece, map(old_people.__getitem__, piece)))
                told = list(map(old_facts.get, piece))
                if None in told:  # facts not held for some: `facts_of` reads them
                    facts.update((mid, t) for mid, t in zip(piece, told) if t is not None)
                else:
                    facts.update(zip(piece, told))
            else:
                told, base = told_new[piece], bases[piece]
                made.add(len(items))
                items.append([(doc, m) for doc, m, _ in told])
                mids.append(base)
                sigs[base], meeting_people[base] = _signature(told, people)
                facts[base] = _facts(items[-1])
        renamed = {p for p, info in self.people.items()
                   if p not in people or (people[p]["name"], people[p]["country"]) != (info["name"], info["country"])}
        for mid in {mid for p in renamed for mid in holding.get(p, ()) if mid not in region}:
            pids = meeting_people[mid]  # a kept meeting of someone renamed: its signature names them anew
            sigs[mid] = (sigs[mid][0], tuple((p, people[p]["name"], people[p]["country"]) for p in pids))
        return clusters, mids, sigs, meeting_people, made, region, facts

    def facts_of(self, mid: str) -> tuple:
        """(date, kind, published) of each mention of meeting `mid`, stored or read from its documents.

        Examples
        --------
        >>> from graph.synthetic import sample_records
        >>> st = GraphState()
        >>> _ = st.update(sample_records()[:1])
        >>> st.facts_of(next(iter(st.signatures)))
        (('2024-01-12', 'in_person', '2024-01-13'),)
        """
        found = self.meeting_facts.get(mid)
        if found is None:
            docs = self.docs
            found = _facts([(docs[d], docs[d]["meetings"][pos]) for d, pos, _ in self.signatures[mid][0]])
        return found

    def _note_pending(self, added: list, removed: list, doc_pids: dict, doc_offs: dict, people: dict, sigs: dict,
                      meeting_people: dict, *, full: bool, docs_read=None, meetings_changed=None) -> None:
        """Note which rows of the cache file this update changed (before the state takes the new values).

        `docs_read` are the documents whose people and official mentions were read again (the others
        keep the stored values: their rows are not compared); `meetings_changed` the meetings whose
        signature differs, left or is new (a meeting's people follow from its signature). Without
        them every row is compared."""
        pend = self.pending
        if full:
            pend["all"] = True
        pend["graph"] = True
        docs = pend.setdefault("docs", set())
        docs.update(added)
        docs.update(removed)  # the documents gone, and documents changed in place (read again)
        meetings = pend.setdefault("meetings", set())
        if meetings_changed is not None:
            meetings.update(meetings_changed)
        # a value the update did not touch is the stored object itself: compared only when it is another
        told = None if meetings_changed is None else ()  # noted above: nothing more to compare
        for new, old, pending, among in ((doc_pids, self.doc_pids, docs, docs_read),
                                         (doc_offs, self.doc_offs, docs, docs_read),
                                         (people, self.people, pend.setdefault("people", set()), None),
                                         (sigs, self.signatures, meetings, told),
                                         (meeting_people, self.meeting_people, meetings, told)):
            get = old.get
            if among is None:
                pending.update(k for k, v in new.items() if v is not get(k) and v != get(k))
                pending.update(k for k in old if k not in new)
            else:
                pending.update(k for k in among if new.get(k) is not get(k) and new.get(k) != get(k))

    def _finish_nodes(self, docs: Docs, order: list, people: dict, topics: dict, places: dict, dirty: set) -> None:
        """Drop topics, places, organisations and countries nothing uses; relabel organisations and countries."""
        g = self.plain
        orgs: dict[str, str] = {}
        for d in order:
            for org in docs.organizations_of(d):  # read without decoding the document
                oid = f"organization:{slugify(org)}"
                if oid != "organization:":
                    orgs.setdefault(oid, org)
        needed = {p["country"] for p in people.values() if p["country"]}
        needed.update(a["country"] for a in places.values() if a["country"])
        drop = []
        for node, data in _typed(g, ("topic:", "place:", "organization:", "country:")):
            kind = data["type"]
            if kind == "topic" and node not in topics or kind == "place" and node not in places:
                drop.append(node)
            elif kind == "organization":
                if node not in orgs:
                    drop.append(node)
                elif data["label"] != orgs[node]:
                    data["label"] = data["name"] = orgs[node]
                    dirty.add(node)
            elif kind == "country" and data["code"] not in needed and not g.degree(node):
                drop.append(node)
        _remove_nodes(g, drop, dirty)
        for code in needed:
            if f"country:{code}" not in g:
                g.add_node(f"country:{code}", type="country", label=country_name(code), code=code)
                dirty.add(f"country:{code}")
        for node, data in _typed(g, ("country:",)):
            if data["type"] == "country" and data["label"] == data["code"]:
                label = _country_label(data["code"], (docs[d] for d in order), needed)
                if label != data["label"]:
                    data["label"] = label
                    dirty.add(node)


class _Identity:
    """Who is who, kept up to date document by document, equal to a full pass of `identify_people`.

    ``PersonResolver`` aggregates mentions into signatures (one per mention key: a
    dictionary entry, or a parsed name with its country) and then clusters the signatures
    into people. The signatures are kept here with the documents that mention each key and
    the person each key resolved to: an update replays, with ``PersonResolver.add`` itself
    and in corpus order, only the mentions of the keys the changed documents touch (a
    signature's first spelling and country depend on that order; a key that only gains
    mentions after all of its earlier ones goes on from its stored signature), then
    clusters again only the groups of signatures a touched key can reach (`_unreached`);
    the others rejoin their stored person. The result is the resolver a full pass over the
    same documents would give. (It relies on the resolver's ``_key``, ``_signatures`` and
    ``_by_signature``: what a mention's key is, and which person a key joined.)
    """

    def __init__(self):
        self.mentions: dict[str, tuple] = {}      # doc_id -> its mentions, as add() receives them
        self.keys: dict[tuple, tuple | None] = {}  # mention -> signature key (None: no name left)
        self.key_docs: dict[tuple, set] = {}       # signature key -> the documents mentioning it
        self.signatures: dict[tuple, object] = {}  # signature key -> its _Signature
        self.pids: dict[tuple, str] = {}           # signature key -> the person it resolved to
        self.resolver = None
        self.alias_table: dict | None = None      # the state's aliases as the resolver looks them up
        self.saved()

    def saved(self) -> None:
        """Start noting changes afresh (the cache file now holds every signature and mention)."""
        self.touched: set = set()             # signature keys changed since the last save
        self.new_mentions: list = []          # (mention, key) pairs added since the last save

    def update(self, removed: list, added: list, order: list, aliases, corrections, notes: list,
               people: Mapping[str, Mapping] | None = None):
        """Take `removed` documents out and `added` ones in (normalised); return the resolved resolver
        and the signature keys whose person changed (their documents' people and meetings must be
        looked at again). `people` are the people before the change (``PersonResolver.people``):
        those kept whole keep their names.

        A key that only gains mentions from documents after all of its earlier ones (corpus order),
        and loses none, goes on from its stored signature: only the new mentions are added, which
        is what a replay of every mention would give. Other touched keys are replayed in full.
        """
        from graph.identity import PersonResolver, alias_table

        if self.alias_table is None:  # folding every alias costs more than a small update: done once
            self.alias_table = alias_table(aliases)
        resolver = PersonResolver(corrections=corrections, folded=self.alias_table)  # keys, replay, clustering
        touched: set = set()
        shrunk: set = set()  # keys that lost a mention: replayed from their first document
        for doc in removed:
            for mention in self.mentions.pop(doc["doc_id"], ()):
                key = self.keys.get(mention)
                if key is not None:
                    self.key_docs.get(key, set()).discard(doc["doc_id"])
                    touched.add(key)
                    shrunk.add(key)
        added_ids = set()
        for doc in added:
            found = tuple(_mentions(doc))
            self.mentions[doc["doc_id"]] = found
            added_ids.add(doc["doc_id"])
            for mention in found:
                if mention not in self.keys:
                    self.keys[mention] = resolver._key(*mention)
                    self.new_mentions.append((mention, self.keys[mention]))
                key = self.keys[mention]
                if key is not None:
                    self.key_docs.setdefault(key, set()).add(doc["doc_id"])
                    touched.add(key)
        position = {d: i for i, d in enumerate(order)}
        before = {key: self.signatures[key] for key in touched if key in self.signatures}
        links = {key: _links(sig) for key, sig in before.items()}  # what they looked up before the change
        again: set = set()
        going_on: set = set()  # keys whose stored signature takes the new mentions
        at = position.__getitem__
        for key in touched:
            docs = self.key_docs.get(key, ())
            sig = self.signatures.get(key)
            if sig is not None and key not in shrunk:  # (a busy person's thousands of documents: sets and maps in C)
                new_here = added_ids.intersection(docs)
                if new_here:
                    first_new = min(map(at, new_here))
                    old_docs = docs.difference(new_here)
                    if not old_docs or max(map(at, old_docs)) < first_new:
                        going_on.add(key)
                        sig.__dict__.pop("_forms", None)  # its spellings grow
                        resolver._signatures[key] = sig
                        again.update(new_here)
                        continue
            again.update(docs)
        for doc_id in sorted(again, key=position.__getitem__):
            fresh = doc_id in added_ids
            for mention in self.mentions[doc_id]:
                key = self.keys[mention]
                if key in touched and (fresh or key not in going_on):
                    name, country, actor, on, weak = mention
                    resolver.add(name, country, actor=actor, on=on, weak_country=weak)
        for key in touched:
            if key in resolver._signatures:
                sig = self.signatures[key] = resolver._signatures[key]
                sig.__class__ = _KeptSignature  # its parsed forms are kept with it
            else:
                self.signatures.pop(key, None)
                self.key_docs.pop(key, None)
        resolver._signatures = dict(self.signatures)
        reasons = {key: (sig.reason, sig.warning) for key, sig in self.signatures.items()}
        keep = None
        if self.pids and not corrections:  # people no change can reach keep their keys, reasons and warnings
            keep = _unreached(self.signatures, touched, links, self.pids)
        notes.extend(resolver.resolve(keep=keep, before=people))
        self.touched |= touched  # and the signatures whose reason the clustering gave anew
        self.touched.update(key for key, sig in self.signatures.items() if (sig.reason, sig.warning) != reasons[key])
        by_signature, before = resolver._by_signature, self.pids
        self.pids = {key: by_signature[key].pid for key in self.signatures}
        moved = {key for key, pid in self.pids.items() if before.get(key) != pid}
        moved.update(key for key in before if key not in self.pids)
        self.touched |= moved & self.pids.keys()  # their rows store the person
        self.resolver = resolver
        return resolver, moved

    def person_id(self, name: str, country: str = "", *, actor: str = "", on: str = "",
                  weak_country: bool = False) -> str | None:
        """The person a mention (as `identify_people` passes it) resolved to; None for no name."""
        key = self.keys.get((name, country, actor, on, weak_country), ())
        if key == ():  # a mention not seen in a document (never happens in a build)
            return self.resolver.person_id(name, country, actor=actor, on=on, weak_country=weak_country)
        return None if key is None else self.pids[key]



def _links(sig) -> list:
    """The index entries ``PersonResolver.resolve`` files a signature under or looks it up by:
    family names, token sets, first given names, later given names (see `_unreached`)."""
    out = []
    for form in sig.forms():
        out += [("F", _core(form.family)), ("T", form.tokens)]
        if form.given:
            out.append(("G", form.given[0]))
        out.extend(("L", later) for later in form.given[1:] if len(later) > 1)
    if not sig.actor:
        parts = sig.parts
        out += [("F", _core(parts.family)), ("T", parts.tokens), ("L", parts.family),
                ("G", parts.given[0] if parts.given else parts.family)]
        out.extend(("F", later) for later in parts.given[1:])
    return out


def _unreached(signatures: dict, touched: set, links: dict, pids: dict) -> dict:
    """The signature keys no change can reach, with the person each resolved to.

    ``PersonResolver.resolve`` compares a signature only with the people filed under one of
    its index entries (`_links`), so signatures that share no entry, even through others,
    never meet. The groups of signatures linked so (union-find over the entries, the old
    entries of changed signatures included, in `links`) that hold no touched key resolve as
    they did: their keys are returned with their persons.
    """
    parent: dict = {}

    def find(x):
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    first = {}
    for key, sig in signatures.items():
        entries = _links(sig) + links.get(key, [])
        first[key] = head = find(entries[0])
        for entry in entries[1:]:
            other = find(entry)
            if other != head:
                parent[other] = head
    for key, entries in links.items():
        if key not in signatures:  # a signature gone: the group it was in is reached
            head = find(entries[0])
            for entry in entries[1:]:
                other = find(entry)
                if other != head:
                    parent[other] = head
    reached = {find(links[key][0]) if key in links else find(first[key]) for key in touched if key in links or key in first}
    return {key: pids[key] for key in signatures if key in pids and find(first[key]) not in reached}


class _KeptSignature(_Signature):
    """A resolver signature whose parsed forms are computed once and stored with it (parsing
    every spelling again would cost most of an update in a fresh process)."""

    def forms(self) -> list:
        kept = self.__dict__.get("_forms")
        if kept is None:
            kept = self._forms = super().forms()
        return kept


def _mentions(doc: dict):
    """A normalised document's person mentions as `identify_people` adds them, in its order:
    (name, country, actor, on, weak_country)."""
    for m in doc["meetings"]:
        for p in m["participants"]:
            yield (p["name"], p["country"], p.get("actor", ""), m["date"] or doc["published"] or "",
                   p.get("weak", False))
    for o in doc["officials"]:
        yield o["name"], o["country"], o.get("actor", ""), doc["published"] or "", o.get("weak", False)


def _light_meetings(g: PlainMultiDiGraph, h: PlainMultiDiGraph, builder, light: set, position: dict,
                    rebuilt: set, facts: Mapping) -> None:
    """Give the builder what its meetings would have told it about the `light` people: their
    meetings, dates, titles and countries in the order a full build meets them, read from the
    kept meetings of `g` and the rebuilt ones of `h`. A kept meeting's date is worked out from
    the facts stored for it (`facts`, as ``GraphState.meeting_facts``) when there are some, so
    that its node is not read (a busy person has thousands of meetings)."""
    for pid in light:
        seen = []
        for graph, keep in ((g, False), (h, True)):
            succ = graph._succ.get(pid)  # the adjacency itself: a busy person has thousands of meetings
            if succ is None:
                continue
            nodes = graph._node
            for mid, keys in succ.items():
                if mid in position and (mid in rebuilt) == keep:
                    for data in keys.values():
                        if data.get("type") == "participated_in":
                            told = None if keep else facts.get(mid)
                            date = nodes[mid]["date"] if told is None else _meeting_date(told)
                            seen.append((position[mid], date, data["title"], data["country"]))
        seen.sort()
        node = h.nodes[pid]
        node["n_meetings"], node["first"], node["last"] = len(seen), "", ""
        builder.offices.pop(pid, None)
        for key in [k for k in builder.roles if k[0] == pid]:
            del builder.roles[key]
        for _, date, title, country in seen:
            builder.note_meeting(node, pid, date, title, country)


def _meeting_date(facts: tuple) -> str:
    """A meeting's date from its mentions' facts (`_facts`), as ``graph.build`` dates it: the
    commonest date of its mentions, the earliest of those tied, "" when none is dated."""
    if len(facts) == 1:
        return facts[0][0] or ""
    dates: dict = {}
    for date, _, _ in facts:
        if date:
            dates[date] = dates.get(date, 0) + 1
    return min(dates, key=lambda d: (-dates[d], d)) if dates else ""


def _met_pairs(g: PlainMultiDiGraph, pairs: set, meeting_people: dict, dirty: set, facts: Mapping,
               made: set, *, gone: Iterable[str] = (), had: Mapping | None = None) -> None:
    """Recompute the met edges of `pairs` (sorted pid pairs of people kept, not rebuilt) from the
    meetings of `g`, as ``graph.build``'s ``_met`` computes them; a pair that no longer shares a
    meeting loses it. The meetings a pair shares are those its met edge listed that are still
    theirs and those of `made` (meetings added or rebuilt by the update) they both took part in;
    dates come from the meetings' stored facts (`facts`) where there are some.

    A pair with a met edge keeps, in its order, each meeting it listed that is neither among
    `gone` (meetings removed or rebuilt) nor `made`: such a meeting is unchanged, so only the
    changed and new ones are looked at (`_extended`), and a busy pair's thousands are not read.
    `had` gives the topics (as the meeting node stored them) of meetings of `gone` before the change:
    when the pair's changed and new meetings are about every topic its changed ones were about, no
    label of the edge is lost, so the edge's other meetings are not read for them either."""
    if not pairs:
        return
    changed = set(gone) | made
    involved = {p for pair in pairs for p in pair}
    new_of: dict[str, set] = defaultdict(set)  # person -> their meetings among `made`
    for mid in made:
        for p in meeting_people.get(mid, ()):
            if p in involved:
                new_of[p].add(mid)
    nodes = g.nodes

    def date_of(mid: str) -> str:
        told = facts.get(mid)
        return nodes[mid]["date"] if told is None else _meeting_date(told)

    for a, b in pairs:
        key = f"met|{a}|{b}"
        dirty.add(a)  # a met edge is stored with the node it leaves
        old = g._succ[a].get(b, {}).get(key) if a in g else None
        if old is not None:
            g.remove_edge(a, b, key)
            if a not in g or b not in g:
                continue
            listed = _b.loads(old["meetings"])
            touched = changed.intersection(listed)
            fresh = new_of[a] & new_of[b]  # changed meetings still theirs, and new ones
            fresh.update(m for m in touched if a in meeting_people.get(m, ()) and b in meeting_people.get(m, ()))
            kept = [m for m in listed if m not in touched] if touched else listed
            lost = bool(touched) and _topics_lost(had, touched, fresh, nodes)
            if kept or fresh:
                g.add_edge(a, b, key=key, **_extended(old, kept, fresh, lost, date_of, nodes))
            continue
        shared = new_of[a] & new_of[b]
        if not shared or a not in g or b not in g:
            continue
        meetings = [(date_of(m), m) for m in shared]
        labels = {nodes[t]["label"] for t in {t for m in shared for t in _b.loads(nodes[m]["topics"])}}
        dated = sorted(d for d, _ in meetings if d)
        g.add_edge(a, b, key=key, type="met", count=len(meetings), first=dated[0] if dated else "",
                   last=dated[-1] if dated else "", topics=_b.dumps(sorted(labels)),
                   meetings=_b.dumps([m for _, m in sorted(meetings, key=lambda x: (x[0] or "9", x[1]))]))


def _topics_lost(had: Mapping | None, touched: set, fresh: set, nodes) -> bool:
    """Whether a met edge may lose a label: the changed meetings it listed (`touched`) were about a topic
    (`had`: their topics before the change) that none of the pair's changed and new meetings (`fresh`) is
    about now. When they were not, every label the edge had is still given by its kept meetings or by
    `fresh`, whose labels it takes anyway."""
    before: set = set()
    for mid in touched:
        found = had.get(mid) if had is not None else None
        if found is None:
            return True
        before.update(_b.loads(found))
    for mid in fresh:
        if not before:
            break
        before.difference_update(_b.loads(nodes[mid]["topics"]))
    return bool(before)


def _extended(old: Mapping, kept: list, fresh: set, lost: bool, date_of, nodes) -> dict:
    """The attributes ``graph.build``'s ``_met`` gives a met edge whose pair shares the `kept` meetings
    of its edge `old` (unchanged, in the edge's order: by date, undated last, then id) and the `fresh`
    ones. Each fresh meeting is put in its place by bisection, so only the kept meetings a bisection
    looks at have their dates worked out; the first and last dates are those of the ends of the list.
    The topics: those of the fresh meetings, and of the edge's own those a kept meeting still has;
    unless some were `lost` (a meeting of the edge gone or changed was about a topic none of the
    fresh ones is about), the kept meetings are not read."""
    def order(mid: str) -> tuple:
        return (date_of(mid) or "9", mid)

    listed = list(kept)
    for mid in sorted(fresh, key=order):
        listed.insert(bisect.bisect_left(listed, order(mid), key=order), mid)
    undated = bisect.bisect_left(listed, ("9",), key=lambda mid: (date_of(mid) or "9",))
    first, last = (date_of(listed[0]), date_of(listed[undated - 1])) if undated else ("", "")
    labels = {nodes[t]["label"] for mid in fresh for t in _b.loads(nodes[mid]["topics"])}
    had = set(_b.loads(old["topics"]))
    if not lost:
        labels |= had
    else:  # a label of the edge stays if a kept meeting has it (the kept ones' labels are all the edge's)
        missing = had - labels
        for mid in kept:
            if not missing:
                break
            found = missing.intersection(nodes[t]["label"] for t in _b.loads(nodes[mid]["topics"]))
            labels |= found
            missing -= found
    return {"type": "met", "count": len(listed), "first": first, "last": last,
            "topics": _b.dumps(sorted(labels)), "meetings": _b.dumps(listed)}


def _patch(g: PlainMultiDiGraph, h: PlainMultiDiGraph, *, removed, added, stale_meetings, rebuilt, heavy, light,
           people, topics, places, rewired, dirty: set) -> None:
    """Remove the stale documents, meetings and heavy people of `g`; copy their rebuilt versions
    from `h`; give the light people their new attributes and represents edges. Every node whose
    attributes or out-edges change is added to `dirty`."""
    _remove_nodes(g, [f"document:{d}" for d in removed], dirty)
    _remove_nodes(g, stale_meetings, dirty)
    _remove_nodes(g, heavy, dirty)
    # a represents edge leads to a country: a busy person's thousands of meetings are not looked at
    countries = set(g.few(("country:",)) if isinstance(g, LazyMultiDiGraph) else
                    [n for n in g if n.startswith("country:")])
    represents = []
    for p in light:
        succ = g._succ[p]
        for c in succ.keys() & countries:  # (in C: a node whose edges are decoded by the chunk, too)
            keys = succ.get(c)
            if keys:
                represents.extend((p, c, k) for k, d in keys.items() if d.get("type") == "represents")
    g.remove_edges_from(represents)
    dirty.update(light)
    doc_nodes = {f"document:{d}" for d in rewired}
    g.remove_edges_from([(u, v, k) for u in doc_nodes if u in g for _, v, k, d in g.out_edges(u, keys=True, data=True)
                         if d.get("type") == "mentions"])  # h holds every mention of these documents
    dirty.update(doc_nodes)
    for d in added:
        g.add_node(f"document:{d}", **h.nodes[f"document:{d}"])
        dirty.add(f"document:{d}")
    for p in heavy:
        if p in people:
            g.add_node(p, **h.nodes[p])
            dirty.add(p)
    for p in light:
        _set_node(g, p, h.nodes[p], dirty)
    for mid in rebuilt:
        g.add_node(mid, **h.nodes[mid])
        dirty.add(mid)
    for tid, attrs in topics.items():
        _set_node(g, tid, attrs, dirty)
    for pl, attrs in places.items():
        _set_node(g, pl, attrs, dirty)
    for u, v, key, data in h.edges(keys=True, data=True):
        kind = data["type"]
        if (u in rebuilt or v in rebuilt or (kind == "mentions" and u in doc_nodes)
                or (kind == "represents" and (u in heavy or u in light))
                or (kind == "met" and (u in heavy or v in heavy))):
            for node in (u, v):
                if node not in g:
                    g.add_node(node, **h.nodes[node])
                    dirty.add(node)
            g.add_edge(u, v, key=key, **data)
            dirty.add(u)


def _remove_nodes(g: PlainMultiDiGraph, nodes: Iterable[str], dirty: set) -> None:
    """Remove `nodes` from `g`; add them and every node with an edge into them to `dirty`."""
    nodes = [n for n in nodes if n in g]
    for n in nodes:
        dirty.add(n)
        dirty.update(_preds(g, n))  # in no order: a set
    g.remove_nodes_from(nodes)


def _read_meetings(doc: dict, person_id, *, only: dict | None = None):
    """A document's meetings with their people: ([(place, meeting, pids)], notes on the meetings
    that name nobody, the people it names, whom each official mention names); `pids` maps each
    person to their first participant entry, as ``graph.build`` gives it. With `only` (one of its
    meetings), just that meeting's `pids`."""
    published = doc["published"] or ""
    found, out, skipped = set(), [], []
    for pos, m in enumerate(doc["meetings"]):
        if only is not None and m is not only:
            continue
        pids: dict = {}
        on = m["date"] or published
        for p in m["participants"]:
            pid = person_id(p["name"], p["country"], actor=p.get("actor", ""), on=on,
                            weak_country=p.get("weak", False))
            found.add(pid)
            if pid and pid not in pids:
                pids[pid] = p
        if only is not None:
            return pids
        if not pids:
            skipped.append(f"document {doc['doc_id']!r}: a meeting with no named participant was skipped")
            continue
        out.append((pos, m, pids))
    offs = tuple(person_id(o["name"], o["country"], **_b._mention(o, published)) for o in doc["officials"])
    found.update(offs)  # who each official mention names: its mentions edges
    found.discard(None)
    return out, skipped, found, offs


def _signature(told: list, people: dict) -> tuple:
    """A meeting's signature (its mentions with their places and people; its people's names and
    countries) and its sorted people, from its mentions ``(doc, meeting, place)``."""
    pids = sorted({pid for _, m, _ in told for pid in m["pids"]})
    return (
        tuple((doc["doc_id"], pos, tuple(m["pids"])) for doc, m, pos in told),
        tuple((p, people[p]["name"], people[p]["country"]) for p in pids),
    ), pids


def _facts(told: list) -> tuple:
    """What a meeting's mentions ``(document, meeting)`` tell of its place in meeting order and in
    the region of a change: (date, kind, published) of each, None for an empty date."""
    return tuple((m["date"] or None, m["kind"], doc["published"] or None) for doc, m in told)


def known_record(doc_id: str, source: str, source_id: str | None) -> dict:
    """A stand-in for a record the state already holds (its content is not read again).

    Examples
    --------
    >>> known_record("d1", "a.txt", "a")["known"]
    True
    """
    return {"doc_id": doc_id, "source": source, "source_id": source_id, "known": True}


def graph_beside(graphml: str | Path) -> nx.MultiDiGraph | None:
    """The graph of the cache ``diplograph build`` wrote beside `graphml`, when it may stand for it.

    The cache is used when `graphml` is the very file the build wrote with it (same size
    and modification time), when it is the older file a build left in place with
    ``--no-graphml`` (the cache then holds the newer graph), or when `graphml` does not
    exist and the build wrote none. Otherwise None: parse the GraphML (a file edited or
    written by another tool is never answered from a cache that does not match it).

    Examples
    --------
    >>> graph_beside("/no/such/graph.graphml") is None
    True
    """
    graphml = Path(graphml)
    state = graphml.with_name(STATE_NAME) if graphml.suffix.lower() == ".graphml" else None
    if state is None or not state.is_file():
        return None
    header = read_header(state)
    if header is None:
        return None
    written = header.get("outputs", {}).get("graph")
    left = header.get("stale", {}).get("graph")
    mine = fingerprint(graphml)
    if (mine and mine in (written, left)) or (not mine and not graphml.exists() and not written):
        loaded = load_graph(state)
        return loaded[1] if loaded else None
    return None


class _Memo:
    """A resolver whose ``person_id`` is memoised (the builder calls it once per mention)."""

    def __init__(self, resolver, person_id, people):
        self._resolver, self.person_id, self._people = resolver, person_id, people

    def people(self) -> dict:
        return self._people


class _Clusters:
    """Every meeting's mentions as (document, meeting) pairs, in meeting order; a kept meeting
    (appended as its id) is made from its stored signature when first asked for, so an update
    reads only the documents of the meetings it looks at."""

    def __init__(self, docs: Mapping, signatures: Mapping):
        self._docs, self._sigs = docs, signatures
        self._items: list = []

    def append(self, item) -> None:
        """Add a meeting: its (document, meeting) pairs, or the id of a stored one."""
        self._items.append(item)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int) -> list:
        item = self._items[i]
        if type(item) is str:
            docs = self._docs
            item = self._items[i] = [(docs[d], docs[d]["meetings"][pos]) for d, pos, _ in self._sigs[item][0]]
        return item

    def __iter__(self):
        for i in range(len(self._items)):
            yield self[i]


def _topic_nodes(clusters: list) -> dict:
    """Topic node attributes as a full build gives them: the first meeting naming a topic labels it."""
    from collections import Counter

    out: dict[str, dict] = {}
    for told in clusters:
        entries: dict[str, dict] = {}
        for _, m in told:
            for t in m["topics"]:
                tid = f"topic:{slugify(t['label'])}"
                e = entries.setdefault(tid, {"labels": Counter(), "category": ""})
                e["labels"][t["label"]] += 1
                e["category"] = e["category"] or t["category"]
        for tid, e in entries.items():
            if tid not in out:
                label = min(e["labels"], key=lambda k: (-e["labels"][k], k))
                out[tid] = {"type": "topic", "label": label, "category": e["category"]}
            elif e["category"] and not out[tid]["category"]:
                out[tid]["category"] = e["category"]
    return out


def _place_nodes(clusters: list) -> dict:
    """Place node attributes as a full build gives them (the first meeting held there names it)."""
    out: dict[str, dict] = {}
    for told in clusters:
        location = next((m["location"] for _, m in told if m["location"].get("city")), None) or next(
            (m["location"] for _, m in told if m["location"].get("country")), {})
        city, code = location.get("city", ""), location.get("country", "")
        if city or code:
            place = f"place:{slugify(' '.join(x for x in (city, code) if x))}"
            if place not in out:
                label = ", ".join(x for x in (city, code and country_name(code)) if x)
                out[place] = {"type": "place", "label": label, "city": city, "country": code}
    return out


def _labels_near(g: PlainMultiDiGraph, clusters: list, mids: list, made: set, region: set) -> tuple[dict, dict]:
    """`_topic_nodes` and `_place_nodes` of `clusters`, computed only for the topics and places
    of the clusters made anew (their places in `clusters`: `made`) or replaced (`region`, stored
    meetings of `g`); the others keep their nodes in `g`. The meetings of a topic or place are
    the kept ones `g` links to it and the new ones naming it."""
    position = {mid: i for i, mid in enumerate(mids)}
    topics, places = {}, {}
    for node, data in _typed(g, ("topic:", "place:")):
        kind = data["type"]
        if kind == "topic":
            topics[node] = dict(data)
        elif kind == "place":
            places[node] = dict(data)
    named: dict[str, set] = defaultdict(set)   # topic -> places in `clusters` of the new meetings naming it
    held: dict[str, set] = defaultdict(set)    # place -> likewise
    for i in made:
        for tid in _topic_nodes([clusters[i]]):
            named[tid].add(i)
        for pl in _place_nodes([clusters[i]]):
            held[pl].add(i)
    for mid in region:  # the topics and places of the meetings replaced
        if mid in g:
            for _, v, data in g.out_edges(mid, data=True):
                if data["type"] == "about":
                    named.setdefault(v, set())
                elif data["type"] == "held_in":
                    held.setdefault(v, set())
    for wanted, out, make in ((named, topics, _topic_nodes), (held, places, _place_nodes)):
        for node, fresh in wanted.items():
            ranks = set(fresh)
            if node in g:  # a set: the meetings' order does not matter (a busy topic's thousands are
                kept = position.keys() & _preds(g, node)  # intersected in C)
                kept -= region
                ranks.update(map(position.__getitem__, kept))
            before = out.pop(node, None)
            if not ranks:
                continue
            attrs = make([clusters[min(ranks)]])[node]  # the first meeting naming it labels it
            if make is _topic_nodes and not attrs["category"] and (
                    (before and before["category"]) or any(make([clusters[i]])[node]["category"] for i in fresh)):
                for i in sorted(ranks):  # a later meeting may give the category (none did, and no new one does:
                    category = make([clusters[i]])[node]["category"]  # it stays empty without looking)
                    if category:
                        attrs["category"] = category
                        break
            out[node] = attrs
    return topics, places


def _preds(g: PlainMultiDiGraph, node: str) -> Iterable[str]:
    """The nodes with an edge into `node`, in no particular order (a graph read by rows does not sort them)."""
    return g.stored_preds(node) if isinstance(g, LazyMultiDiGraph) else g._pred[node]


def _typed(g: PlainMultiDiGraph, prefixes: tuple) -> list:
    """(node, attributes) of the nodes of `g` whose ids start with one of `prefixes`, in node order:
    a node's id starts with its type (``topic:``, ``place:``...), so a graph read by rows
    (``graph.lazy_graph``) decodes only those nodes. The attribute dicts are the graph's own."""
    nodes = g.nodes
    if isinstance(g, LazyMultiDiGraph) and set(prefixes) <= set(FEW_KINDS):  # kept listed: no pass over every node
        return [(n, nodes[n]) for n in g.few(prefixes)]
    return [(n, nodes[n]) for n in g if n.startswith(prefixes)]


def _about(told: list, tid: str) -> bool:
    """Whether a meeting's mentions name topic `tid`."""
    return any(f"topic:{slugify(t['label'])}" == tid for _, m in told for t in m["topics"])


def _set_node(g: PlainMultiDiGraph, node: str, attrs: dict, dirty: set) -> None:
    """Add `node` or replace its attributes with `attrs`; note it in `dirty` when that changes it."""
    if node in g:
        if g.nodes[node] != attrs:
            g.nodes[node].clear()
            g.nodes[node].update(attrs)
            dirty.add(node)
    else:
        g.add_node(node, **attrs)
        dirty.add(node)


def _country_label(code: str, docs: Iterable[dict], needed: set) -> str:
    """The label a full build gives a country its table does not name: the first document's name for it."""
    if code in needed:
        return code
    for doc in docs:
        for c, name in doc["countries"]:
            if c == code:
                return name or code
    return code


def _runs(days: set) -> list[tuple[int, int]]:
    """Days (ordinals) as runs of consecutive days, (first, last) each, in order."""
    runs: list = []
    for day in sorted(days):
        if runs and runs[-1][1] == day - 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(a, b) for a, b in runs]


def _iso(ordinal: int) -> str:
    """A day's ordinal as an ISO date."""
    return _dt.date.fromordinal(ordinal).isoformat()


from graph.state_file import load_graph, load_state, read_header, save_state  # noqa: E402  (the cache on disk)
