// The compare view: one column per report, sentences highlighted by relation.
// The DOM is built once per comparison; filters, hover, selection and
// classroom reveals only change attributes and classes of existing elements.
import { columnOrder, differences, shown, step, type Filter, type Shown } from "../model/filter";
import { RELATIONS, counterparts, docOf, type Index, type Rel } from "../model/index";
import { h, replace } from "./dom";
import { chip, ICON, MEANING } from "./legend";
import { docMeta, docName, nameFor, type Naming } from "./names";
import { renderDetail } from "./detail";

export interface CompareActions {
  filter(f: Filter): void;
  select(sid: string | null): void;
  /** Fetch a web report again and show what was edited since. */
  checkEdits(docId: string): void;
}

export class CompareView {
  readonly root: HTMLElement;
  private ix: Index | null = null;
  private naming: Naming = { hidden: false, docs: [] };
  private filter: Filter = { kind: "all" };
  private readonly toolbar = h("div", { class: "toolbar" });
  private readonly columns = h("div", { class: "columns", attrs: { role: "region", "aria-label": "Reports side by side" } });
  private readonly detail = h("aside", { class: "detail", attrs: { "aria-label": "Details" } });
  private readonly navLabel = h("span", { class: "nav-label" });
  private readonly versusSelect = h("select", { attrs: { "aria-label": "One report against the rest" } });
  private readonly filterButtons = new Map<string, HTMLButtonElement>();
  private sentenceEls = new Map<string, HTMLElement>();
  private bodies = new Map<string, HTMLElement>();
  private colEls = new Map<string, HTMLElement>();
  private diffs: string[] = [];
  private selected: string | null = null;
  private hovered: string | null = null;
  private lit: HTMLElement[] = [];
  private selLit: HTMLElement[] = [];
  private scrollTimer = 0;

  constructor(private readonly act: CompareActions) {
    this.root = h("section", { class: "view view-compare", data: { view: "compare" } }, this.toolbar, h("div", { class: "compare-main" }, this.columns, this.detail));
    this.columns.addEventListener("mouseover", (e) => {
      const el = (e.target as Element).closest<HTMLElement>(".s");
      this.hover(el ? el.dataset.sid! : null);
    });
    this.columns.addEventListener("mouseleave", () => this.hover(null));
    this.columns.addEventListener("click", (e) => {
      const el = (e.target as Element).closest<HTMLElement>(".s");
      if (el) this.act.select(el.dataset.sid!);
    });
    this.versusSelect.addEventListener("change", () => {
      const v = this.versusSelect.value;
      this.act.filter(v ? { kind: "versus", doc: v } : { kind: "all" });
    });
  }

  /** Build the whole view for a new comparison. */
  build(ix: Index, naming: Naming): void {
    this.ix = ix;
    this.naming = naming;
    this.filter = { kind: "all" };
    this.selected = null;
    this.hovered = null;
    this.lit = [];
    this.selLit = [];
    this.sentenceEls = new Map();
    this.bodies = new Map();
    this.colEls = new Map();
    this.buildToolbar(ix);
    const cols = ix.cmp.documents.map((d, i) => {
      const paras: HTMLElement[] = [];
      let para: HTMLElement | null = null;
      let paraNo = -1;
      for (const s of d.sentences) {
        if (!para || s.paragraph !== paraNo) {
          para = h("p");
          paras.push(para);
          paraNo = s.paragraph;
        } else para.appendChild(document.createTextNode(" "));
        const el = h("span", { class: "s", data: { sid: s.id, rel: ix.worst.get(s.id) ?? "unique" } }, s.text);
        if (ix.internal.has(s.id)) el.classList.add("internal");
        this.sentenceEls.set(s.id, el);
        para.appendChild(el);
      }
      const body = h("div", { class: "col-body", attrs: { tabindex: "-1" } }, paras);
      this.bodies.set(d.id, body);
      const internal = ix.cmp.internal.filter((l) => docOf(l.a) === d.id);
      const col = h(
        "div",
        { class: "col", data: { doc: d.id }, attrs: { role: "article" } },
        h(
          "header",
          { class: "col-head" },
          h("div", { class: "col-title" }, h("span", { class: "col-letter" }, String(i + 1)), docName(naming, d.id, "docname strong")),
          h("div", { class: "col-sub" }, docMeta(naming, d.id), h("span", { class: "versus-tag" }, "reference")),
          internal.length
            ? h(
                "button",
                {
                  class: "internal-badge",
                  title: "This report contradicts itself: show where",
                  on: { click: () => this.act.select(internal[0].a) },
                },
                `⇄ ${internal.length} internal contradiction${internal.length > 1 ? "s" : ""}`,
              )
            : null,
          d.fetch
            ? h("button", { class: "edits-btn ghost small", title: `Fetch ${d.fetch.requested_url} again and show what changed since ${d.fetch.fetched_at}`, on: { click: () => this.act.checkEdits(d.id) } }, "↻ Check for edits")
            : null,
        ),
        body,
      );
      this.colEls.set(d.id, col);
      return col;
    });
    replace(this.columns, cols);
    this.columns.style.setProperty("--cols", String(cols.length));
    this.renderDetail();
    this.applyFilter(this.filter);
  }

