// The Parallax window: wires the views to the Rust commands. View logic lives
// in model/ (pure, unit-tested); DOM building in view/.
import "@fontsource-variable/inter";
import "@fontsource/source-serif-4/latin-400.css";
import "@fontsource/source-serif-4/latin-ext-400.css";
import "@fontsource/source-serif-4/latin-400-italic.css";
import "@fontsource/source-serif-4/latin-600.css";
import "@fontsource/source-serif-4/latin-ext-600.css";
import "./styles.css";

import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { api, asError } from "./api";
import type { Added } from "./generated/Added";
import type { AppError } from "./generated/AppError";
import type { Comparison } from "./generated/Comparison";
import type { Draft } from "./generated/Draft";
import type { ExportKind } from "./generated/ExportKind";
import type { ExportOption } from "./generated/ExportOption";
import type { FetchProgressEvent } from "./generated/FetchProgressEvent";
import type { Session } from "./generated/Session";
import { nextReveal } from "./model/classroom";
import { shown, type Filter } from "./model/filter";
import { buildIndex, RELATIONS, type Index, type Rel } from "./model/index";
import { CompareView } from "./view/compare";
import { editsBody } from "./view/edits";
import { h, replace } from "./view/dom";
import { chip } from "./view/legend";
import { MatrixView } from "./view/matrix";
import { ask } from "./view/modal";
import { rename, type Naming } from "./view/names";
import { StartView } from "./view/start";
import { SummaryView } from "./view/summary";
import { WordingView } from "./view/wording";

type Tab = "start" | "compare" | "matrix" | "wording" | "summary";
const TABS: { id: Tab; label: string }[] = [
  { id: "start", label: "Start" },
  { id: "compare", label: "Compare" },
  { id: "matrix", label: "Matrix" },
  { id: "wording", label: "Wording" },
  { id: "summary", label: "Summary" },
];

/** What end-to-end tests and the timing log read. */
interface Probe {
  timings: Record<string, number>;
  ready: boolean;
  comparisons: number;
  /** Counts comparisons laid out and painted (after a compare or an open). */
  shown: number;
  /** Progress messages received through the compare channel. */
  progress: number;
  /** What the Save and Open dialogs do once a path is chosen (native
   * dialogs cannot be driven through WebDriver). */
  saveTo?: (path: string) => Promise<boolean>;
  /** Export to a path without the save dialog; resolves with the path written, or null. */
  exportTo?: (path: string, kind: ExportKind) => Promise<string | null>;
  openPath?: (path: string) => Promise<void>;
  /** What the Open dialog and a drop of files on the window do with the
   * chosen paths (neither can be driven through WebDriver). */
  addPaths?: (paths: string[]) => Promise<void>;
}
declare global {
  interface Window {
    __parallax: Probe;
  }
}
const probe: Probe = { timings: {}, ready: false, comparisons: 0, shown: 0, progress: 0 };
window.__parallax = probe;

function timing(name: string, ms: number): void {
  probe.timings[name] = Math.round(ms);
  api.logTiming(name, ms).catch(() => undefined);
}

const afterPaint = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

class App {
  private tab: Tab = "start";
  private ix: Index | null = null;
  private path: string | null = null;
  private dirty = false;
  private filter: Filter = { kind: "all" };
  private classroom = false;
  private sourcesShown = false;
  private findFirst = false;
  private revealed = new Set<Rel>();
  private built = new Set<Tab>();
  private comparing = false;

  private readonly start: StartView;
  private readonly compare: CompareView;
  private readonly matrix: MatrixView;
  private readonly wording: WordingView;
  private readonly summary: SummaryView;
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();
  private readonly banner = h("div", { class: "banner", attrs: { role: "alert", hidden: "" } });
  private readonly fileLabel = h("span", { class: "file-label" });
  private readonly saveBtn = h("button", { attrs: { id: "save-btn" }, title: "Save the comparison (Ctrl+S)" }, "Save…");
  private readonly exportBtn = h("button", { attrs: { id: "export-btn" }, title: "Export a report, worksheet or data file (Ctrl+E)" }, "Export…");
  private readonly classBtn = h("button", { class: "toggle", attrs: { id: "classroom-btn", "aria-pressed": "false" }, title: "Classroom mode: hide sources, large type" }, "Classroom");
  private readonly classBar = h("div", { class: "classbar", attrs: { hidden: "" } });
  private readonly main = h("main");

