// Lookups over one Comparison, built once when it arrives. Everything the
// views ask per hover or per click is a map lookup from here.
import type { Cluster } from "../generated/Cluster";
import type { Comparison } from "../generated/Comparison";
import type { Document } from "../generated/Document";
import type { Link } from "../generated/Link";
import type { Relation } from "../generated/Relation";
import type { Sentence } from "../generated/Sentence";
import type { Span } from "../generated/Span";
import { byteMap } from "./text";

/** The product's five words, in reading order of the legend. */
export const RELATIONS = ["verbatim", "agree", "diverge", "contradict", "unique"] as const;
/** A relation of a link, or `unique` for a sentence no other report matches. */
export type Rel = Relation | "unique";

/** How serious a relation is: the worst one colours a sentence. */
export const SEVERITY: Record<Relation, number> = { verbatim: 0, agree: 1, diverge: 2, contradict: 3 };

/** The worse of two relations (null = none yet). */
export function worse(a: Relation | null, b: Relation): Relation {
  return a === null || SEVERITY[b] > SEVERITY[a] ? b : a;
}

export interface SentenceRef {
  doc: number;
  sentence: Sentence;
}

export interface Index {
  cmp: Comparison;
  docPos: Map<string, number>;
  sentences: Map<string, SentenceRef>;
  links: Map<string, Link[]>;
  internal: Map<string, Link[]>;
  cluster: Map<string, Cluster>;
  /** Worst cross-report relation per sentence (absent = unique). */
  worst: Map<string, Relation>;
  byteMaps: Map<string, Uint32Array>;
}

/** The document id of a sentence id (`"doc:12"` → `"doc"`). */
export function docOf(sid: string): string {
  const i = sid.lastIndexOf(":");
  return i < 0 ? sid : sid.slice(0, i);
}

/** The other end of a link. */
export function otherEnd(link: Link, sid: string): string {
  return link.a === sid ? link.b : link.a;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function buildIndex(cmp: Comparison): Index {
  const docPos = new Map<string, number>();
  const sentences = new Map<string, SentenceRef>();
  cmp.documents.forEach((d, i) => {
    docPos.set(d.id, i);
    for (const s of d.sentences) sentences.set(s.id, { doc: i, sentence: s });
  });
  const links = new Map<string, Link[]>();
  const worst = new Map<string, Relation>();
  for (const l of cmp.links) {
    push(links, l.a, l);
    push(links, l.b, l);
    worst.set(l.a, worse(worst.get(l.a) ?? null, l.relation));
    worst.set(l.b, worse(worst.get(l.b) ?? null, l.relation));
  }
  const internal = new Map<string, Link[]>();
  for (const l of cmp.internal) {
    push(internal, l.a, l);
    push(internal, l.b, l);
  }
  const cluster = new Map<string, Cluster>();
  for (const c of cmp.clusters) for (const s of c.sentences) cluster.set(s, c);
  return { cmp, docPos, sentences, links, internal, cluster, worst, byteMaps: new Map() };
}

export function documentOf(ix: Index, sid: string): Document | undefined {
  const r = ix.sentences.get(sid);
  return r ? ix.cmp.documents[r.doc] : undefined;
}

function mapFor(ix: Index, doc: Document): Uint32Array {
  let m = ix.byteMaps.get(doc.id);
  if (!m) {
    m = byteMap(doc.text);
    ix.byteMaps.set(doc.id, m);
  }
  return m;
}

/** A document's text under a byte span. */
export function sliceSpan(ix: Index, docId: string, span: Span): string {
  const doc = ix.cmp.documents[ix.docPos.get(docId) ?? -1];
  if (!doc) return "";
  const m = mapFor(ix, doc);
  const at = (b: number) => m[Math.max(0, Math.min(m.length - 1, b))];
  return doc.text.slice(at(span.start), at(span.end));
}

/** Byte spans of a document as string ranges inside one of its sentences'
 * text (spans outside the sentence are dropped). */
export function inSentence(ix: Index, sid: string, spans: Span[]): { start: number; end: number }[] {
  const ref = ix.sentences.get(sid);
  if (!ref) return [];
  const doc = ix.cmp.documents[ref.doc];
  const m = mapFor(ix, doc);
  const s = ref.sentence;
  const base = m[s.start];
  return spans
    .filter((sp) => sp.end > s.start && sp.start < s.end)
    .map((sp) => ({
      start: m[Math.max(sp.start, s.start)] - base,
      end: m[Math.min(sp.end, s.end)] - base,
    }));
}

/** Sentences linked to `sid` (other reports), and those it contradicts in its
 * own report. */
export function counterparts(ix: Index, sid: string): { direct: string[]; internal: string[]; cluster: string[] } {
  const direct = (ix.links.get(sid) ?? []).map((l) => otherEnd(l, sid));
  const internal = (ix.internal.get(sid) ?? []).map((l) => otherEnd(l, sid));
  const seen = new Set([sid, ...direct]);
  const cluster = (ix.cluster.get(sid)?.sentences ?? []).filter((s) => !seen.has(s));
  return { direct, internal, cluster };
}

/** "Told by k of N reports". */
export function toldBy(ix: Index, sid: string): { k: number; n: number } {
  return { k: ix.cluster.get(sid)?.coverage ?? 1, n: ix.cmp.documents.length };
}

/** Links of a sentence, most serious first, then in report order. */
export function linksBySeverity(ix: Index, sid: string): Link[] {
  const pos = (l: Link) => ix.sentences.get(otherEnd(l, sid))?.doc ?? 0;
  return [...(ix.links.get(sid) ?? [])].sort((x, y) => SEVERITY[y.relation] - SEVERITY[x.relation] || pos(x) - pos(y));
}