  private buildToolbar(ix: Index): void {
    const counts = Object.fromEntries(RELATIONS.map((r) => [r, 0])) as Record<Rel, number>;
    for (const d of ix.cmp.documents) for (const s of d.sentences) counts[ix.worst.get(s.id) ?? "unique"]++;
    const legend = h(
      "div",
      { class: "legend", attrs: { role: "list", "aria-label": "Legend" } },
      RELATIONS.map((r) => h("span", { class: "legend-item", attrs: { role: "listitem" }, title: `${r}: ${MEANING[r]}` }, chip(r), h("span", { class: "count" }, String(counts[r])))),
    );
    const fb = (key: string, label: string, f: Filter, title: string) => {
      const b = h("button", { class: "seg", title, data: { filter: key }, on: { click: () => this.act.filter(f) } }, label);
      this.filterButtons.set(key, b);
      return b;
    };
    this.filterButtons.clear();
    replace(
      this.versusSelect,
      h("option", { attrs: { value: "" } }, "One report against the rest…"),
      ix.cmp.documents.map((d) => h("option", { attrs: { value: d.id }, data: { docName: d.id } }, nameFor(this.naming, d.id))),
    );
    replace(
      this.toolbar,
      legend,
      h(
        "div",
        { class: "filters", attrs: { role: "group", "aria-label": "Filter" } },
        fb("all", "All", { kind: "all" }, "Show every relation"),
        fb("contradict", `${ICON.contradict} Contradictions`, { kind: "contradict" }, "Only sentences in a contradiction"),
        fb("unique", `${ICON.unique} Unique`, { kind: "unique" }, "Only sentences no other report tells"),
        this.versusSelect,
      ),
      h(
        "div",
        { class: "nav", attrs: { role: "group", "aria-label": "Differences" } },
        h("button", { class: "ghost", title: "Previous difference (k)", on: { click: () => this.next(-1) } }, "‹ k"),
        this.navLabel,
        h("button", { class: "ghost", title: "Next difference (j)", on: { click: () => this.next(1) } }, "j ›"),
      ),
    );
  }

  setNaming(n: Naming): void {
    this.naming = n;
    if (this.selected) this.renderDetail();
  }

  /** Apply a filter: only `data-rel` attributes change. */
  applyFilter(f: Filter): void {
    this.filter = f;
    const ix = this.ix;
    if (!ix) return;
    for (const [sid, el] of this.sentenceEls) {
      const s: Shown = shown(ix, sid, f);
      if (el.dataset.rel !== s) el.dataset.rel = s;
    }
    const key = f.kind;
    for (const [k, b] of this.filterButtons) b.classList.toggle("on", k === key);
    this.versusSelect.value = f.kind === "versus" ? f.doc : "";
    this.versusSelect.classList.toggle("on", f.kind === "versus");
    const order = columnOrder(ix, f);
    order.forEach((id, i) => {
      const col = this.colEls.get(id);
      if (!col) return;
      col.style.order = String(i);
      col.classList.toggle("reference", f.kind === "versus" && f.doc === id);
    });
    this.diffs = differences(ix, f);
    this.updateNav();
  }

  private updateNav(): void {
    const at = this.selected ? this.diffs.indexOf(this.selected) : -1;
    this.navLabel.textContent = this.diffs.length === 0 ? "no differences" : at >= 0 ? `${at + 1} of ${this.diffs.length} differences` : `${this.diffs.length} differences`;
  }

  /** Keyboard and toolbar: next or previous difference. */
  next(dir: 1 | -1): void {
    if (!this.ix) return;
    const sid = step(this.ix, this.filter, this.diffs, this.selected, dir);
    if (sid) this.act.select(sid);
  }

  private hidden: ReadonlySet<Rel> = new Set();

