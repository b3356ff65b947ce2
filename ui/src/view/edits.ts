// What re-fetching a web report found: the article's edits since its frozen
// copy, sentence by sentence. All text is inserted as text.
import type { EditCheck } from "../generated/EditCheck";
import { h } from "./dom";

const LABEL: Record<string, string> = {
  verbatim: "reworded slightly",
  agree: "reworded",
  diverge: "detail changed",
  contradict: "changed (conflicts with the earlier version)",
  removed: "removed",
  added: "added",
};

/** One line per edit: what it was, what it is now, and why it counts. */
export function editsBody(r: EditCheck): HTMLElement {
  const head = h(
    "p",
    { class: "muted small" },
    `${r.url} — first fetched ${r.before}, fetched again ${r.after}.`,
  );
  if (!r.changed || r.edits.length === 0) {
    return h("div", { class: "edits" }, head, h("p", null, r.changed ? "The text changed only in spacing or punctuation." : "The article's text is exactly what was fetched before."));
  }
  const items = r.edits.map((e) =>
    h(
      "li",
      { class: "edit", data: { rel: e.relation } },
      h("div", { class: "edit-kind" }, LABEL[e.relation] ?? e.relation),
      e.before !== null ? h("div", { class: "edit-before" }, h("span", { class: "edit-tag" }, "Before "), e.before) : null,
      e.after !== null ? h("div", { class: "edit-after" }, h("span", { class: "edit-tag" }, "Now "), e.after) : null,
      e.reasons.length ? h("ul", { class: "edit-reasons" }, e.reasons.map((x) => h("li", null, x))) : null,
    ),
  );
  return h("div", { class: "edits" }, head, h("p", null, `${r.edits.length} sentence${r.edits.length > 1 ? "s" : ""} changed:`), h("ol", { class: "edit-list" }, items));
}