  constructor(root: HTMLElement) {
    this.start = new StartView({
      openFiles: () => void this.openFiles(),
      paste: (label, text, meta) => this.paste(label, text, meta),
      addUrls: (urls, onProgress) => this.addUrls(urls, onProgress),
      loadExample: () => void this.loadExample(),
      updateMeta: async (key, meta) => {
        try {
          await api.updateMeta(key, meta);
          this.setDirty(true);
          return null;
        } catch (e) {
          return asError(e).message;
        }
      },
      remove: (key) => void this.run(async () => this.setDrafts(await api.removeReport(key))),
      clear: () => void this.clearAll(),
      compare: () => void this.runCompare(),
      cancel: () => void api.cancelCompare(),
      openComparison: () => void this.openComparison(),
      openRecent: (p) => void this.openPath(p),
    });
    const jump = (sid: string) => this.jumpTo(sid);
    this.compare = new CompareView({ filter: (f) => this.setFilter(f), select: (sid) => this.compare.select(sid), checkEdits: (doc) => void this.checkEdits(doc) });
    this.matrix = new MatrixView(jump);
    this.wording = new WordingView(jump);
    this.summary = new SummaryView(jump);

    const tabs = h(
      "nav",
      { class: "tabs", attrs: { role: "tablist", "aria-label": "Views" } },
      TABS.map((t) => {
        const b = h("button", { class: "tab", data: { tab: t.id }, attrs: { role: "tab" }, on: { click: () => this.show(t.id) } }, t.label);
        this.tabButtons.set(t.id, b);
        return b;
      }),
    );
    this.saveBtn.addEventListener("click", () => void this.saveAs());
    this.exportBtn.addEventListener("click", () => void this.exportAs());
    this.classBtn.addEventListener("click", () => this.setClassroom(!this.classroom));
    const topbar = h(
      "header",
      { class: "topbar" },
      h("div", { class: "brand" }, h("span", { class: "mark", attrs: { "aria-hidden": "true" } }, h("i"), h("i"), h("i")), h("span", { class: "word" }, "Parallax"), this.fileLabel),
      tabs,
      h("div", { class: "actions" }, this.classBtn, h("button", { attrs: { id: "open-btn" }, title: "Open a saved comparison (Ctrl+O)", on: { click: () => void this.openComparison() } }, "Open…"), this.saveBtn, this.exportBtn),
    );
    for (const v of [this.start.root, this.compare.root, this.matrix.root, this.wording.root, this.summary.root]) this.main.appendChild(v);
    replace(root, topbar, this.classBar, this.banner, this.main);
    this.show("start");
    this.refreshChrome();
  }

  async init(): Promise<void> {
    document.addEventListener("keydown", (e) => this.onKey(e));
    try {
      const s = await api.current();
      this.applySession(s);
    } catch (e) {
      this.error(asError(e));
    }
    void this.refreshRecent();
    listen("parallax://close-requested", () => void this.confirmClose()).catch(() => undefined);
    getCurrentWebview()
      .onDragDropEvent((ev) => {
        const zone = document.getElementById("dropzone");
        if (ev.payload.type === "over" || ev.payload.type === "enter") zone?.classList.add("over");
        else zone?.classList.remove("over");
        if (ev.payload.type === "drop") void this.addPaths(ev.payload.paths);
      })
      .catch(() => undefined);
  }

  // ---- state ----

  private setDrafts(d: Draft[]): void {
    this.start.setDrafts(d);
  }

  private setDirty(d: boolean): void {
    this.dirty = d;
    this.refreshChrome();
  }

  private naming(): Naming {
    return { hidden: this.classroom && !this.sourcesShown, docs: this.ix?.cmp.documents ?? [] };
  }

  private setComparison(cmp: Comparison | null): void {
    this.ix = cmp ? buildIndex(cmp) : null;
    this.built.clear();
    this.filter = { kind: "all" };
    if (this.ix) {
      this.compare.build(this.ix, this.naming());
      this.compare.setRevealed(this.findFirst, this.revealed);
      this.built.add("compare");
    }
    probe.comparisons++;
    this.refreshChrome();
  }

  private applySession(s: Session): void {
    this.setDrafts(s.drafts);
    this.path = s.path;
    this.dirty = s.dirty;
    if (s.comparison) {
      this.setComparison(s.comparison);
      this.show("compare");
    } else this.refreshChrome();
  }

  private refreshChrome(): void {
    const has = this.ix !== null;
    for (const [id, b] of this.tabButtons) {
      b.disabled = id !== "start" && !has;
      b.classList.toggle("on", id === this.tab);
      b.setAttribute("aria-selected", String(id === this.tab));
    }
    this.saveBtn.disabled = !has;
    this.exportBtn.disabled = !has;
    const name = this.path ? this.path.slice(this.path.lastIndexOf("/") + 1) : has ? "Untitled comparison" : "";
    this.fileLabel.textContent = name ? `${this.dirty ? "• " : ""}${name}` : "";
    this.fileLabel.title = this.dirty ? "Unsaved changes" : (this.path ?? "");
  }

