// A small modal dialog (confirmations, the paste form) that keeps focus.
import { h, type Child } from "./dom";

export interface Choice {
  id: string;
  label: string;
  kind?: "primary" | "danger" | "ghost";
  /** A line under the label: such choices are listed in the body, one per row. */
  hint?: string;
  /** Shown but not choosable (the hint says why). */
  disabled?: boolean;
}

/** Show a modal; resolves with the chosen id ("cancel" on Escape). */
export function ask(title: string, body: Child, choices: Choice[]): Promise<string> {
  return new Promise((resolve) => {
    const prev = document.activeElement as HTMLElement | null;
    const done = (id: string) => {
      overlay.remove();
      document.removeEventListener("keydown", onKey, true);
      prev?.focus();
      resolve(id);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        done("cancel");
      }
    };
    const button = (c: Choice) =>
      h(
        "button",
        { class: `${c.kind ?? ""}${c.hint ? " choice-row" : ""}`, data: { choice: c.id }, attrs: c.disabled ? { disabled: "" } : {}, on: { click: () => done(c.id) } },
        c.hint ? [h("span", { class: "choice-label" }, c.label), h("span", { class: "choice-hint" }, c.hint)] : c.label,
      );
    const rows = choices.filter((c) => c.hint).map(button);
    const buttons = choices.filter((c) => !c.hint).map(button);
    const overlay = h(
      "div",
      { class: "overlay" },
      h(
        "div",
        { class: "modal", attrs: { role: "dialog", "aria-modal": "true", "aria-label": title } },
        h("h2", null, title),
        h("div", { class: "modal-body" }, body, rows.length ? h("div", { class: "choice-list" }, rows) : null),
        h("div", { class: "modal-actions" }, buttons),
      ),
    );
    document.body.appendChild(overlay);
    document.addEventListener("keydown", onKey, true);
    const all = [...rows, ...buttons];
    (all.find((b) => b.classList.contains("primary") && !b.disabled) ?? rows.find((b) => !b.disabled))?.focus();
  });
}
