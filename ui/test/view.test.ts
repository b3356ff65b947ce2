// @vitest-environment happy-dom
// The compare view builds its DOM once per comparison; filters, hover,
// selection and reveals only touch attributes of existing elements. Article
// text always lands in text nodes.
import { describe, expect, it } from "vitest";
import type { Filter } from "../src/model/filter";
import { buildIndex } from "../src/model/index";
import { CompareView } from "../src/view/compare";
import { h } from "../src/view/dom";
import { rename } from "../src/view/names";
import { fixture } from "./fixture";

function view() {
  const calls: { filter: Filter[]; select: (string | null)[]; edits: string[] } = { filter: [], select: [], edits: [] };
  const v: CompareView = new CompareView({
    filter: (f) => {
      calls.filter.push(f);
      v.applyFilter(f);
    },
    select: (sid) => {
      calls.select.push(sid);
      v.select(sid);
    },
    checkEdits: (doc) => calls.edits.push(doc),
  });
  document.body.replaceChildren(v.root);
  const ix = buildIndex(fixture);
  v.build(ix, { hidden: false, docs: fixture.documents });
  return { v, calls };
}

describe("h()", () => {
  it("puts strings in text nodes, never parsed as HTML", () => {
    const el = h("p", null, '<img src=x onerror="window.__xss=1">', " and more");
    expect(el.querySelector("img")).toBeNull();
    expect(el.textContent).toBe('<img src=x onerror="window.__xss=1"> and more');
  });
  it("refuses inline handlers and style attributes", () => {
    expect(() => h("span", { attrs: { onclick: "alert(1)" } })).toThrow();
    expect(() => h("span", { attrs: { style: "color:red" } })).toThrow();
    expect(() => h("span", { attrs: { OnMouseOver: "alert(1)" } })).toThrow();
  });
  it("refuses URL attributes, so no javascript: link or remote fetch can be made", () => {
    expect(() => h("a", { attrs: { href: "javascript:alert(1)" } })).toThrow();
    expect(() => h("img", { attrs: { src: "https://example.org/x.png" } })).toThrow();
    expect(() => h("iframe", { attrs: { srcdoc: "<script>1</script>" } })).toThrow();
    const el = h("p", null, '<a href="javascript:window.__xss=3">x</a><script>window.__xss=2</script>');
    expect(el.querySelector("a, script")).toBeNull();
  });
});

describe("CompareView", () => {
  it("builds one column per report and one element per sentence", () => {
    view();
    expect(document.querySelectorAll(".col")).toHaveLength(3);
    const total = fixture.documents.reduce((n, d) => n + d.sentences.length, 0);
    expect(document.querySelectorAll(".s")).toHaveLength(total);
    expect(document.querySelector('.s[data-sid="wire:0"]')?.getAttribute("data-rel")).toBe("contradict");
    expect(document.querySelector('.s[data-sid="wire:3"]')?.getAttribute("data-rel")).toBe("unique");
    expect(document.querySelectorAll(".internal-badge")).toHaveLength(1);
  });

  it("filters by changing attributes of the same elements", () => {
    const { v } = view();
    const before = [...document.querySelectorAll(".s")];
    v.applyFilter({ kind: "contradict" });
    const after = [...document.querySelectorAll(".s")];
    expect(after).toHaveLength(before.length);
    after.forEach((el, i) => expect(el).toBe(before[i]));
    expect(new Set(after.map((e) => e.getAttribute("data-rel")))).toEqual(new Set(["contradict", "muted"]));
    v.applyFilter({ kind: "versus", doc: "third" });
    expect((document.querySelector('.col[data-doc="third"]') as HTMLElement).style.order).toBe("0");
    expect(document.querySelector('.col[data-doc="third"]')?.classList.contains("reference")).toBe(true);
  });

  it("lights counterparts on hover and clears them after", () => {
    view();
    const s = document.querySelector('.s[data-sid="wire:0"]')!;
    s.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(document.querySelector('.s[data-sid="early:0"]')?.classList.contains("cp")).toBe(true);
    expect(document.querySelector(".columns")?.classList.contains("hovering")).toBe(true);
    document.querySelector(".columns")!.dispatchEvent(new MouseEvent("mouseleave"));
    expect(document.querySelectorAll(".cp")).toHaveLength(0);
  });

  it("opens the detail on click and steps through differences", () => {
    const { v, calls } = view();
    (document.querySelector('.s[data-sid="wire:0"]') as HTMLElement).click();
    expect(calls.select).toEqual(["wire:0"]);
    expect(document.querySelector(".detail .told-text")?.textContent).toBe("Told by 2 of 3 reports");
    expect(document.querySelector(".detail .reasons li.conflict")?.textContent).toContain("three vs nine");
    expect([...document.querySelectorAll(".detail mark.conflict")].map((m) => m.textContent)).toEqual(["Three", "Nine"]);
    v.next(1);
    expect(v.selectedId).toBe("wire:1");
    expect(document.querySelector(".nav-label")?.textContent).toBe("2 of 9 differences");
  });

  it("hides relations in find-the-differences mode, including in the detail", () => {
    const { v } = view();
    v.setRevealed(true, new Set(["verbatim"]));
    const cols = document.querySelector(".columns")!;
    expect(cols.classList.contains("hide-contradict")).toBe(true);
    expect(cols.classList.contains("hide-verbatim")).toBe(false);
    v.select("wire:0");
    expect(document.querySelector(".detail .reasons")).toBeNull();
    expect(document.querySelector(".detail")?.textContent).toContain("Relations are hidden");
  });

  it("renames sources in place for the classroom", () => {
    view();
    rename(document, { hidden: true, docs: fixture.documents });
    expect([...document.querySelectorAll(".col-head .docname")].map((e) => e.textContent)).toEqual(["Source A", "Source B", "Source C"]);
    expect(document.querySelector(".col-head .docmeta")?.textContent).toBe("");
  });
});
