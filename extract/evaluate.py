"""Scoring records against gold files: how right is the extractor?

Gold files have the shape of ``../shared/corpora/seed/*.gold.json``: an ``id``, the
``published`` date, the ``meetings`` held (kind, date, location, participants with name,
aliases, title and country, topics as lists of acceptable labels), and the names that
must not appear (``not_in_report``). Records are matched to gold files by ``source_id``
or by the stem of ``source``.

A person matches a gold participant when the token set of the name (lower case, no
punctuation, no honorifics, accents folded) equals that of the gold name or one of its
aliases, or when one token set holds the other ("Xi" and "Xi Jinping") and that fits exactly
one gold person of the document. A
predicted meeting matches a gold meeting when they share at least two participants (one
when the gold meeting has one). A predicted topic label matches a gold topic when one
contains any of its labels, case and punctuation aside.

Scores: meetings, documents with meetings, participant pairs (who met whom: the headline
number), participants, and topics as precision/recall/F1; title, country, date, place and
kind as accuracy over the gold meetings (and participants) that were found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Iterable

from .errors import GoldFileError
from .norm import names as _names
from .norm.text import fold

__all__ = ["Scores", "load_gold", "manifest_texts", "score", "format_table", "person_key", "topic_matches"]



@dataclass
class _Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp,
                "fn": self.fn}


@dataclass
class _Acc:
    right: int = 0
    total: int = 0

    def value(self) -> dict:
        return {"accuracy": round(self.right / self.total, 4) if self.total else 1.0, "right": self.right,
                "total": self.total}


@dataclass
class Scores:
    """All the numbers of one evaluation, plus per-document details for debugging."""

    documents: int = 0
    missing: list[str] = field(default_factory=list)
    counts: dict[str, _Count] = field(default_factory=dict)
    accuracy: dict[str, _Acc] = field(default_factory=dict)
    leaks: list[str] = field(default_factory=list)
    details: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The scores as plain data (what ``diplograph evaluate --json`` prints)."""
        return {
            "documents": self.documents,
            "missing_predictions": self.missing,
            **{k: v.prf() for k, v in self.counts.items()},
            **{k: v.value() for k, v in self.accuracy.items()},
            "clutter_leaks": self.leaks,
        }


def person_key(name: str) -> frozenset[str]:
    """The token set used to compare names.

    Examples
    --------
    >>> person_key("Dr. S. Jaishankar") == person_key("S Jaishankar")
    True
    >>> person_key("KAMIKAWA Yoko") == person_key("Yoko Kamikawa")
    True
    >>> person_key("António Costa") == person_key("Antonio Costa"), person_key("Marcos Jr.") == person_key("Marcos")
    (True, True)
    """
    words = name.split()
    words = words[_names.leading_honorifics(words):] or words
    tokens = re.findall(r"[^\W_]+", fold(" ".join(words)).replace("'s", ""))
    return frozenset(t for t in tokens if not _names.is_suffix(t))


def topic_matches(label: str, gold_labels: Iterable[str]) -> bool:
    """True when `label` contains one of `gold_labels`, or one of them contains it.

    Examples
    --------
    >>> topic_matches("sanctions on Russia", ["Russia"])
    True
    >>> topic_matches("Taiwan", ["Taiwan Strait"])
    True
    >>> topic_matches("trade", ["Ukraine"])
    False
    """
    a = _norm(label)
    if not a:
        return False
    for g in gold_labels:
        b = _norm(g)
        if b and (b in a or a in b):
            return True
    return False


def load_gold(folder: str | Path) -> dict[str, dict]:
    """Load every ``*.gold.json`` file under `folder`, keyed by its ``id``.

    Raises
    ------
    GoldFileError
        If a file is not valid JSON or lacks ``id``/``meetings``; the message names the file.
    """
    folder = Path(folder)
    files = [folder] if folder.is_file() else sorted(folder.rglob("*.gold.json"))
    if not files:
        raise GoldFileError(f"no *.gold.json files in {folder}; pass the folder that holds the gold files")
    gold = {}
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise GoldFileError(f"{f}: not a readable JSON gold file ({err})") from err
        if not isinstance(data, dict) or "meetings" not in data:
            raise GoldFileError(f"{f}: a gold file needs 'id' and 'meetings' (see the seed's gold file)")
        gid = str(data.get("id") or f.name[: -len(".gold.json")])
        gold[gid] = data
    return gold


