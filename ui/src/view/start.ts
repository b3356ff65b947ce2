// The Start screen: add reports (files, drag-and-drop, paste, the example),
// edit their outlet, date and language, compare; recent comparisons.
import type { Added } from "../generated/Added";
import type { Draft } from "../generated/Draft";
import type { FetchProgressEvent } from "../generated/FetchProgressEvent";
import type { Metadata } from "../generated/Metadata";
import type { ProgressEvent } from "../generated/ProgressEvent";
import type { RecentFile } from "../generated/RecentFile";
import { h, replace } from "./dom";

export interface StartActions {
  openFiles(): void;
  paste(label: string, text: string, meta: Metadata): Promise<boolean>;
  /** Fetch pages as reports; null when the call itself failed. */
  addUrls(urls: string[], onProgress: (p: FetchProgressEvent) => void): Promise<Added | null>;
  loadExample(): void;
  updateMeta(key: string, meta: Metadata): Promise<string | null>;
  remove(key: string): void;
  clear(): void;
  compare(): void;
  cancel(): void;
  openComparison(): void;
  openRecent(path: string): void;
}

/** Reports whose columns fit side by side in a window; past this the
 * columns scroll sideways. */
export const SIDE_BY_SIDE = 12;
/** Most reports in one comparison (the largest the benchmarks measure). */
export const MAX_REPORTS = 100;

const STAGES: Record<string, string> = {
  read: "Reading reports",
  analyse: "Analysing sentences",
  align: "Matching sentences across reports",
  classify: "Classifying relations",
  done: "Laying out the comparison",
};

export class StartView {
  readonly root: HTMLElement;
  private readonly list = h("div", { class: "drafts" });
  private readonly count = h("span", { class: "count" });
  private readonly compareBtn = h("button", { class: "primary big", attrs: { id: "compare-btn" } }, "Compare");
  private readonly hint = h("span", { class: "hint" });
  private readonly progress = h("div", { class: "progress", attrs: { hidden: "" } });
  private readonly recent = h("ul", { class: "recent" });
  private readonly pastePanel: HTMLElement;
  private readonly paste = {
    label: h("input", { attrs: { id: "paste-label", placeholder: "Headline or label", autocomplete: "off" } }),
    outlet: h("input", { attrs: { id: "paste-outlet", placeholder: "Outlet", autocomplete: "off" } }),
    date: h("input", { attrs: { id: "paste-date", placeholder: "YYYY-MM-DD", autocomplete: "off" } }),
    lang: langSelect("paste-lang", null),
    text: h("textarea", { attrs: { id: "paste-text", rows: "9", placeholder: "Paste the article text here" } }),
    error: h("p", { class: "field-error", attrs: { role: "alert" } }),
  };
  private readonly urlPanel: HTMLElement;
  private readonly url = {
    input: h("textarea", { attrs: { id: "url-input", rows: "3", placeholder: "https://… (one address per line)", spellcheck: "false" } }),
    status: h("ul", { class: "url-status", attrs: { id: "url-status", "aria-live": "polite" } }),
    error: h("p", { class: "field-error", attrs: { role: "alert" } }),
    add: h("button", { class: "primary", attrs: { id: "url-add" } }, "Fetch and add"),
  };
  private busy = false;
  private drafts: Draft[] = [];

