// What the detail panel shows for one link: both sentences with the word diff
// marked, and both with each reason's words marked.
import type { Link } from "../generated/Link";
import type { Span } from "../generated/Span";
import { inSentence, sliceSpan, docOf, type Index } from "./index";
import { paint, type Piece } from "./text";

export type DiffMark = "del" | "ins";

export interface LinkDetail {
  link: Link;
  /** Sentence a with words only in a marked `del`. */
  diffA: Piece<DiffMark>[];
  /** Sentence b with words only in b marked `ins`. */
  diffB: Piece<DiffMark>[];
  /** Sentence a and b with reason numbers (index into link.reasons). */
  reasonsA: Piece<number>[];
  reasonsB: Piece<number>[];
  /** Per reason, the words on each side. */
  words: { a: string[]; b: string[] }[];
}

function text(ix: Index, sid: string): string {
  return ix.sentences.get(sid)?.sentence.text ?? "";
}

export function linkDetail(ix: Index, link: Link): LinkDetail {
  const diffSpans = (which: "a" | "b", op: "delete" | "insert", tag: DiffMark) =>
    inSentence(
      ix,
      link[which],
      link.diff.filter((d) => d.op === op).map((d) => d[which]).filter((s): s is Span => s !== null),
    ).map((r) => ({ ...r, tag }));
  const reasonSpans = (which: "a" | "b") =>
    link.reasons.flatMap((r, i) =>
      inSentence(ix, link[which], which === "a" ? r.a_spans : r.b_spans).map((x) => ({ ...x, tag: i })),
    );
  return {
    link,
    diffA: paint(text(ix, link.a), diffSpans("a", "delete", "del")),
    diffB: paint(text(ix, link.b), diffSpans("b", "insert", "ins")),
    reasonsA: paint(text(ix, link.a), reasonSpans("a")),
    reasonsB: paint(text(ix, link.b), reasonSpans("b")),
    words: link.reasons.map((r) => ({
      a: r.a_spans.map((s) => sliceSpan(ix, docOf(link.a), s)),
      b: r.b_spans.map((s) => sliceSpan(ix, docOf(link.b), s)),
    })),
  };
}
