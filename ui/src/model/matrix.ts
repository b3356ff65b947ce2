// Story points (clusters) × reports.
import type { Cluster } from "../generated/Cluster";
import type { Relation } from "../generated/Relation";
import { docOf, worse, type Index } from "./index";

/** What a report does with a story point. */
export type CellMark = Relation | "absent";

export interface Cell {
  mark: CellMark;
  /** The report's sentences in this story point, in reading order. */
  sentences: string[];
}

export interface Row {
  cluster: Cluster;
  cells: Cell[];
}

/** One row per story point, one cell per report (in report order). The mark
 * is the worst relation of that report's sentences to the others in the
 * story point. */
export function matrix(ix: Index): Row[] {
  return ix.cmp.clusters.map((cluster) => {
    const cells: Cell[] = ix.cmp.documents.map(() => ({ mark: "absent", sentences: [] }));
    for (const sid of cluster.sentences) {
      const pos = ix.docPos.get(docOf(sid));
      if (pos === undefined) continue;
      const cell = cells[pos];
      cell.sentences.push(sid);
      let w: Relation | null = cell.mark === "absent" ? null : cell.mark;
      for (const l of ix.links.get(sid) ?? []) w = worse(w, l.relation);
      if (w) cell.mark = w;
    }
    return { cluster, cells };
  });
}

/** Rows kept by the matrix filter: all, or only those with a difference. */
export function keepRow(row: Row, onlyDifferences: boolean): boolean {
  return !onlyDifferences || row.cluster.relation === "diverge" || row.cluster.relation === "contradict";
}
