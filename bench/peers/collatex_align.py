"""Align the reports with CollateX (the `collatex` package from PyPI) and
read sentence links off the alignment table: two sentences of different
reports are linked when at least half the words of the shorter one (and at
least two) sit in the same columns as equal words of the other.

Each report is one witness; tokens are words (normalised to lower case) that
carry their sentence index, so the table says which sentence a token came
from. Near matching is off (CollateX's default).

usage: collatex_align.py CORPUS_DIR OUT.json
"""
import json
import re
import sys
from collections import Counter, defaultdict
from itertools import combinations

from collatex import Collation, collate

from common import read_corpus, write

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def main():
    folder, out = sys.argv[1], sys.argv[2]
    docs = read_corpus(folder)
    witnesses = []
    length = {}
    for d, sents in docs.items():
        tokens = []
        for i, s in enumerate(sents):
            toks = TOKEN.findall(s)
            length[(d, i)] = sum(1 for t in toks if t[0].isalnum() or t[0] == "_")
            tokens.extend({"t": t + " ", "n": t.lower(), "s": i} for t in toks)
        witnesses.append({"id": d, "tokens": tokens})
    collation = Collation.create_from_dict({"witnesses": witnesses})
    table = json.loads(collate(collation, output="json", segmentation=False))
    sigils = table["witnesses"]
    rows = table["table"]
    shared = Counter()
    for col in range(len(rows[0]) if rows else 0):
        by_word = defaultdict(list)
        for w, row in enumerate(rows):
            cell = row[col]
            for tok in cell or []:
                if tok["n"][0].isalnum():
                    by_word[tok["n"]].append((sigils[w], tok["s"]))
        for occ in by_word.values():
            for (da, ia), (db, ib) in combinations(sorted(set(occ)), 2):
                if da != db:
                    shared[(da, ia, db, ib)] += 1
    links = []
    for (da, ia, db, ib), n in sorted(shared.items()):
        shorter = min(length[(da, ia)], length[(db, ib)])
        if n >= 2 and n * 2 >= shorter:
            links.append([da, ia, db, ib, "aligned"])
    write("collatex", docs, links, out)


if __name__ == "__main__":
    main()
