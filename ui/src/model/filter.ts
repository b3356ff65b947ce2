// Filters and keyboard navigation over the compare view. Pure: the view asks
// "what does this sentence show under this filter" and "where is the next
// difference", and applies the answer to the DOM.
import type { Relation } from "../generated/Relation";
import { docOf, otherEnd, worse, type Index, type Rel } from "./index";

export type Filter =
  | { kind: "all" }
  | { kind: "contradict" }
  | { kind: "unique" }
  | { kind: "versus"; doc: string };

/** What a sentence shows: a relation, or `muted` when the filter hides it. */
export type Shown = Rel | "muted";

export function shown(ix: Index, sid: string, f: Filter): Shown {
  const links = ix.links.get(sid) ?? [];
  switch (f.kind) {
    case "all":
      return ix.worst.get(sid) ?? "unique";
    case "contradict":
      return ix.worst.get(sid) === "contradict" || ix.internal.has(sid) ? "contradict" : "muted";
    case "unique":
      return links.length === 0 ? "unique" : "muted";
    case "versus": {
      const mine = docOf(sid) === f.doc;
      let w: Relation | null = null;
      for (const l of links) {
        if (mine || docOf(otherEnd(l, sid)) === f.doc) w = worse(w, l.relation);
      }
      if (w) return w;
      return mine ? "unique" : "muted";
    }
  }
}

/** Relations that count as differences for next/previous. */
export const DIFFERENCES: ReadonlySet<Shown> = new Set<Shown>(["diverge", "contradict", "unique"]);

/** Column order: in "one against the rest" the chosen report comes first. */
export function columnOrder(ix: Index, f: Filter): string[] {
  const ids = ix.cmp.documents.map((d) => d.id);
  if (f.kind !== "versus" || !ix.docPos.has(f.doc)) return ids;
  return [f.doc, ...ids.filter((d) => d !== f.doc)];
}

/** Every difference under a filter, column by column in reading order. */
export function differences(ix: Index, f: Filter): string[] {
  const out: string[] = [];
  for (const id of columnOrder(ix, f)) {
    const doc = ix.cmp.documents[ix.docPos.get(id)!];
    for (const s of doc.sentences) if (DIFFERENCES.has(shown(ix, s.id, f))) out.push(s.id);
  }
  return out;
}

/** The next (dir = 1) or previous (dir = -1) difference from `current`.
 * From nothing, the first (or last). At either end, stays put. */
export function step(ix: Index, f: Filter, list: string[], current: string | null, dir: 1 | -1): string | null {
  if (list.length === 0) return null;
  if (current === null) return dir === 1 ? list[0] : list[list.length - 1];
  const at = list.indexOf(current);
  if (at >= 0) return list[Math.max(0, Math.min(list.length - 1, at + dir))];
  // Not a difference itself: go to the nearest one in reading order.
  const order = columnOrder(ix, f);
  const key = (sid: string): number => {
    const r = ix.sentences.get(sid);
    return r ? order.indexOf(docOf(sid)) * 1e6 + r.sentence.index : -1;
  };
  const k = key(current);
  if (dir === 1) return list.find((s) => key(s) > k) ?? list[list.length - 1];
  for (let i = list.length - 1; i >= 0; i--) if (key(list[i]) < k) return list[i];
  return list[0];
}
