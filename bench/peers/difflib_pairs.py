"""The aligner someone would write in an afternoon: every sentence of every
report against every sentence of every other report with Python's
difflib.SequenceMatcher over lower-cased words; a pair whose ratio reaches
0.6 is a link. The cheap upper bounds (real_quick_ratio, quick_ratio) skip
most pairs before the full ratio is computed.

usage: difflib_pairs.py CORPUS_DIR OUT.json [THRESHOLD]

THRESHOLD (default 0.6) is only changed for the sweep on the sample corpus,
which shows what the best threshold would give on hand-written reports.
"""
import sys
from difflib import SequenceMatcher

from common import read_corpus, words, write

THRESHOLD = 0.6


def main():
    folder, out = sys.argv[1], sys.argv[2]
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else THRESHOLD
    docs = read_corpus(folder)
    ids = list(docs)
    toks = {d: [words(s) for s in docs[d]] for d in ids}
    links = []
    sm = SequenceMatcher(None, autojunk=False)
    for x, da in enumerate(ids):
        for i, a in enumerate(toks[da]):
            # seq2 is cached by SequenceMatcher: set it once per sentence.
            sm.set_seq2(a)
            for db in ids[x + 1:]:
                for j, b in enumerate(toks[db]):
                    sm.set_seq1(b)
                    if (sm.real_quick_ratio() >= threshold
                            and sm.quick_ratio() >= threshold
                            and sm.ratio() >= threshold):
                        links.append([da, i, db, j, "similar"])
    write("difflib", docs, links, out)


if __name__ == "__main__":
    main()
