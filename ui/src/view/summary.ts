// Per report: what it shares, what it alone says, what it contradicts, with
// a bar chart of its sentences by relation (colour + pattern + count).
import { bars, summarise } from "../model/summary";
import { docOf, RELATIONS, type Index } from "../model/index";
import { h, replace } from "./dom";
import { chip, ICON, MEANING } from "./legend";
import { docMeta, docName, type Naming } from "./names";

export class SummaryView {
  readonly root: HTMLElement;
  private readonly body = h("div", { class: "summary" });

  constructor(private readonly jump: (sid: string) => void) {
    this.root = h(
      "section",
      { class: "view view-summary", data: { view: "summary" } },
      h("div", { class: "toolbar" }, h("div", { class: "legend" }, RELATIONS.map((r) => chip(r)))),
      this.body,
    );
  }

  build(ix: Index, n: Naming): void {
    const sums = summarise(ix);
    const longest = Math.max(1, ...sums.map((s) => s.sentences));
    const text = (sid: string) => ix.sentences.get(sid)?.sentence.text ?? sid;
    const sentenceBtn = (sid: string, extra?: HTMLElement) =>
      h("li", null, h("button", { class: "link-btn sentence-link", on: { click: () => this.jump(sid) } }, text(sid)), extra ?? null);
    const chart = h(
      "div",
      { class: "chart", attrs: { role: "img", "aria-label": "Sentences of each report by relation" } },
      sums.map((s) =>
        h(
          "div",
          { class: "chart-row" },
          h("div", { class: "chart-name" }, docName(n, s.doc)),
          h(
            "div",
            { class: "chart-bar" },
            bars(s, longest).map((b) => {
              const seg = h("span", { class: `seg-bar rel-${b.rel}`, title: `${b.count} ${b.rel}: ${MEANING[b.rel]}` }, b.width > 0.06 ? `${ICON[b.rel]} ${b.count}` : "");
              seg.style.width = `${b.width * 100}%`;
              return seg;
            }),
          ),
          h("div", { class: "chart-total" }, `${s.sentences}`),
        ),
      ),
    );
    const cards = sums.map((s) =>
      h(
        "article",
        { class: "sum-card", data: { doc: s.doc } },
        h("header", null, docName(n, s.doc, "docname strong"), docMeta(n, s.doc)),
        h(
          "p",
          { class: "sum-line" },
          h("strong", null, `${s.shared} of ${s.sentences}`),
          " sentences shared with other reports · ",
          h("strong", null, String(s.unique.length)),
          " only here · ",
          h("strong", null, String(s.contradicts.length)),
          ` in a contradiction`,
        ),
        s.internal.length ? h("p", { class: "internal-note" }, `⇄ Contradicts itself ${s.internal.length} time${s.internal.length > 1 ? "s" : ""}`) : null,
        s.contradicts.length
          ? h(
              "details",
              { attrs: { open: "" } },
              h("summary", null, `${ICON.contradict} What it contradicts`),
              h(
                "ul",
                { class: "sum-list" },
                s.contradicts.map((c) =>
                  sentenceBtn(
                    c.sentence,
                    h("span", { class: "muted against" }, "against ", [...new Set(c.others.map(docOf))].map((d, i) => [i ? ", " : "", docName(n, d)])),
                  ),
                ),
              ),
            )
          : null,
        s.unique.length
          ? h("details", null, h("summary", null, `${ICON.unique} What it alone says (${s.unique.length})`), h("ul", { class: "sum-list" }, s.unique.map((u) => sentenceBtn(u))))
          : null,
        s.internal.length
          ? h("details", null, h("summary", null, "⇄ Internal contradictions"), h("ul", { class: "sum-list" }, s.internal.map((c) => sentenceBtn(c.sentence, h("span", { class: "muted against" }, "against its own: ", c.others.map(text).join(" / "))))))
          : null,
      ),
    );
    replace(this.body, h("h2", null, "Sentences by relation"), chart, h("div", { class: "sum-cards" }, cards));
  }
}
