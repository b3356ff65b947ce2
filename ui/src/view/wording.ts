// Framing terms per report (own voice vs attributed) and quotes across
// reports with their character diffs.
import { framing, quotes } from "../model/wording";
import { docOf, type Index } from "../model/index";
import { h, replace } from "./dom";
import { docName, type Naming } from "./names";

export class WordingView {
  readonly root: HTMLElement;
  private readonly framingEl = h("div", { class: "framing" });
  private readonly quotesEl = h("div", { class: "quotes" });

  constructor(private readonly jump: (sid: string) => void) {
    this.root = h(
      "section",
      { class: "view view-wording", data: { view: "wording" } },
      h(
        "div",
        { class: "wording-cols" },
        h("div", { class: "wording-col" }, h("h2", null, "Framing"), h("p", { class: "lede" }, "The words each report uses for the same things. ", h("span", { class: "term own" }, "own voice"), " the outlet says it itself; ", h("span", { class: "term attributed" }, "attributed"), " it quotes or attributes it to someone."), this.framingEl),
        h("div", { class: "wording-col" }, h("h2", null, "Quotes across reports"), h("p", { class: "lede" }, "The same quotation as each report gives it. ", h("del", null, "struck"), ": only in the first; ", h("ins", null, "underlined"), ": only in the second."), this.quotesEl),
      ),
    );
  }

  build(ix: Index, n: Naming): void {
    const fams = framing(ix);
    replace(
      this.framingEl,
      fams.length === 0
        ? h("p", { class: "muted" }, "No framing terms found in these reports.")
        : fams.map((f) =>
            h(
              "section",
              { class: "family" },
              h("h3", null, f.family),
              h(
                "table",
                { class: "family-table" },
                h(
                  "tbody",
                  null,
                  ix.cmp.documents.map((d, i) =>
                    h(
                      "tr",
                      { class: f.uses[i].length ? "" : "none" },
                      h("th", { attrs: { scope: "row" } }, docName(n, d.id)),
                      h(
                        "td",
                        null,
                        f.uses[i].length
                          ? f.uses[i].map((u) =>
                              h(
                                "button",
                                {
                                  class: `term ${u.voice}`,
                                  title: `${u.concept} — ${u.voice === "own" ? "in the outlet's own voice" : "attributed to someone else"}; click to read`,
                                  on: { click: () => this.jump(u.sentence) },
                                },
                                u.voice === "attributed" ? `“${u.term}”` : u.term,
                                h("span", { class: "concept" }, u.concept),
                              ),
                            )
                          : h("span", { class: "muted" }, "—"),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
    const qs = quotes(ix);
    replace(
      this.quotesEl,
      qs.length === 0
        ? h("p", { class: "muted" }, "No quotation appears in more than one report.")
        : qs.map((q) =>
            h(
              "article",
              { class: `quote ${q.match.identical ? "identical" : "changed"}` },
              h(
                "header",
                null,
                h("span", { class: "speaker" }, q.match.a.speaker ?? q.match.b.speaker ?? "Unattributed"),
                h("span", { class: `badge ${q.match.identical ? "same" : "diff"}` }, q.match.identical ? "= identical" : "≠ worded differently"),
              ),
              side(n, q.match.a.sentence, q.a, this.jump),
              side(n, q.match.b.sentence, q.b, this.jump),
            ),
          ),
    );
  }
}

function side(n: Naming, sid: string, pieces: { text: string; tags: string[] }[], jump: (sid: string) => void): HTMLElement {
  return h(
    "div",
    { class: "quote-side" },
    h("button", { class: "link-btn", on: { click: () => jump(sid) } }, docName(n, docOf(sid))),
    h("p", null, "“", pieces.map((p) => (p.tags.includes("del") ? h("del", null, p.text) : p.tags.includes("ins") ? h("ins", null, p.text) : p.text)), "”"),
  );
}