  private show(tab: Tab): void {
    if (tab !== "start" && !this.ix) return;
    this.tab = tab;
    if (this.ix && !this.built.has(tab)) {
      const n = this.naming();
      if (tab === "matrix") this.matrix.build(this.ix, n);
      if (tab === "wording") this.wording.build(this.ix, n);
      if (tab === "summary") this.summary.build(this.ix, n);
      if (tab === "compare") this.compare.build(this.ix, n);
      this.built.add(tab);
    }
    for (const v of this.main.children) (v as HTMLElement).hidden = (v as HTMLElement).dataset.view !== tab;
    document.body.dataset.tab = tab;
    this.refreshChrome();
  }

  private setFilter(f: Filter): void {
    this.filter = f;
    this.compare.applyFilter(f);
  }

  private jumpTo(sid: string): void {
    if (!this.ix) return;
    if (shown(this.ix, sid, this.filter) === "muted") this.setFilter({ kind: "all" });
    this.show("compare");
    requestAnimationFrame(() => this.compare.select(sid));
  }

  // ---- errors ----

  private error(e: AppError, context = ""): void {
    const advice: Record<string, string> = {
      "saved-file": " Your current work is unchanged.",
      read: "",
      binary: " Parallax reads text, Markdown and HTML files.",
      "too-few": " Add at least two reports.",
    };
    replace(
      this.banner,
      h("span", { class: "banner-text" }, context ? `${context}: ` : "", e.message, advice[e.kind] ?? ""),
      h("button", { class: "ghost icon-btn", attrs: { "aria-label": "Dismiss" }, on: { click: () => (this.banner.hidden = true) } }, "×"),
    );
    this.banner.dataset.kind = e.kind;
    this.banner.hidden = false;
  }

  /** A quiet confirmation in the banner's place (not an error). */
  private notice(text: string): void {
    replace(
      this.banner,
      h("span", { class: "banner-text" }, text),
      h("button", { class: "ghost icon-btn", attrs: { "aria-label": "Dismiss" }, on: { click: () => (this.banner.hidden = true) } }, "×"),
    );
    this.banner.dataset.kind = "done";
    this.banner.hidden = false;
  }

  private clearError(): void {
    this.banner.hidden = true;
  }

  private async run(f: () => Promise<void>, context = ""): Promise<boolean> {
    try {
      await f();
      this.clearError();
      return true;
    } catch (e) {
      this.error(asError(e), context);
      return false;
    }
  }

  // ---- actions ----

  private async openFiles(): Promise<void> {
    const picked = await openDialog({
      multiple: true,
      title: "Open reports",
      filters: [
        { name: "Reports", extensions: ["md", "markdown", "txt", "html", "htm"] },
        { name: "All files", extensions: ["*"] },
      ],
    });
    if (!picked) return;
    await this.addPaths(Array.isArray(picked) ? picked : [picked]);
  }

  /** Add files (the Open dialog and drag-and-drop both end here). */
  async addPaths(paths: string[]): Promise<void> {
    const saved = paths.filter((p) => p.toLowerCase().endsWith(".parallax"));
    if (saved.length) {
      await this.openPath(saved[0]);
      return;
    }
    await this.run(async () => {
      const r = await api.addFiles(paths);
      this.setDrafts(r.drafts);
      this.setDirty(true);
      this.show("start");
      if (r.errors.length) throw { kind: r.errors[0].kind, message: r.errors.map((e) => e.message).join("; ") };
    }, "Some files were not added");
  }

  private async paste(label: string, text: string, meta: Draft["meta"]): Promise<boolean> {
    try {
      this.setDrafts(await api.addPasted(label, text, meta));
      this.setDirty(true);
      return true;
    } catch (e) {
      this.start.pasteError(asError(e).message);
      return false;
    }
  }

  private async addUrls(urls: string[], onProgress: (p: FetchProgressEvent) => void): Promise<Added | null> {
    try {
      const r = await api.addUrls(urls, onProgress);
      this.setDrafts(r.drafts);
      if (r.errors.length < urls.length) this.setDirty(true);
      return r;
    } catch (e) {
      this.error(asError(e), "The pages could not be fetched");
      return null;
    }
  }

  private async checkEdits(docId: string): Promise<void> {
    await this.run(async () => {
      const r = await api.checkEdits(docId);
      await ask(r.changed ? "This article was edited" : "No edits since it was fetched", editsBody(r), [{ id: "ok", label: "Close", kind: "primary" }]);
    }, "The page could not be fetched again");
  }