def manifest_texts(manifest: str | Path, texts: str | Path, *, folds: Iterable[str] = ()) -> tuple[list[Path], list[str]]:
    """The text files of a manifest-based set (a development set whose texts live outside the repository).

    `manifest` is a JSON-lines file with one row per report (``id``, ``fold``, ``sha256`` of the
    UTF-8 text, ...); `texts` the folder holding ``<id>.txt``. Returns the files to extract (of the
    given `folds`, or all) and one problem per report whose text is missing or differs from the
    manifest (those are left out, so a score never runs on the wrong text).

    Raises
    ------
    GoldFileError
        If the manifest cannot be read or a row lacks ``id`` or ``sha256``.
    """
    import hashlib

    manifest, texts = Path(manifest), Path(texts)
    wanted = set(folds)
    files, problems = [], []
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise GoldFileError(f"{manifest}: cannot read the manifest ({err.strerror})") from err
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            doc_id, digest = row["id"], row["sha256"]
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise GoldFileError(f"{manifest}, line {n}: a manifest row needs 'id' and 'sha256' ({err})") from err
        if wanted and row.get("fold") not in wanted:
            continue
        path = texts / f"{doc_id}.txt"
        if not path.is_file():
            problems.append(f"{doc_id}: no text at {path}; pull it again (see the set's README)")
        elif hashlib.sha256(path.read_text(encoding="utf-8").encode("utf-8")).hexdigest() != digest:
            problems.append(f"{doc_id}: {path} differs from the manifest's sha256; pull it again")
        else:
            files.append(path)
    return files, problems


def score(records: Iterable[dict], gold: dict[str, dict]) -> Scores:
    """Score `records` against `gold` (from ``load_gold``); gold documents with no record count as misses."""
    by_id: dict[str, dict] = {}
    for rec in records:
        for key in _record_keys(rec):
            by_id.setdefault(key, rec)
    s = Scores()
    for name in ("meetings", "documents_with_meetings", "participant_pairs", "participants", "topics"):
        s.counts[name] = _Count()
    for name in ("title", "country", "date", "place", "kind"):
        s.accuracy[name] = _Acc()
        s.accuracy[f"{name}_e2e"] = _Acc()
    for gid, g in sorted(gold.items()):
        rec = by_id.get(gid)
        s.documents += 1
        if rec is None:
            s.missing.append(gid)
            rec = {"meetings": [], "officials": []}
        _score_doc(s, gid, rec, g)
    return s


def format_table(s: Scores, *, title: str = "") -> str:
    """A readable table of the scores.

    Examples
    --------
    >>> print(format_table(score([], {}), title="empty").splitlines()[0])
    empty: 0 documents
    """
    d = s.as_dict()
    lines = [f"{title + ': ' if title else ''}{s.documents} documents" + (
        f" ({len(s.missing)} without a record: {', '.join(s.missing[:5])})" if s.missing else "")]
    lines.append(f"{'metric':<26}{'P':>7}{'R':>7}{'F1':>7}   tp/fp/fn")
    for name in ("participant_pairs", "participants", "meetings", "documents_with_meetings", "topics"):
        v = d[name]
        lines.append(f"{name:<26}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}   "
                     f"{v['tp']}/{v['fp']}/{v['fn']}")
    lines.append(f"{'accuracy':<26}{'found':>7}{'e2e':>7}   right/total found, e2e")
    for name in ("title", "country", "date", "place", "kind"):
        v, e = d[name], d[f"{name}_e2e"]
        lines.append(f"{name:<26}{v['accuracy']:>7.3f}{e['accuracy']:>7.3f}   {v['right']}/{v['total']}, "
                     f"{e['right']}/{e['total']}")
    lines.append(f"clutter names leaked: {len(s.leaks)}" + (f" ({', '.join(s.leaks[:5])})" if s.leaks else ""))
    return "\n".join(lines)


