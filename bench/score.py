"""Score sentence links against the generator's ground truth.

usage: score.py CORPUS_DIR/truth.json LINKS.json [LINKS.json ...]
Prints one JSON object per links file: tool, precision, recall, F1, counts,
recall by kind of true pair, and per relation the number of links and how
many of them are true.

Truth: two sentences of different reports should be linked exactly when
they tell the same pool claim (copies, paraphrases, retellings in another
outlet's words and number, date or place changes of one claim all count: a
contradiction is still the same claim).
Each tool segments the reports itself, so each of its sentences is mapped to
the generated sentences it covers: those whose text it contains, else the
one that contains it, else the one sharing most words (at least half). A
link between two tool sentences stands for every pair of generated
sentences they cover.
"""
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict

WORD = re.compile(r"\w+", re.UNICODE)
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def norm(s):
    s = unicodedata.normalize("NFKC", s).translate(QUOTES)
    return " ".join(s.split()).lower()


def wordset(s):
    return set(WORD.findall(s))


def mapper(generated):
    """Map a tool sentence (text) to generated sentence indices."""
    gen = [norm(g) for g in generated]
    gws = [wordset(g) for g in gen]
    cache = {}

    def m(text):
        t = norm(text)
        if t in cache:
            return cache[t]
        hit = [i for i, g in enumerate(gen) if g and g in t]
        if not hit:
            hit = [i for i, g in enumerate(gen) if t and t in g][:1]
        if not hit:
            tw = wordset(t)
            best, bi = 0.0, None
            for i, gw in enumerate(gws):
                u = len(tw | gw)
                j = len(tw & gw) / u if u else 0.0
                if j > best:
                    best, bi = j, i
            hit = [bi] if bi is not None and best >= 0.5 else []
        cache[t] = hit
        return hit

    return m


def kind(ea, eb):
    """Which kind of true pair: verbatim, copy+one edit, or both edited."""
    if ea == eb == "copy":
        return "verbatim"
    if "copy" in (ea, eb):
        return ea if eb == "copy" else eb
    return "both-edited"


def truth_by_kind(truth):
    """Number of true pairs of each kind (a claim is told once per report)."""
    per_claim = defaultdict(Counter)
    for r in truth["reports"]:
        for s in r["sentences"]:
            if s["claim"] is not None:
                per_claim[s["claim"]][s["edit"]] += 1
    total = Counter()
    for edits in per_claim.values():
        ks = sorted(edits)
        for x, ea in enumerate(ks):
            total[kind(ea, ea)] += edits[ea] * (edits[ea] - 1) // 2
            for eb in ks[x + 1:]:
                total[kind(ea, eb)] += edits[ea] * edits[eb]
    return total


def score(truth, links_path, expected=None):
    with open(links_path, encoding="utf-8") as f:
        got = json.load(f)
    sents = {r["id"]: r["sentences"] for r in truth["reports"]}
    maps = {}
    tool_map = {}
    for d, texts in got["documents"].items():
        if d not in sents:
            continue
        m = mapper([s["text"] for s in sents[d]])
        tool_map[d] = [m(t) for t in texts]
    pairs = {}
    for da, ia, db, ib, *rel in got["links"]:
        if da == db or da not in tool_map or db not in tool_map:
            continue
        for ga in tool_map[da][ia]:
            for gb in tool_map[db][ib]:
                key = (da, ga, db, gb) if (da, ga) < (db, gb) else (db, gb, da, ga)
                pairs.setdefault(key, rel[0] if rel else "link")
    tp = 0
    tp_kind = Counter()
    by_rel, tp_rel = Counter(), Counter()
    for (da, ga, db, gb), rel in pairs.items():
        sa, sb = sents[da][ga], sents[db][gb]
        by_rel[rel] += 1
        if sa["claim"] is not None and sa["claim"] == sb["claim"]:
            tp += 1
            tp_rel[rel] += 1
            tp_kind[kind(sa["edit"], sb["edit"])] += 1
    expected = expected or truth_by_kind(truth)
    n_true = sum(expected.values())
    p = tp / len(pairs) if pairs else 0.0
    r = tp / n_true if n_true else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tool": got.get("tool"),
        "predicted_pairs": len(pairs),
        "true_positives": tp,
        "true_pairs": n_true,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "links_by_relation": {k: [v, tp_rel[k]] for k, v in sorted(by_rel.items())},
        "recall_by_kind": {k: round(tp_kind[k] / v, 4) for k, v in sorted(expected.items()) if v},
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        truth = json.load(f)
    expected = truth_by_kind(truth)
    for path in sys.argv[2:]:
        print(json.dumps(score(truth, path, expected)))


if __name__ == "__main__":
    main()
