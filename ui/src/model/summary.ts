// Per report: how much it shares, what it alone says, what it contradicts.
import { RELATIONS, docOf, otherEnd, type Index, type Rel } from "./index";

export interface Contradiction {
  sentence: string;
  /** The sentences it conflicts with (other reports, or its own for internal ones). */
  others: string[];
}

export interface ReportSummary {
  doc: string;
  sentences: number;
  counts: Record<Rel, number>;
  /** Sentences linked to at least one other report. */
  shared: number;
  /** Sentences no other report tells. */
  unique: string[];
  /** Its sentences in a contradiction with another report, each once. */
  contradicts: Contradiction[];
  /** Contradictions inside the report itself. */
  internal: Contradiction[];
}

export function summarise(ix: Index): ReportSummary[] {
  return ix.cmp.documents.map((d) => {
    const counts = Object.fromEntries(RELATIONS.map((r) => [r, 0])) as Record<Rel, number>;
    const unique: string[] = [];
    const contradicts: Contradiction[] = [];
    for (const s of d.sentences) {
      const w = ix.worst.get(s.id);
      counts[w ?? "unique"] += 1;
      if (!w) unique.push(s.id);
      const others = (ix.links.get(s.id) ?? []).filter((l) => l.relation === "contradict").map((l) => otherEnd(l, s.id));
      if (others.length) contradicts.push({ sentence: s.id, others });
    }
    const internal = ix.cmp.internal
      .filter((l) => docOf(l.a) === d.id)
      .map((l) => ({ sentence: l.a, others: [l.b] }));
    return {
      doc: d.id,
      sentences: d.sentences.length,
      counts,
      shared: d.sentences.length - unique.length,
      unique,
      contradicts,
      internal,
    };
  });
}

/** Bar segments as fractions of the longest report, for the chart. */
export function bars(s: ReportSummary, longest: number): { rel: Rel; count: number; width: number }[] {
  return RELATIONS.map((rel) => ({ rel, count: s.counts[rel], width: longest > 0 ? s.counts[rel] / longest : 0 })).filter(
    (b) => b.count > 0,
  );
}