  private async loadExample(): Promise<void> {
    if (this.dirty && !(await this.discardOk())) return;
    await this.run(async () => {
      this.setDrafts(await api.loadExample());
      this.setComparison(null);
      this.path = null;
      this.setDirty(true);
    }, "The example could not be loaded");
  }

  private async clearAll(): Promise<void> {
    if (this.dirty && !(await this.discardOk())) return;
    await api.clearReports();
    this.setDrafts([]);
    this.path = null;
    this.setComparison(null);
    this.setDirty(false);
  }

  private async runCompare(): Promise<void> {
    if (this.comparing) return;
    this.comparing = true;
    const t0 = performance.now();
    this.start.setProgress({ stage: "read", done: 0, total: 1 });
    try {
      const cmp = await api.compare((p) => {
        probe.progress++;
        this.start.setProgress(p);
      });
      const t1 = performance.now();
      this.setComparison(cmp);
      this.path = null;
      this.dirty = true;
      this.show("compare");
      await afterPaint();
      const t2 = performance.now();
      timing("compare-engine", t1 - t0);
      timing("compare-to-view", t2 - t1);
      probe.shown++;
      this.clearError();
    } catch (e) {
      const err = asError(e);
      if (err.kind !== "cancelled") this.error(err, "The comparison failed");
    } finally {
      this.comparing = false;
      this.start.setProgress(null);
      this.refreshChrome();
    }
  }

  private async saveAs(): Promise<boolean> {
    if (!this.ix) return false;
    const target = await saveDialog({
      title: "Save comparison",
      defaultPath: this.path ?? "comparison.parallax",
      filters: [{ name: "Parallax comparison", extensions: ["parallax"] }],
    });
    if (!target) return false;
    return this.saveTo(target);
  }

  async saveTo(target: string): Promise<boolean> {
    return this.run(async () => {
      this.path = await api.save(target);
      this.setDirty(false);
      await this.refreshRecent();
    }, "Could not save");
  }

  /** Export menu → save dialog → the Rust exporter. */
  private async exportAs(): Promise<void> {
    if (!this.ix) return;
    let options: ExportOption[];
    try {
      options = await api.exportFormats();
    } catch (e) {
      this.error(asError(e), "Could not export");
      return;
    }
    const picked = await ask(
      "Export",
      h("p", null, "The file keeps exactly what each source said and how they differ; it opens offline."),
      [
        ...options.map((o) => ({ id: o.kind, label: o.label, hint: o.available ? o.hint : `${o.hint} (not in this build: it was built without PDF)`, disabled: !o.available })),
        { id: "cancel", label: "Cancel", kind: "ghost" as const },
      ],
    );
    const option = options.find((o) => o.kind === picked);
    if (!option) return;
    const base = this.path ? this.path.replace(/\.parallax$/i, "") : "comparison";
    const suffix = option.kind.startsWith("worksheet") ? "-worksheet" : option.kind.startsWith("answer-key") ? "-answer-key" : "";
    const target = await saveDialog({
      title: `Export: ${option.label}`,
      defaultPath: `${base}${suffix}.${option.extension}`,
      filters: [{ name: option.label, extensions: [option.extension] }],
    });
    if (target) await this.exportTo(target, option.kind);
  }

  async exportTo(target: string, kind: ExportKind): Promise<string | null> {
    try {
      const written = await api.exportTo(target, kind);
      this.notice(`Exported to ${written}`);
      return written;
    } catch (e) {
      this.error(asError(e), "Could not export");
      return null;
    }
  }

  private async openComparison(): Promise<void> {
    const picked = await openDialog({ multiple: false, title: "Open comparison", filters: [{ name: "Parallax comparison", extensions: ["parallax"] }] });
    if (typeof picked === "string") await this.openPath(picked);
  }

  async openPath(path: string): Promise<void> {
    if (this.dirty && !(await this.discardOk())) return;
    await this.run(async () => {
      const t0 = performance.now();
      const s = await api.open(path);
      this.applySession(s);
      await afterPaint();
      timing("open-to-view", performance.now() - t0);
      probe.shown++;
      await this.refreshRecent();
    }, "Could not open the file");
  }

  private async refreshRecent(): Promise<void> {
    try {
      this.start.setRecent(await api.recentFiles());
    } catch {
      this.start.setRecent([]);
    }
  }

