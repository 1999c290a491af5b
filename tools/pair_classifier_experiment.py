"""Would a statistical pair classifier beat the rules on reports it was not trained on? (issue 13)

The experiment behind the README's round 5 note. For every pair of officials the extractor names
in one sentence of a development-set report, it builds features (the sentence's and the
in-between words' lemmas, the verbs or nouns that govern each name, distance, how many officials
the sentence names, whether it is the first sentence, same country, titles known) and a label
(the pair met in the gold). Two logistic regressions are then scored leave-one-fold-out (train on
all folds but one, score the one left out):

- "add": on pairs the rules did not pair, how many true pairs it would add, and how many wrong,
  at each probability threshold;
- "drop": on pairs the rules did pair, how many wrong pairs it would remove, and how many right.

Usage (needs scikit-learn, which only this experiment uses: ``pip install -e ".[experiments]"``):

    python tools/pair_classifier_experiment.py --texts /tmp/devset/texts --fold c1 ... --fold c6

Nothing here ships: the numbers decide whether a trained component is worth shipping.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def candidate_pairs(texts: Path, folds: set[str]) -> list[dict]:
    """One row per pair of officials named in one sentence: features, gold label, rules' verdict."""
    from extract import extract_text, load_pipeline
    from extract.evaluate import person_key

    nlp = load_pipeline()
    rows = []
    for line in open(ROOT / "data/devset/manifest.jsonl", encoding="utf-8"):
        entry = json.loads(line)
        if entry["fold"] not in folds:
            continue
        text = (texts / f"{entry['id']}.txt").read_text(encoding="utf-8")
        rec = extract_text(text, source=entry["id"])
        gold = json.loads((ROOT / f"data/devset/gold/{entry['id']}.gold.json").read_text(encoding="utf-8"))
        people = [{person_key(p["name"])} | {person_key(a) for a in p.get("aliases") or []}
                  for m in gold.get("meetings") or [] for p in m["participants"]]

        def gold_id(name: str) -> int | None:
            key = person_key(name)
            exact = [i for i, keys in enumerate(people) if key in keys]
            if exact:
                return exact[0]
            near = {i for i, keys in enumerate(people) if any(key and k and (key < k or k < key) for k in keys)}
            return near.pop() if len(near) == 1 else None

        gold_pairs = set()
        for m in gold.get("meetings") or []:
            ids = [gold_id(p["name"]) for p in m["participants"]]
            gold_pairs |= {frozenset(p) for p in combinations(ids, 2) if None not in p and p[0] != p[1]}
        rule_pairs = {frozenset((person_key(a["name"]), person_key(b["name"])))
                      for m in rec["meetings"] for a, b in combinations(m["participants"], 2)}
        offs = rec["officials"]
        doc = nlp(rec_text(text))
        for si, sent in enumerate(doc.sents):
            inside = {}
            for oi, off in enumerate(offs):
                for start, end in off.get("mentions", []):
                    if sent.start_char <= start < sent.end_char:
                        inside.setdefault(oi, (start, end))
            for a, b in combinations(sorted(inside, key=lambda i: inside[i][0]), 2):
                sa = doc.char_span(*inside[a], alignment_mode="expand")
                sb = doc.char_span(*inside[b], alignment_mode="expand")
                if sa is None or sb is None:
                    continue
                ga, gb = gold_id(offs[a]["name"]), gold_id(offs[b]["name"])
                rows.append({
                    "fold": entry["fold"],
                    "label": int(ga is not None and gb is not None and frozenset((ga, gb)) in gold_pairs),
                    "rules": int(frozenset((person_key(offs[a]["name"]), person_key(offs[b]["name"]))) in rule_pairs),
                    "features": features(sent, sa, sb, si, offs[a], offs[b], len(inside)),
                })
    return rows


def rec_text(text: str) -> str:
    """The text the record's offsets refer to (the extractor reads the same cleaned text)."""
    from extract.sources import document_from_text

    return document_from_text(text).text


def features(sent, sa, sb, si: int, oa: dict, ob: dict, named: int) -> dict[str, int]:
    """Sparse binary features of one pair in one sentence."""
    doc = sent.doc
    between = doc[sa.end:sb.start] if sa.end <= sb.start else doc[sb.end:sa.start]
    out = {f"s:{t.lemma_.lower()}": 1 for t in sent if t.is_alpha and t.ent_type_ != "PERSON"}
    out.update({f"b:{t.lemma_.lower()}": 1 for t in between if t.is_alpha})
    for span, tag in ((sa, "A"), (sb, "B")):
        head, steps = span.root, 0
        while head.head.i != head.i and steps < 4:
            child, head, steps = head, head.head, steps + 1
            if head.pos_ in ("VERB", "AUX", "NOUN") and head.dep_ != "compound":
                out[f"h{tag}:{head.lemma_.lower()}"] = out[f"d{tag}:{child.dep_}"] = 1
                break
    n = len(between)
    out["dist:" + ("<3" if n < 3 else "<8" if n < 8 else "<20" if n < 20 else "far")] = 1
    out[f"named:{min(named, 5)}"] = 1
    out["first_sentence"] = int(si == 0)
    out["same_country"] = int(bool(oa.get("country")) and oa.get("country") == ob.get("country"))
    out["titled"] = int(bool(oa.get("title"))) + int(bool(ob.get("title")))
    return out


def leave_one_fold_out(rows: list[dict], rules: int, c: float) -> list[tuple[float, int]]:
    """(probability, label) of every row whose rules' verdict is `rules`, each scored by a model
    trained on the other folds."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    subset = [r for r in rows if r["rules"] == rules]
    out = []
    for fold in sorted({r["fold"] for r in subset}):
        train = [r for r in subset if r["fold"] != fold]
        test = [r for r in subset if r["fold"] == fold]
        if not test or len({r["label"] for r in train}) < 2:
            continue
        vec = DictVectorizer()
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        model.fit(vec.fit_transform([r["features"] for r in train]), [r["label"] for r in train])
        probs = model.predict_proba(vec.transform([r["features"] for r in test]))[:, 1]
        out += list(zip(probs, [r["label"] for r in test]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="the folder of pulled dev-set texts")
    parser.add_argument("--fold", action="append", required=True, help="a fold to use (repeat)")
    args = parser.parse_args(argv)
    rows = candidate_pairs(args.texts, set(args.fold))
    print(f"{len(rows)} co-mentioned pairs; true: {sum(r['label'] for r in rows)}; paired by the rules: "
          f"{sum(r['rules'] for r in rows)}; true and not paired: {sum(r['label'] and not r['rules'] for r in rows)}")
    for c in (0.3, 1.0, 3.0):
        add = leave_one_fold_out(rows, 0, c)
        print(f"C={c} add (threshold: right added / wrong added):",
              ", ".join(f"{t}: {sum(l for p, l in add if p >= t)} / {sum(1 - l for p, l in add if p >= t)}"
                        for t in (0.5, 0.7, 0.8, 0.9)))
        drop = leave_one_fold_out(rows, 1, c)
        print(f"C={c} drop (threshold: right lost / wrong removed):",
              ", ".join(f"{t}: {sum(l for p, l in drop if p < t)} / {sum(1 - l for p, l in drop if p < t)}"
                        for t in (0.1, 0.2, 0.3, 0.5)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
