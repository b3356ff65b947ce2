// Story points × reports. Built once per comparison.
import { matrix, keepRow, type Row } from "../model/matrix";
import type { Index } from "../model/index";
import { h, replace } from "./dom";
import { chip, icon, MEANING } from "./legend";
import { docName, nameFor, type Naming } from "./names";

export class MatrixView {
  readonly root: HTMLElement;
  private readonly table = h("table", { class: "matrix" });
  private rows: { row: Row; tr: HTMLElement }[] = [];
  private onlyDiff = false;
  private readonly toggle = h("input", { attrs: { type: "checkbox", id: "matrix-only" } });

  constructor(private readonly jump: (sid: string) => void) {
    this.toggle.addEventListener("change", () => {
      this.onlyDiff = this.toggle.checked;
      for (const r of this.rows) r.tr.hidden = !keepRow(r.row, this.onlyDiff);
    });
    this.root = h(
      "section",
      { class: "view view-matrix", data: { view: "matrix" } },
      h(
        "div",
        { class: "toolbar" },
        h("div", { class: "legend" }, (["verbatim", "agree", "diverge", "contradict", "absent"] as const).map((r) => chip(r))),
        h("label", { class: "check" }, this.toggle, " Only story points with differences"),
      ),
      h("div", { class: "matrix-wrap" }, this.table),
    );
  }

  build(ix: Index, n: Naming): void {
    const rows = matrix(ix);
    const head = h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { class: "sp-head", attrs: { scope: "col" } }, `Story points (${rows.length})`),
        h("th", { class: "cov-head", attrs: { scope: "col" }, title: "How many reports tell it" }, "Told by"),
        ix.cmp.documents.map((d, i) => h("th", { class: "doc-head", attrs: { scope: "col" } }, h("span", { class: "doc-head-inner" }, h("span", { class: "col-letter" }, String(i + 1)), docName(n, d.id)))),
      ),
    );
    this.rows = rows.map((row) => {
      const tr = h(
        "tr",
        { data: { cluster: row.cluster.id } },
        h("th", { class: "sp", attrs: { scope: "row" }, title: row.cluster.label }, h("span", { class: "sp-label" }, row.cluster.label)),
        h("td", { class: "cov" }, `${row.cluster.coverage} / ${ix.cmp.documents.length}`),
        row.cells.map((c, i) => {
          const docId = ix.cmp.documents[i].id;
          if (c.mark === "absent") return h("td", { class: "cell absent", title: `${nameFor(n, docId)}: ${MEANING.absent}` }, icon("absent"));
          return h(
            "td",
            { class: `cell rel-${c.mark}` },
            h(
              "button",
              {
                class: `cell-btn rel-${c.mark}`,
                data: { sid: c.sentences[0] },
                title: `${c.mark}: ${MEANING[c.mark]} — click to read it`,
                attrs: { "aria-label": `${c.mark}, report ${i + 1}` },
                on: { click: () => this.jump(c.sentences[0]) },
              },
              icon(c.mark),
            ),
          );
        }),
      );
      tr.hidden = !keepRow(row, this.onlyDiff);
      return { row, tr };
    });
    replace(this.table, head, h("tbody", null, this.rows.map((r) => r.tr)));
  }
}
