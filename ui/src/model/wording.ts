// Framing terms per report and quotes across reports.
import type { DiffOp } from "../generated/DiffOp";
import type { QuoteMatch } from "../generated/QuoteMatch";
import type { Span } from "../generated/Span";
import type { Voice } from "../generated/Voice";
import { docOf, sliceSpan, type Index } from "./index";
import { paint, byteMap, type Piece } from "./text";

export interface TermUse {
  concept: string;
  voice: Voice;
  /** The words as the report wrote them. */
  term: string;
  sentence: string;
}

export interface FramingFamily {
  family: string;
  concepts: string[];
  /** Per report (in report order): the terms it uses in this family. */
  uses: TermUse[][];
}

export function framing(ix: Index): FramingFamily[] {
  const fams = new Map<string, FramingFamily>();
  for (const f of ix.cmp.framing) {
    let fam = fams.get(f.family);
    if (!fam) {
      fam = { family: f.family, concepts: [], uses: ix.cmp.documents.map(() => []) };
      fams.set(f.family, fam);
    }
    if (!fam.concepts.includes(f.concept)) fam.concepts.push(f.concept);
    const pos = ix.docPos.get(docOf(f.sentence));
    if (pos === undefined) continue;
    fam.uses[pos].push({ concept: f.concept, voice: f.voice, term: sliceSpan(ix, docOf(f.sentence), f.span), sentence: f.sentence });
  }
  return [...fams.values()];
}

export type QuoteTag = "del" | "ins";

export interface QuoteView {
  match: QuoteMatch;
  a: Piece<QuoteTag>[];
  b: Piece<QuoteTag>[];
}

/** A quote's text with the character diff marked (`del` on a, `ins` on b). */
function side(ix: Index, sid: string, span: Span, diff: DiffOp[], which: "a" | "b"): Piece<QuoteTag>[] {
  const text = sliceSpan(ix, docOf(sid), span);
  const m = byteMap(text);
  const tag: QuoteTag = which === "a" ? "del" : "ins";
  const ranges = diff
    .filter((d) => d.op === (which === "a" ? "delete" : "insert"))
    .map((d) => d[which])
    .filter((s): s is Span => s !== null)
    .map((s) => ({ start: m[Math.max(0, Math.min(m.length - 1, s.start - span.start))], end: m[Math.max(0, Math.min(m.length - 1, s.end - span.start))], tag }));
  return paint(text, ranges);
}

export function quotes(ix: Index): QuoteView[] {
  return ix.cmp.quotes.map((q) => ({
    match: q,
    a: side(ix, q.a.sentence, q.a.span, q.diff, "a"),
    b: side(ix, q.b.sentence, q.b.span, q.diff, "b"),
  }));
}