  constructor(private readonly act: StartActions) {
    this.compareBtn.addEventListener("click", () => act.compare());
    const p = this.paste;
    this.pastePanel = h(
      "div",
      { class: "paste-panel", attrs: { hidden: "", id: "paste-panel" } },
      h("h3", null, "Paste a report"),
      h("div", { class: "field-row" }, field("Headline", p.label), field("Outlet", p.outlet), field("Date", p.date), field("Language", p.lang)),
      p.text,
      p.error,
      h(
        "div",
        { class: "row-end" },
        h("button", { class: "ghost", on: { click: () => this.togglePaste(false) } }, "Cancel"),
        h("button", { class: "primary", attrs: { id: "paste-add" }, on: { click: () => void this.submitPaste() } }, "Add report"),
      ),
    );
    const u = this.url;
    u.add.addEventListener("click", () => void this.submitUrls());
    this.urlPanel = h(
      "div",
      { class: "paste-panel url-panel", attrs: { hidden: "", id: "url-panel" } },
      h("h3", null, "Add reports from the web"),
      h("p", { class: "muted small" }, "Parallax fetches each page itself, keeps the article text and a frozen copy of what was fetched (address, time, checksum), and never shows the page."),
      u.input,
      u.status,
      u.error,
      h("div", { class: "row-end" }, h("button", { class: "ghost", on: { click: () => this.toggleUrl(false) } }, "Close"), u.add),
    );
    this.root = h(
      "section",
      { class: "view view-start", data: { view: "start" } },
      h(
        "div",
        { class: "start-grid" },
        h(
          "div",
          { class: "start-main" },
          h("h1", null, "Compare reports of the same events"),
          h("p", { class: "lede" }, "Parallax lines up several news reports sentence by sentence and shows where they share wording, agree, diverge, contradict each other — and what only one of them says."),
          h(
            "div",
            { class: "add-row" },
            h("button", { class: "primary", attrs: { id: "open-files" }, on: { click: () => act.openFiles() } }, "Open files…"),
            h("button", { attrs: { id: "paste-open" }, on: { click: () => this.togglePaste(true) } }, "Paste text…"),
            h("button", { attrs: { id: "load-example" }, on: { click: () => act.loadExample() }, title: "Twelve reports on the Bolivian crisis of November 2019" }, "Bolivia 2019 example"),
            h("button", { attrs: { id: "add-url" }, on: { click: () => this.toggleUrl(true) } }, "Add URL…"),
          ),
          this.pastePanel,
          this.urlPanel,
          h("div", { class: "dropzone", attrs: { id: "dropzone" } }, h("strong", null, "Drop report files here"), h("span", null, " — .md, .txt or .html; or a saved .parallax comparison")),
          h("div", { class: "list-head" }, h("h2", null, "Reports ", this.count), h("button", { class: "ghost small", attrs: { id: "clear-reports" }, on: { click: () => act.clear() } }, "Clear all")),
          this.list,
          h("div", { class: "compare-row" }, this.compareBtn, this.hint),
          this.progress,
        ),
        h(
          "aside",
          { class: "start-side" },
          h("h2", null, "Recent comparisons"),
          this.recent,
          h("button", { attrs: { id: "open-comparison" }, on: { click: () => act.openComparison() } }, "Open comparison…"),
          h(
            "div",
            { class: "side-note" },
            h("h3", null, "Reading the colours"),
            h("p", null, "Every relation has a colour, an icon and an underline pattern, so nothing rests on colour alone. Classroom mode hides the outlets and lets you reveal one relation at a time."),
          ),
        ),
      ),
    );
  }

  toggleUrl(open: boolean): void {
    this.urlPanel.hidden = !open;
    if (open) {
      this.togglePaste(false);
      this.url.input.focus();
    }
  }

  private async submitUrls(): Promise<void> {
    const u = this.url;
    const urls = parseUrls(u.input.value);
    if (!urls.length) {
      u.error.textContent = "Type or paste at least one web address.";
      return;
    }
    u.error.textContent = "";
    const items = urls.map((url) => h("li", { data: { state: "waiting" } }, h("span", { class: "url-text" }, url), h("span", { class: "url-state" }, "waiting")));
    replace(u.status, items);
    u.add.disabled = true;
    const r = await this.act.addUrls(urls, (p) => {
      const li = items[p.index];
      if (li) showFetchState(li, p);
    });
    u.add.disabled = false;
    if (!r) return;
    // Failures stay listed with their reasons; the rest are cleared from the box.
    const failed = new Set(r.errors.map((e) => e.message));
    u.input.value = urls.filter((url) => [...failed].some((m) => m.startsWith(url))).join("\n");
    if (r.errors.length) u.error.textContent = `${r.errors.length} of ${urls.length} could not be added.`;
  }

