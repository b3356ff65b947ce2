// A small modal dialog (confirmations, the paste form) that keeps focus.
import { h, type Child } from "./dom";

export interface Choice {
  id: string;
  label: string;
  kind?: "primary" | "danger" | "ghost";
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
    const buttons = choices.map((c) => h("button", { class: c.kind ?? "", data: { choice: c.id }, on: { click: () => done(c.id) } }, c.label));
    const overlay = h(
      "div",
      { class: "overlay" },
      h("div", { class: "modal", attrs: { role: "dialog", "aria-modal": "true", "aria-label": title } }, h("h2", null, title), h("div", { class: "modal-body" }, body), h("div", { class: "modal-actions" }, buttons)),
    );
    document.body.appendChild(overlay);
    document.addEventListener("keydown", onKey, true);
    buttons.find((_, i) => choices[i].kind === "primary")?.focus();
  });
}
