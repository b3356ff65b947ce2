// A small comparison built by hand, with byte offsets computed the way the
// engine computes them (UTF-8), including non-ASCII text.
import type { Comparison } from "../src/generated/Comparison";
import type { Document } from "../src/generated/Document";
import type { Link } from "../src/generated/Link";
import type { Span } from "../src/generated/Span";

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s).length;

function doc(id: string, outlet: string, sentences: string[][]): Document {
  const paras = sentences.map((p) => p.join(" "));
  const text = paras.join("\n\n");
  const out: Document = {
    id,
    path: `${id}.md`,
    source: "markdown",
    meta: { title: `${outlet} headline`, outlet, date: "2019-11-16", language: "en", url: null, byline: null },
    language: "en",
    text,
    sha256: "",
    sentences: [],
  };
  let pos = 0;
  let index = 0;
  sentences.forEach((p, pi) => {
    p.forEach((s, si) => {
      const at = text.indexOf(s, pos);
      const start = bytes(text.slice(0, at));
      out.sentences.push({ id: `${id}:${index}`, index, paragraph: pi, start, end: start + bytes(s), text: s, marks: [] });
      index++;
      pos = at + s.length;
      void si;
    });
  });
  return out;
}

/** Byte span of `word` inside a document's text (first occurrence after `from`). */
export function spanOf(d: Document, word: string, from = 0): Span {
  const at = d.text.indexOf(word, from);
  if (at < 0) throw new Error(`${word} not in ${d.id}`);
  const start = bytes(d.text.slice(0, at));
  return { start, end: start + bytes(word) };
}

export const wire = doc("wire", "Andean Wire", [
  ["Nine people were killed in Sacaba on Friday, the Ombudsman said.", "Jeanine Áñez took office on Tuesday."],
  ["Police fired tear gas at marchers.", "The march began in Chapare."],
]);
export const early = doc("early", "Harborlight", [
  ["Three people were killed in Sacaba on Friday, officials said.", "Áñez took office on Tuesday."],
  ["Nobody was hurt in La Paz.", "Five people died, the paper said.", "Ten people died, it later said."],
]);
export const third = doc("third", "Ledger", [["Police fired tear gas at marchers.", "Schools closed early."]]);

const killed: Link = {
  a: "early:0",
  b: "wire:0",
  relation: "contradict",
  score: 0.93,
  paraphrase: 0.2,
  reasons: [
    {
      kind: "number",
      conflict: true,
      a_spans: [spanOf(early, "Three")],
      b_spans: [spanOf(wire, "Nine")],
      explanation: "three vs nine people killed",
    },
    { kind: "shared", conflict: false, a_spans: [spanOf(early, "Sacaba")], b_spans: [spanOf(wire, "Sacaba")], explanation: "Both name Sacaba" },
  ],
  evidence: [{ feature: "idf_overlap", description: "they share rare words (Sacaba, killed)", weight: 2.1 }],
  diff: [
    { op: "delete", a: spanOf(early, "Three"), b: null },
    { op: "insert", a: null, b: spanOf(wire, "Nine") },
    { op: "equal", a: spanOf(early, "people were killed in Sacaba on Friday"), b: spanOf(wire, "people were killed in Sacaba on Friday") },
  ],
};
const anez: Link = {
  a: "early:1",
  b: "wire:1",
  relation: "diverge",
  score: 0.9,
  paraphrase: 0.6,
  reasons: [{ kind: "missing-detail", conflict: false, a_spans: [], b_spans: [spanOf(wire, "Jeanine")], explanation: "Only one gives her first name" }],
  evidence: [],
  diff: [
    { op: "insert", a: null, b: spanOf(wire, "Jeanine") },
    { op: "equal", a: spanOf(early, "Áñez took office on Tuesday"), b: spanOf(wire, "Áñez took office on Tuesday") },
  ],
};
const gas: Link = {
  a: "third:0",
  b: "wire:2",
  relation: "verbatim",
  score: 0.99,
  paraphrase: 0.99,
  reasons: [],
  evidence: [],
  diff: [{ op: "equal", a: spanOf(third, "Police fired tear gas at marchers"), b: spanOf(wire, "Police fired tear gas at marchers") }],
};
const internal: Link = {
  a: "early:3",
  b: "early:4",
  relation: "contradict",
  score: 0.8,
  paraphrase: 0.1,
  reasons: [{ kind: "number", conflict: true, a_spans: [spanOf(early, "Five")], b_spans: [spanOf(early, "Ten")], explanation: "five vs ten" }],
  evidence: [],
  diff: [],
};

export const fixture: Comparison = {
  schema: "parallax.comparison/1",
  generator: { name: "parallax", version: "0.1.0", created: "2019-11-20T00:00:00Z" },
  documents: [wire, early, third],
  links: [killed, anez, gas],
  internal: [internal],
  clusters: [
    { id: "c1", sentences: ["wire:0", "early:0"], documents: ["wire", "early"], coverage: 2, relation: "contradict", label: wire.sentences[0].text },
    { id: "c2", sentences: ["wire:1", "early:1"], documents: ["wire", "early"], coverage: 2, relation: "diverge", label: wire.sentences[1].text },
    { id: "c3", sentences: ["wire:2", "third:0"], documents: ["wire", "third"], coverage: 2, relation: "verbatim", label: wire.sentences[2].text },
  ],
  unique: ["wire:3", "early:2", "early:3", "early:4", "third:1"],
  quotes: [],
  framing: [
    { sentence: "wire:2", span: spanOf(wire, "Police"), concept: "police", family: "who acted", voice: "own" },
    { sentence: "third:0", span: spanOf(third, "Police"), concept: "police", family: "who acted", voice: "attributed" },
  ],
  topics: [],
};