  togglePaste(open: boolean): void {
    this.pastePanel.hidden = !open;
    if (open) this.paste.text.focus();
  }

  private async submitPaste(): Promise<void> {
    const p = this.paste;
    const meta: Metadata = { title: p.label.value || null, outlet: p.outlet.value || null, date: p.date.value || null, language: p.lang.value || null, url: null, byline: null };
    if (!p.text.value.trim()) {
      p.error.textContent = "Paste some text first.";
      return;
    }
    const ok = await this.act.paste(p.label.value || p.outlet.value || "pasted report", p.text.value, meta);
    if (ok) {
      for (const el of [p.label, p.outlet, p.date, p.text]) el.value = "";
      p.lang.value = "";
      p.error.textContent = "";
      this.togglePaste(false);
    }
  }

  pasteError(msg: string): void {
    this.paste.error.textContent = msg;
  }

  setDrafts(drafts: Draft[]): void {
    this.drafts = drafts;
    this.count.textContent = drafts.length ? `(${drafts.length})` : "";
    replace(
      this.list,
      drafts.length === 0
        ? h("p", { class: "empty" }, "No reports yet. Open two or more files, paste text, or load the example.")
        : h(
            "table",
            { class: "draft-table" },
            h("thead", null, h("tr", null, h("th", null, "#"), h("th", null, "Outlet"), h("th", null, "Headline / file"), h("th", null, "Date"), h("th", null, "Language"), h("th", { class: "num" }, "Words"), h("th", null, ""))),
            h("tbody", null, drafts.map((d, i) => this.row(d, i))),
          ),
    );
    this.refreshButton();
  }

  private row(d: Draft, i: number): HTMLElement {
    const outlet = h("input", { class: "inline", attrs: { value: d.meta.outlet ?? "", placeholder: "Outlet", "aria-label": "Outlet" } });
    const date = h("input", { class: "inline date", attrs: { value: d.meta.date ?? "", placeholder: "YYYY-MM-DD", "aria-label": "Date" } });
    const lang = langSelect(null, d.meta.language);
    const err = h("span", { class: "field-error" });
    const save = async () => {
      const meta: Metadata = { ...d.meta, outlet: outlet.value || null, date: date.value || null, language: lang.value || null };
      const e = await this.act.updateMeta(d.key, meta);
      err.textContent = e ?? "";
      date.classList.toggle("invalid", e !== null);
    };
    for (const el of [outlet, date, lang]) el.addEventListener("change", () => void save());
    return h(
      "tr",
      { data: { key: d.key } },
      h("td", { class: "num" }, String(i + 1)),
      h("td", null, outlet),
      h(
        "td",
        { class: "title-cell" },
        h("div", { class: "draft-title" }, d.meta.title ?? d.path),
        d.fetch ? h("div", { class: "draft-fetched", title: `Fetched from ${d.fetch.final_url} at ${d.fetch.fetched_at}` }, `from ${fetchedLine(d.fetch.final_url, d.fetch.fetched_at)}`) : null,
        h("div", { class: "draft-preview" }, d.preview),
      ),
      h("td", null, date, err),
      h("td", null, lang),
      h("td", { class: "num" }, String(d.words)),
      h("td", null, h("button", { class: "ghost icon-btn", title: "Remove this report", attrs: { "aria-label": "Remove" }, on: { click: () => this.act.remove(d.key) } }, "×")),
    );
  }

  private refreshButton(): void {
    const n = this.drafts.length;
    const ok = n >= 2 && n <= MAX_REPORTS && !this.busy;
    this.compareBtn.disabled = !ok;
    this.compareBtn.textContent = n >= 2 ? `Compare ${n} reports` : "Compare";
    this.hint.textContent =
      n < 2
        ? "Add at least two reports."
        : n > MAX_REPORTS
          ? `At most ${MAX_REPORTS} reports in one comparison; remove ${n - MAX_REPORTS}.`
          : n > SIDE_BY_SIDE
            ? `${SIDE_BY_SIDE} columns fit side by side: the rest scroll sideways, and the Matrix and Summary show all ${n}.`
            : "";
  }

