"""Score sentence links against the hand annotation of the sample corpus
(`sample-articles/bolivia-2019/EXPECTED.json`), for any tool that writes the
benchmark's common link shape (see bench/peers/common.py).

usage: sample_score.py CORPUS_DIR LINKS.json [LINKS.json ...]
Prints one JSON object per links file.

The generator's corpora (bench/score.py) rewrite sentences with a lexicon and
a few edits, so a claim stays close to its wording there. The sample reports
were written by hand, each outlet in its own words: this is where a tool
shows whether it finds the same claim told differently.

The annotation is not exhaustive, so the measures follow the corpus test
(tests/common/mod.rs, `score`):
- link recall: annotated links (any relation) whose two sentences the tool
  links;
- link precision: those found against those found plus annotated traps
  (`not_links`: related sentences that are not one claim) the tool links;
- per annotated relation, how many of its pairs are linked: a contradiction
  no tool aligns is one no reader is shown;
- contradictions named: annotated contradictions the tool labels
  `contradict` (only a tool that labels relations can);
- unique: annotated unique sentences the tool leaves unlinked.

Each tool segments the reports itself. A tool sentence covers an annotated
sentence when their places in the report's text overlap (the way the corpus
test finds Parallax's sentences); texts are compared with whitespace and
quote marks folded, and Markdown emphasis removed.
"""
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

# The peers strip the front matter this way; the scorer reads the reports alike.
sys.path.insert(0, str(Path(__file__).parent / "peers"))
from common import body  # noqa: E402

QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
EMPHASIS = re.compile(r"[*_`]+")


def norm(s):
    s = unicodedata.normalize("NFC", s).translate(QUOTES)
    s = EMPHASIS.sub("", s)
    return " ".join(s.split())


def locate(text, sentences):
    """Span of each sentence in `text` (both normalised), searched in order;
    None where a sentence is not found."""
    spans, cursor = [], 0
    for s in sentences:
        s = norm(s)
        at = text.find(s, cursor) if s else -1
        if at < 0 and s:
            at = text.find(s)
        if at < 0:
            spans.append(None)
            continue
        spans.append((at, at + len(s)))
        cursor = at + len(s)
    return spans


def score(corpus, expected, links_path):
    with open(links_path, encoding="utf-8") as f:
        got = json.load(f)
    texts = {p.stem: norm(body(p.read_text(encoding="utf-8"))) for p in Path(corpus).glob("*.md")}
    spans = {d: locate(texts.get(d, ""), ss) for d, ss in got["documents"].items()}
    unplaced = sum(1 for ss in spans.values() for s in ss if s is None)

    def covering(ref):
        """Indices of the tool's sentences of `ref`'s report that overlap it."""
        d = ref["doc"]
        t = norm(ref["text"])
        at = texts.get(d, "").find(t)
        if at < 0 or d not in spans:
            return set()
        lo, hi = at, at + len(t)
        return {i for i, s in enumerate(spans[d]) if s and s[0] < hi and lo < s[1]}

    linked = {}
    for da, ia, db, ib, *rel in got["links"]:
        r = rel[0] if rel else "link"
        linked.setdefault((da, ia, db, ib), r)
        linked.setdefault((db, ib, da, ia), r)

    def relation(a, b):
        rels = [
            linked[(a["doc"], i, b["doc"], j)]
            for i in covering(a)
            for j in covering(b)
            if (a["doc"], i, b["doc"], j) in linked
        ]
        if not rels:
            return None
        order = ["link", "verbatim", "agree", "diverge", "contradict"]
        return max(rels, key=lambda x: order.index(x) if x in order else 0)

    tp = fn = fp = 0
    by_rel, by_rel_found = Counter(), Counter()
    named = 0
    for l in expected["links"]:
        want = l.get("relation") or "agree"
        r = relation(l["a"], l["b"])
        by_rel[want] += 1
        if r is None:
            fn += 1
        else:
            tp += 1
            by_rel_found[want] += 1
            if want == "contradict" and r == "contradict":
                named += 1
    for l in expected["not_links"]:
        if relation(l["a"], l["b"]) is not None:
            fp += 1
    linked_sentences = {(k[0], k[1]) for k in linked}
    unique_kept = sum(
        1
        for u in expected["unique"]
        if covering(u) and not any((u["doc"], i) in linked_sentences for i in covering(u))
    )
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tool": got.get("tool"),
        "links_made": len(linked) // 2,
        "sentences_not_placed": unplaced,
        "link_precision": round(p, 3),
        "link_recall": round(r, 3),
        "link_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "traps_linked": fp,
        "traps": len(expected["not_links"]),
        "linked_by_relation": {k: [by_rel_found[k], v] for k, v in sorted(by_rel.items())},
        "contradictions_named": [named, by_rel["contradict"]],
        "unique_left_unlinked": [unique_kept, len(expected["unique"])],
    }


def main():
    corpus = sys.argv[1]
    with open(Path(corpus) / "EXPECTED.json", encoding="utf-8") as f:
        expected = json.load(f)
    for path in sys.argv[2:]:
        print(json.dumps(score(corpus, expected, path)))


if __name__ == "__main__":
    main()