def _score_doc(s: Scores, gid: str, rec: dict, g: dict) -> None:
    gold_meetings = g.get("meetings") or []
    pred_meetings = rec.get("meetings") or []
    people: list[tuple[set[frozenset], dict]] = []  # one entry per gold person of the document

    def person_id(name: str) -> int | None:
        k = person_key(name)
        for i, (keys, _) in enumerate(people):
            if k in keys:
                return i
        # "Xi" in gold and "Xi Jinping" predicted (or the reverse): one is the other's short form, when it fits
        # exactly one gold person of the document
        near = {i for i, (keys, _) in enumerate(people) for g in keys
                if k and g and (k < g or g < k) and any(len(t) >= 2 for t in k & g)}
        return near.pop() if len(near) == 1 else None

    for gm in gold_meetings:
        for gp in gm.get("participants") or []:
            keys = {person_key(gp["name"])} | {person_key(a) for a in gp.get("aliases") or []}
            if not any(keys & existing for existing, _ in people):
                people.append((keys, gp))
            else:
                for existing, _ in people:
                    if keys & existing:
                        existing.update(keys)
    gold_sets = [{person_id(p["name"]) for p in gm.get("participants") or []} for gm in gold_meetings]
    pred_sets = []
    for pm in pred_meetings:
        ids = set()
        for n, p in enumerate(pm.get("participants") or []):
            pid = person_id(p.get("name", ""))
            ids.add(pid if pid is not None else ("new", p.get("name", "").lower()))
        pred_sets.append(ids)
    def fit(gi: int, pi: int) -> int:
        """How well a predicted meeting fits a gold one beyond its people: date, place, kind."""
        gm, pm = gold_meetings[gi], pred_meetings[pi]
        return (2 * (pm.get("date") == gm.get("date")) + _same_place(pm.get("location"), gm.get("location"))
                + (pm.get("kind") == gm.get("kind")))

    # align meetings greedily by shared participants; among equals, the one whose date and place fit
    pairs = sorted(((len(gs & ps), fit(gi, pi), -gi, -pi) for gi, gs in enumerate(gold_sets)
                    for pi, ps in enumerate(pred_sets)), reverse=True)
    aligned: dict[int, int] = {}
    used: set[int] = set()
    for shared, _, gi, pi in pairs:
        gi, pi = -gi, -pi
        need = min(2, len(gold_sets[gi]))
        if shared >= max(need, 1) and gi not in aligned and pi not in used:
            aligned[gi] = pi
            used.add(pi)
    c = s.counts
    c["meetings"].tp += len(aligned)
    c["meetings"].fp += len(pred_meetings) - len(aligned)
    c["meetings"].fn += len(gold_meetings) - len(aligned)
    has_g, has_p = bool(gold_meetings), bool(pred_meetings)
    c["documents_with_meetings"].tp += has_g and has_p
    c["documents_with_meetings"].fp += has_p and not has_g
    c["documents_with_meetings"].fn += has_g and not has_p
    gp_pairs = {frozenset(x) for gs in gold_sets for x in combinations(sorted(gs, key=str), 2)}
    pp_pairs = {frozenset(x) for ps in pred_sets for x in combinations(sorted(ps, key=str), 2)}
    c["participant_pairs"].tp += len(gp_pairs & pp_pairs)
    c["participant_pairs"].fp += len(pp_pairs - gp_pairs)
    c["participant_pairs"].fn += len(gp_pairs - pp_pairs)
    g_people = set().union(*gold_sets) if gold_sets else set()
    p_people = set().union(*pred_sets) if pred_sets else set()
    c["participants"].tp += len(g_people & p_people)
    c["participants"].fp += len(p_people - g_people)
    c["participants"].fn += len(g_people - p_people)
    acc = s.accuracy
    detail = {"id": gid, "gold_meetings": len(gold_meetings), "pred_meetings": len(pred_meetings),
              "aligned": len(aligned), "errors": []}
    def tally(name: str, ok: bool, got, want, what: str, rules: list | None = None) -> None:
        """Count one accuracy check (found and end to end); a miss is listed with the rules behind it."""
        acc[name].right += ok
        acc[name].total += 1
        acc[f"{name}_e2e"].right += ok
        if not ok:
            detail["errors"].append(f"{what}: {got!r} != {want!r}" + (f"  [rules: {', '.join(rules)}]" if rules else ""))

    for gi, gm in enumerate(gold_meetings):  # end to end: every gold meeting and participant counts
        acc["date_e2e"].total += 1
        acc["place_e2e"].total += 1
        acc["kind_e2e"].total += 1
        for _ in gm.get("participants") or []:
            acc["title_e2e"].total += 1
            acc["country_e2e"].total += 1
        if gi not in aligned:
            names = ", ".join(p["name"] for p in gm.get("participants") or [])
            detail["errors"].append(f"missed meeting: {gm.get('kind')} {gm.get('date')} of {names}")
    for pi, pm in enumerate(pred_meetings):
        if pi not in used:
            names = ", ".join(p.get("name", "") for p in pm.get("participants") or [])
            detail["errors"].append(f"meeting not in gold: {pm.get('kind')} {pm.get('date')} of {names}"
                                    + (f"  [rules: {', '.join(pm.get('rules') or [])}]" if pm.get("rules") else ""))

    for gi, pi in aligned.items():
        gm, pm = gold_meetings[gi], pred_meetings[pi]
        missing = [gp["name"] for gp in gm.get("participants") or [] if person_id(gp["name"]) not in pred_sets[pi]]
        extra = [p.get("name", "") for p in pm.get("participants") or []
                 if person_id(p.get("name", "")) not in gold_sets[gi]]
        if missing:
            detail["errors"].append("participants missed: " + ", ".join(missing))
        if extra:
            detail["errors"].append("participants not in gold: " + ", ".join(
                f"{p.get('name', '')} [rules: {', '.join(p.get('rules') or [])}]" for p in pm.get("participants") or []
                if p.get("name", "") in extra))
        for gp in gm.get("participants") or []:
            pid = person_id(gp["name"])
            pp = next((p for p in pm.get("participants") or [] if person_id(p.get("name", "")) == pid), None)
            if pp is None:
                continue
            for attr in ("title", "country"):
                tally(attr, _same(pp.get(attr), gp.get(attr)), pp.get(attr), gp.get(attr), f"{attr} of {gp['name']}",
                      pp.get("rules"))
        rules = pm.get("rules") or []
        tally("date", pm.get("date") == gm.get("date"), pm.get("date"), gm.get("date"), "date",
              [r for r in rules if r.startswith("date.")])
        tally("place", _same_place(pm.get("location"), gm.get("location")), pm.get("location"), gm.get("location"),
              "place", [r for r in rules if r.startswith("place.")])
        tally("kind", pm.get("kind") == gm.get("kind"), pm.get("kind"), gm.get("kind"), "kind",
              [r for r in rules if r.startswith(("kind.", "trigger."))])
        gold_topics = [t if isinstance(t, list) else [t] for t in gm.get("topics") or []]
        labels = [t.get("label", "") for t in pm.get("topics") or [] if isinstance(t, dict)]
        tp_p = sum(any(topic_matches(l, gt) for gt in gold_topics) for l in labels)
        tp_r = sum(any(topic_matches(l, gt) for l in labels) for gt in gold_topics)
        c["topics"].tp += tp_r
        c["topics"].fn += len(gold_topics) - tp_r
        c["topics"].fp += len(labels) - tp_p
        wrong = [t for t in pm.get("topics") or [] if isinstance(t, dict)
                 and not any(topic_matches(t.get("label", ""), gt) for gt in gold_topics)]
        if wrong:
            detail["errors"].append("topics not in gold: " + "; ".join(
                t.get("label", "") + (f" [rules: {', '.join(t['rules'])}]" if t.get("rules") else "") for t in wrong))
    names = [o.get("name", "") for o in rec.get("officials") or []] + [
        p.get("name", "") for m in pred_meetings for p in m.get("participants") or []]
    for bad in g.get("not_in_report") or []:
        bk = person_key(bad)
        if any(bk and bk <= person_key(n) for n in names):
            s.leaks.append(f"{gid}: {bad}")
    detail["pred"] = [sorted(str(x) for x in ps) for ps in pred_sets]
    s.details.append(detail)


def _record_keys(rec: dict) -> list[str]:
    keys = []
    if rec.get("source_id"):
        keys.append(str(rec["source_id"]))
    src = str(rec.get("source") or "")
    if src:
        base = re.split(r"[#:](?=[^/\\]*$)", src)[0]
        keys.append(Path(base).name.split(".")[0])
        keys.append(Path(src).stem)
    return keys


def _same(a, b) -> bool:
    return _norm(a or "") == _norm(b or "")


def _same_place(pred: dict | None, gold: dict | None) -> bool:
    pred = pred or {}
    gold = gold or {}
    gc, pc = gold.get("city"), pred.get("city")
    if gc:
        return bool(pc) and _norm(pc) == _norm(gc)
    if gold.get("country"):
        return pred.get("country") == gold.get("country") and not pc
    return not pc and not pred.get("country")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", fold(str(text))))