  /** Reveal classes for classroom "find the differences first". */
  setRevealed(findFirst: boolean, revealed: ReadonlySet<Rel>): void {
    this.hidden = new Set(RELATIONS.filter((r) => findFirst && !revealed.has(r)));
    for (const r of RELATIONS) this.columns.classList.toggle(`hide-${r}`, this.hidden.has(r));
    if (this.selected) this.renderDetail();
  }

  private hover(sid: string | null): void {
    if (sid === this.hovered) return;
    this.hovered = sid;
    for (const el of this.lit) el.classList.remove("hovered", "cp", "cp-weak", "cp-internal");
    this.lit = [];
    this.columns.classList.toggle("hovering", sid !== null);
    if (!sid || !this.ix) return;
    this.lit = this.light(sid, "hovered", "cp");
    // Scroll the other columns only once the pointer rests, so sweeping
    // across the text does not set every column moving.
    window.clearTimeout(this.scrollTimer);
    this.scrollTimer = window.setTimeout(() => {
      if (this.hovered === sid) this.scrollCounterparts(sid);
    }, 180);
  }

  private light(sid: string, self: string, cls: string): HTMLElement[] {
    const ix = this.ix!;
    const out: HTMLElement[] = [];
    const add = (id: string, c: string) => {
      const el = this.sentenceEls.get(id);
      if (el) {
        el.classList.add(c);
        out.push(el);
      }
    };
    add(sid, self);
    const cp = counterparts(ix, sid);
    for (const id of cp.direct) add(id, cls);
    for (const id of cp.internal) add(id, `${cls}-internal`);
    return out;
  }

  /** Bring the first counterpart in every other column into view (vertically). */
  private scrollCounterparts(sid: string): void {
    const ix = this.ix!;
    const cp = counterparts(ix, sid);
    const firstPerDoc = new Map<string, string>();
    for (const id of [...cp.direct, ...cp.internal]) {
      const d = docOf(id);
      if (!firstPerDoc.has(d)) firstPerDoc.set(d, id);
    }
    for (const [doc, id] of firstPerDoc) {
      if (doc === docOf(sid)) continue;
      this.scrollIntoColumn(doc, id, false);
    }
  }

  private scrollIntoColumn(doc: string, sid: string, center: boolean): void {
    const body = this.bodies.get(doc);
    const el = this.sentenceEls.get(sid);
    if (!body || !el) return;
    const top = el.offsetTop;
    const bottom = top + el.offsetHeight;
    const visible = top >= body.scrollTop && bottom <= body.scrollTop + body.clientHeight;
    if (visible && !center) return;
    body.scrollTo({ top: Math.max(0, top - body.clientHeight / 3), behavior: "smooth" });
  }

  /** Select a sentence: detail panel, counterparts marked, scrolled into view. */
  select(sid: string | null): void {
    for (const el of this.selLit) el.classList.remove("selected", "scp", "scp-weak", "scp-internal");
    this.selLit = [];
    this.selected = sid && this.sentenceEls.has(sid) ? sid : null;
    if (this.selected) {
      this.selLit = this.light(this.selected, "selected", "scp");
      const doc = docOf(this.selected);
      const col = this.colEls.get(doc);
      if (col) {
        const box = this.columns.getBoundingClientRect();
        const r = col.getBoundingClientRect();
        if (r.left < box.left || r.right > box.right) this.columns.scrollBy({ left: r.left - box.left - 16, behavior: "smooth" });
      }
      this.scrollIntoColumn(doc, this.selected, false);
      this.scrollCounterparts(this.selected);
    }
    this.renderDetail();
    this.updateNav();
  }

  private renderDetail(): void {
    this.root.classList.toggle("has-detail", this.selected !== null);
    if (!this.ix || !this.selected) {
      replace(this.detail, h("div", { class: "detail-empty" }, h("p", null, "Point at a sentence to see its counterparts in every column. Click it for the reasons, the word diff and the evidence."), h("p", { class: "muted" }, "j / k: next and previous difference · Esc: close")));
      return;
    }
    const rel = this.sentenceEls.get(this.selected)?.dataset.rel as Rel | "muted" | undefined;
    if (rel && rel !== "muted" && this.hidden.has(rel)) {
      replace(
        this.detail,
        h("div", { class: "detail-empty" }, h("p", null, "Relations are hidden for the class."), h("p", { class: "muted" }, "Find the differences first, then reveal them from the classroom bar.")),
      );
      return;
    }
    replace(
      this.detail,
      renderDetail(this.ix, this.naming, this.selected, {
        jump: (sid) => this.act.select(sid),
        close: () => this.act.select(null),
      }),
    );
    this.detail.scrollTop = 0;
  }

  get selectedId(): string | null {
    return this.selected;
  }
}