  private async discardOk(): Promise<boolean> {
    const c = await ask("Unsaved changes", h("p", null, "The current comparison has changes that are not saved. Discard them?"), [
      { id: "cancel", label: "Keep working", kind: "ghost" },
      { id: "save", label: "Save…" },
      { id: "discard", label: "Discard", kind: "danger" },
    ]);
    if (c === "save") return this.saveAs();
    return c === "discard";
  }

  private async confirmClose(): Promise<void> {
    const c = await ask("Close Parallax?", h("p", null, "You have unsaved work. It will be lost if you close without saving."), [
      { id: "cancel", label: "Cancel", kind: "ghost" },
      { id: "discard", label: "Close without saving", kind: "danger" },
      { id: "save", label: "Save…", kind: "primary" },
    ]);
    if (c === "save" && !(await this.saveAs())) return;
    if (c === "cancel") return;
    await api.confirmClose();
  }

  // ---- classroom ----

  private setClassroom(on: boolean): void {
    this.classroom = on;
    this.sourcesShown = false;
    this.findFirst = false;
    this.revealed = new Set();
    document.body.classList.remove("find-first");
    document.body.classList.toggle("classroom", on);
    this.classBtn.classList.toggle("on", on);
    this.classBtn.setAttribute("aria-pressed", String(on));
    this.classBar.hidden = !on;
    this.renderClassBar();
    this.renamed();
  }

  private renamed(): void {
    const n = this.naming();
    rename(document, n);
    this.compare.setNaming(n);
    this.compare.setRevealed(this.findFirst, this.revealed);
  }

  private renderClassBar(): void {
    if (!this.classroom) return;
    const next = nextReveal(this.revealed);
    replace(
      this.classBar,
      h("span", { class: "class-title" }, "Classroom"),
      h(
        "button",
        { attrs: { id: "reveal-sources" }, on: { click: () => ((this.sourcesShown = !this.sourcesShown), this.renderClassBar(), this.renamed()) } },
        this.sourcesShown ? "Hide sources" : "Reveal sources",
      ),
      h(
        "label",
        { class: "check" },
        (() => {
          const cb = h("input", { attrs: { type: "checkbox", id: "find-first" } });
          cb.checked = this.findFirst;
          cb.addEventListener("change", () => {
            this.findFirst = cb.checked;
            document.body.classList.toggle("find-first", this.findFirst);
            this.revealed = new Set();
            this.renderClassBar();
            this.renamed();
          });
          return cb;
        })(),
        " Find the differences first",
      ),
      this.findFirst
        ? h(
            "span",
            { class: "reveals" },
            "Reveal: ",
            RELATIONS.map((r) => {
              const b = h("button", { class: `reveal${this.revealed.has(r) ? " on" : ""}`, data: { reveal: r }, on: { click: () => this.reveal(r) } }, chip(r));
              return b;
            }),
            next ? h("button", { class: "primary small", attrs: { id: "reveal-next" }, on: { click: () => this.reveal(next) } }, `Reveal next: ${next}`) : h("span", { class: "muted" }, "all revealed"),
          )
        : null,
    );
  }

  private reveal(r: Rel): void {
    if (this.revealed.has(r)) this.revealed.delete(r);
    else this.revealed.add(r);
    this.renderClassBar();
    this.compare.setRevealed(this.findFirst, this.revealed);
  }

  // ---- keyboard ----

  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    const typing = t.closest("input, textarea, select, [contenteditable]") !== null;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      void this.saveAs();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "e") {
      e.preventDefault();
      void this.exportAs();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "o") {
      e.preventDefault();
      void this.openComparison();
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey || document.querySelector(".overlay")) return;
    if (this.tab === "compare") {
      if (e.key === "j" || e.key === "ArrowDown" && e.shiftKey) {
        e.preventDefault();
        this.compare.next(1);
      } else if (e.key === "k" || e.key === "ArrowUp" && e.shiftKey) {
        e.preventDefault();
        this.compare.next(-1);
      } else if (e.key === "Escape") this.compare.select(null);
    }
    const n = Number(e.key);
    if (n >= 1 && n <= TABS.length && !e.shiftKey) this.show(TABS[n - 1].id);
  }
}

const app = new App(document.getElementById("app")!);
probe.saveTo = (p) => app.saveTo(p);
probe.exportTo = (p, k) => app.exportTo(p, k);
probe.openPath = (p) => app.openPath(p);
probe.addPaths = (p) => app.addPaths(p);
// The shell paints before any IPC round trip; the session fills it in.
void afterPaint().then(() => timing("first-paint", performance.now()));
void app.init().then(async () => {
  await afterPaint();
  probe.ready = true;
  document.body.dataset.ready = "true";
  timing("ready", performance.now());
});
