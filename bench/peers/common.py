"""Shared by the peer aligners: read a corpus folder the way a script
written in an afternoon would (strip the YAML front matter, split paragraphs
on blank lines and sentences after . ! or ? followed by a space), and write
links in the benchmark's common shape:

    {"tool": NAME,
     "documents": {doc id: [sentence text, ...]},
     "links": [[doc a, sentence index, doc b, sentence index, relation], ...]}
"""
import json
import re
import sys
from pathlib import Path

SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9ÁÉÍÓÚÑ])")
WORD = re.compile(r"\w+", re.UNICODE)


def body(text):
    """The text after a leading YAML front matter block."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def sentences(text):
    out = []
    for para in re.split(r"\n\s*\n", body(text)):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in SENTENCE_END.finditer(para):
            out.append(para[start:m.end()].strip())
            start = m.end()
        if para[start:].strip():
            out.append(para[start:].strip())
    return out


def read_corpus(folder):
    """{doc id (file stem): [sentences]} for every .md file, sorted by name."""
    docs = {}
    for p in sorted(Path(folder).glob("*.md")):
        docs[p.stem] = sentences(p.read_text(encoding="utf-8"))
    return docs


def words(s):
    return [w.lower() for w in WORD.findall(s)]


def write(tool, docs, links, out=None):
    data = {"tool": tool, "documents": docs, "links": links}
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump(data, f)
    else:
        json.dump(data, sys.stdout)
