// The detail panel for one sentence: its links with reasons, word diff and
// matcher evidence, "told by k of N", and contradictions inside its report.
import type { Link } from "../generated/Link";
import { linkDetail, type DiffMark } from "../model/detail";
import { docOf, linksBySeverity, otherEnd, toldBy, type Index } from "../model/index";
import type { Piece } from "../model/text";
import { h, type Child } from "./dom";
import { chip } from "./legend";
import { docName, type Naming } from "./names";

export interface DetailActions {
  jump(sid: string): void;
  close(): void;
}

function pieces<T>(ps: Piece<T>[], cls: (t: T[]) => string): Child[] {
  return ps.map((p) => (p.tags.length ? h("mark", { class: cls(p.tags) }, p.text) : p.text));
}

function sentenceNo(ix: Index, sid: string): string {
  const r = ix.sentences.get(sid);
  return r ? `sentence ${r.sentence.index + 1}` : sid;
}

function linkCard(ix: Index, n: Naming, link: Link, from: string, act: DetailActions, internal: boolean): HTMLElement {
  const d = linkDetail(ix, link);
  const other = otherEnd(link, from);
  const side = (sid: string, body: Child[], cls: string) =>
    h("div", { class: `side ${cls}` }, h("div", { class: "side-head" }, docName(n, docOf(sid)), h("span", { class: "muted" }, ` · ${sentenceNo(ix, sid)}`)), h("p", { class: "side-text" }, body));
  const reasonCls = (tags: number[]) => tags.map((t) => `r${t % 4}${link.reasons[t].conflict ? " conflict" : ""}`).join(" ");
  const diffCls = (tags: DiffMark[]) => tags.join(" ");
  return h(
    "article",
    { class: `link rel-${link.relation}`, data: { link: `${link.a}|${link.b}` } },
    h(
      "header",
      null,
      chip(link.relation),
      h("span", { class: "vs" }, internal ? "inside the same report, " : "with ", internal ? sentenceNo(ix, other) : docName(n, docOf(other))),
      h("button", { class: "ghost small", title: "Show this sentence in its column", on: { click: () => act.jump(other) } }, "Show ›"),
    ),
    h("p", { class: "scores" }, `Same claim: ${pct(link.score)} · no material difference: ${pct(link.paraphrase)}`),
    h("h4", null, "Reasons"),
    link.reasons.length
      ? h(
          "ol",
          { class: "reasons" },
          link.reasons.map((r, i) =>
            h(
              "li",
              { class: `r${i % 4}${r.conflict ? " conflict" : ""}` },
              h("span", { class: "reason-kind" }, r.kind, r.conflict ? " · conflict" : ""),
              h("span", { class: "reason-text" }, r.explanation),
              r.kind !== "shared" && (d.words[i].a.length || d.words[i].b.length)
                ? h("span", { class: "reason-words" }, quoteList(d.words[i].a), " ↔ ", quoteList(d.words[i].b))
                : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, "No typed reason."),
    h("div", { class: "pair reasons-pair" }, side(link.a, pieces(d.reasonsA, reasonCls), "a"), side(link.b, pieces(d.reasonsB, reasonCls), "b")),
    h("h4", null, "Word diff ", h("span", { class: "muted note" }, "· struck: only in the first · underlined: only in the second")),
    h("div", { class: "pair diff" }, side(link.a, pieces(d.diffA, diffCls), "a"), side(link.b, pieces(d.diffB, diffCls), "b")),
    link.evidence.length ? h("h4", null, "Matcher evidence") : null,
    link.evidence.length
      ? h(
          "ul",
          { class: "evidence" },
          link.evidence.map((c) => {
            const bar = h("span", { class: `bar ${c.weight >= 0 ? "pos" : "neg"}` });
            bar.style.width = `${Math.min(100, Math.abs(c.weight) * 20)}%`;
            return h(
              "li",
              { title: c.feature },
              h("span", { class: "ev-text" }, c.description),
              h("span", { class: "ev-bar" }, bar),
              h("span", { class: "ev-w" }, (c.weight >= 0 ? "+" : "−") + Math.abs(c.weight).toFixed(2)),
            );
          }),
        )
      : null,
  );
}

function quoteList(ws: string[]): Child {
  return ws.length ? ws.map((w, i) => [i ? ", " : "", h("q", null, w)]) : h("span", { class: "muted" }, "—");
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function renderDetail(ix: Index, n: Naming, sid: string, act: DetailActions): HTMLElement {
  const ref = ix.sentences.get(sid);
  if (!ref) return h("div", { class: "detail-empty" }, "Nothing selected.");
  const links = linksBySeverity(ix, sid);
  const internal = ix.internal.get(sid) ?? [];
  const { k, n: total } = toldBy(ix, sid);
  const rel = ix.worst.get(sid) ?? "unique";
  return h(
    "div",
    { class: "detail-body", data: { sid } },
    h(
      "header",
      { class: "detail-head" },
      h("div", null, docName(n, docOf(sid), "docname strong"), h("span", { class: "muted" }, ` · ${sentenceNo(ix, sid)}`)),
      h("button", { class: "ghost icon-btn", title: "Close (Esc)", attrs: { "aria-label": "Close details" }, on: { click: () => act.close() } }, "×"),
    ),
    h("div", { class: "told" }, chip(rel), h("span", { class: "told-text" }, `Told by ${k} of ${total} reports`)),
    h("blockquote", { class: "sentence-quote" }, ref.sentence.text),
    internal.length
      ? h("section", { class: "internal" }, h("h3", null, "Contradicts itself"), internal.map((l) => linkCard(ix, n, l, sid, act, true)))
      : null,
    h("h3", null, links.length ? `Linked sentences (${links.length})` : "No other report tells this"),
    links.map((l) => linkCard(ix, n, l, sid, act, false)),
  );
}
