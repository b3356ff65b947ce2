// @vitest-environment happy-dom
// Adding reports from the web: the address box, per-URL progress words, the
// provenance line, the "Check for edits" button, and the edits dialog, whose
// article text (hostile like any other) stays text.
import { describe, expect, it } from "vitest";
import type { EditCheck } from "../src/generated/EditCheck";
import { buildIndex } from "../src/model/index";
import { CompareView } from "../src/view/compare";
import { editsBody } from "../src/view/edits";
import { fetchedLine, fetchStateText, parseUrls } from "../src/view/start";
import { fixture } from "./fixture";

describe("the address box", () => {
  it("takes one address per line or space, drops blanks and repeats", () => {
    expect(parseUrls(" https://a.example/x\n\nhttps://b.example/y https://a.example/x \n")).toEqual(["https://a.example/x", "https://b.example/y"]);
    expect(parseUrls("   \n ")).toEqual([]);
  });
});

describe("fetch progress", () => {
  const ev = (state: string, bytes = 0, total: number | null = null, message: string | null = null) => ({ index: 0, url: "https://a.example/x", state, bytes, total, message });
  it("says what is happening to each URL", () => {
    expect(fetchStateText(ev("started"))).toBe("fetching…");
    expect(fetchStateText(ev("received", 5120, 10240))).toBe("50% of 10 KB");
    expect(fetchStateText(ev("received", 300))).toBe("300 B…");
    expect(fetchStateText(ev("done"))).toBe("added");
    expect(fetchStateText(ev("failed", 0, null, "https://a.example/x: the server answered HTTP 404"))).toContain("HTTP 404");
  });
  it("shows where and when a report was fetched", () => {
    expect(fetchedLine("https://news.example.org/2019/11/11/a?x=1", "2026-11-28T16:44:23Z")).toBe("news.example.org · fetched 2026-11-28 16:44 UTC");
  });
});

describe("check for edits", () => {
  it("offers the check only on reports fetched from the web", () => {
    const cmp = structuredClone(fixture);
    cmp.documents[1].fetch = {
      requested_url: "https://early.example/sacaba",
      final_url: "https://early.example/sacaba",
      fetched_at: "2019-11-15T10:00:00Z",
      status: 200,
      content_type: "text/html",
      bytes: 2048,
      body_sha256: "0".repeat(64),
    };
    const asked: string[] = [];
    const v = new CompareView({ filter: () => {}, select: () => {}, checkEdits: (d) => asked.push(d) });
    document.body.replaceChildren(v.root);
    v.build(buildIndex(cmp), { hidden: false, docs: cmp.documents });
    const buttons = [...v.root.querySelectorAll<HTMLButtonElement>(".edits-btn")];
    expect(buttons.length).toBe(1);
    expect(buttons[0].closest<HTMLElement>(".col")?.dataset.doc).toBe(cmp.documents[1].id);
    buttons[0].click();
    expect(asked).toEqual([cmp.documents[1].id]);
  });

  it("lists each edit with before and after, as text", () => {
    const r: EditCheck = {
      document: "wire",
      url: "https://wire.example/a",
      before: "2019-11-11T02:00:00Z",
      after: "2019-11-12T09:00:00Z",
      changed: true,
      edits: [
        { before: "Morales resigned on Sunday.", after: "Morales resigned on Monday.", relation: "contradict", reasons: ["A says 'Sunday' (Sun 10 Nov 2019), B says 'Monday' (Mon 11 Nov 2019)"] },
        { before: null, after: '<img src=x onerror="window.__xss=1">Added line.', relation: "added", reasons: [] },
      ],
    };
    const el = editsBody(r);
    document.body.replaceChildren(el);
    const items = el.querySelectorAll(".edit");
    expect(items.length).toBe(2);
    expect(items[0].querySelector(".edit-before")?.textContent).toContain("Sunday");
    expect(items[0].querySelector(".edit-after")?.textContent).toContain("Monday");
    expect(items[0].textContent).toContain("conflicts with the earlier version");
    expect(el.querySelector("img")).toBeNull();
    expect(items[1].textContent).toContain('<img src=x onerror="window.__xss=1">');
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it("says plainly when nothing changed", () => {
    const el = editsBody({ document: "wire", url: "https://wire.example/a", before: "a", after: "b", changed: false, edits: [] });
    expect(el.textContent).toContain("exactly what was fetched before");
  });
});