  setRecent(files: RecentFile[]): void {
    replace(
      this.recent,
      files.length === 0
        ? h("li", { class: "muted" }, "Saved comparisons will appear here.")
        : files.map((f) =>
            h(
              "li",
              null,
              h(
                "button",
                { class: `link-btn recent-item${f.exists ? "" : " missing"}`, title: f.exists ? f.path : `${f.path} (missing)`, attrs: f.exists ? {} : { disabled: "" }, data: { path: f.path }, on: { click: () => this.act.openRecent(f.path) } },
                h("span", { class: "recent-name" }, f.name),
                h("span", { class: "recent-path" }, f.exists ? dirOf(f.path) : "missing"),
              ),
            ),
          ),
    );
  }

  private readonly bar = h("div", { class: "progress-bar" });
  private readonly stageLabel = h("span", { class: "progress-label" });

  setProgress(p: ProgressEvent | null): void {
    this.busy = p !== null;
    this.refreshButton();
    if (!p) {
      this.progress.hidden = true;
      return;
    }
    if (!this.progress.firstChild) {
      // Built once, so the Cancel button stays the same element while progress arrives.
      replace(
        this.progress,
        h("div", { class: "progress-track" }, this.bar),
        this.stageLabel,
        h("button", { class: "ghost small", attrs: { id: "cancel-compare" }, on: { click: () => this.act.cancel() } }, "Cancel"),
      );
    }
    this.progress.hidden = false;
    const order = ["read", "analyse", "align", "classify", "done"];
    const frac = (order.indexOf(p.stage) + (p.total ? p.done / p.total : 0)) / order.length;
    this.bar.style.width = `${Math.round(Math.max(0.05, Math.min(1, frac)) * 100)}%`;
    this.stageLabel.textContent = `${STAGES[p.stage] ?? p.stage}…`;
  }
}

/** The addresses in a box: one per line (or separated by spaces), blanks dropped. */
export function parseUrls(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !seen.has(s) && (seen.add(s), true));
}

/** "example.org · fetched 2026-11-28 16:44 UTC" */
export function fetchedLine(url: string, at: string): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Not a URL we can parse: show it whole.
  }
  const when = at.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
  return `${host} · fetched ${when}`;
}

/** The words for one URL's progress. */
export function fetchStateText(p: FetchProgressEvent): string {
  switch (p.state) {
    case "started":
      return "fetching…";
    case "received":
      return p.total ? `${Math.round((100 * p.bytes) / p.total)}% of ${kb(p.total)}` : `${kb(p.bytes)}…`;
    case "done":
      return "added";
    default:
      return `failed: ${p.message ?? "unknown error"}`;
  }
}

function kb(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
}

function showFetchState(li: HTMLElement, p: FetchProgressEvent): void {
  li.dataset.state = p.state;
  const st = li.querySelector(".url-state");
  if (st) st.textContent = fetchStateText(p);
}

function field(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", null, label), input);
}

function langSelect(id: string | null, value: string | null): HTMLSelectElement {
  const s = h(
    "select",
    { class: "inline", attrs: id ? { id, "aria-label": "Language" } : { "aria-label": "Language" } },
    h("option", { attrs: { value: "" } }, "Detect"),
    h("option", { attrs: { value: "en" } }, "English"),
    h("option", { attrs: { value: "es" } }, "Spanish"),
  );
  s.value = value && ["en", "es"].includes(value.slice(0, 2).toLowerCase()) ? value.slice(0, 2).toLowerCase() : "";
  return s;
}

function dirOf(p: string): string {
  const i = p.lastIndexOf("/");
  return i > 0 ? p.slice(0, i) : p;
}
