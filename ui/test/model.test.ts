import { describe, expect, it } from "vitest";
import { letter, metaLine, nameOf, nextReveal } from "../src/model/classroom";
import { linkDetail } from "../src/model/detail";
import { columnOrder, differences, shown, step } from "../src/model/filter";
import { buildIndex, counterparts, docOf, inSentence, linksBySeverity, sliceSpan, toldBy } from "../src/model/index";
import { keepRow, matrix } from "../src/model/matrix";
import { bars, summarise } from "../src/model/summary";
import { framing } from "../src/model/wording";
import { early, fixture, spanOf, wire } from "./fixture";

const ix = buildIndex(fixture);

describe("index", () => {
  it("finds the worst relation per sentence and treats unlinked ones as unique", () => {
    expect(ix.worst.get("wire:0")).toBe("contradict");
    expect(ix.worst.get("wire:2")).toBe("verbatim");
    expect(ix.worst.get("wire:3")).toBeUndefined();
    expect(shown(ix, "wire:3", { kind: "all" })).toBe("unique");
  });
  it("slices byte spans of non-ASCII text", () => {
    expect(sliceSpan(ix, "wire", spanOf(wire, "Áñez"))).toBe("Áñez");
    const r = inSentence(ix, "wire:1", [spanOf(wire, "Áñez")]);
    expect(wire.sentences[1].text.slice(r[0].start, r[0].end)).toBe("Áñez");
  });
  it("lists counterparts: links, internal contradictions, the rest of the story point", () => {
    expect(counterparts(ix, "wire:0").direct).toEqual(["early:0"]);
    expect(counterparts(ix, "early:3").internal).toEqual(["early:4"]);
    expect(toldBy(ix, "wire:0")).toEqual({ k: 2, n: 3 });
    expect(toldBy(ix, "wire:3")).toEqual({ k: 1, n: 3 });
    expect(docOf("some:doc:12")).toBe("some:doc");
  });
  it("orders a sentence's links by severity", () => {
    expect(linksBySeverity(ix, "wire:0").map((l) => l.relation)).toEqual(["contradict"]);
  });
});

describe("filters and navigation", () => {
  it("contradictions only keeps contradictions, including internal ones", () => {
    const f = { kind: "contradict" } as const;
    expect(shown(ix, "wire:0", f)).toBe("contradict");
    expect(shown(ix, "early:3", f)).toBe("contradict");
    expect(shown(ix, "wire:1", f)).toBe("muted");
  });
  it("unique only keeps unlinked sentences", () => {
    const f = { kind: "unique" } as const;
    expect(shown(ix, "wire:3", f)).toBe("unique");
    expect(shown(ix, "wire:0", f)).toBe("muted");
  });
  it("one report against the rest puts it first and mutes what it does not tell", () => {
    const f = { kind: "versus", doc: "third" } as const;
    expect(columnOrder(ix, f)).toEqual(["third", "wire", "early"]);
    expect(shown(ix, "wire:2", f)).toBe("verbatim");
    expect(shown(ix, "wire:0", f)).toBe("muted");
    expect(shown(ix, "third:1", f)).toBe("unique");
  });
  it("steps through differences in reading order and stays put at the ends", () => {
    const f = { kind: "all" } as const;
    const list = differences(ix, f);
    expect(list).toEqual(["wire:0", "wire:1", "wire:3", "early:0", "early:1", "early:2", "early:3", "early:4", "third:1"]);
    expect(step(ix, f, list, null, 1)).toBe("wire:0");
    expect(step(ix, f, list, null, -1)).toBe("third:1");
    expect(step(ix, f, list, "wire:1", 1)).toBe("wire:3");
    expect(step(ix, f, list, "wire:0", -1)).toBe("wire:0");
    // From a sentence that is not a difference, to the nearest one.
    expect(step(ix, f, list, "wire:2", 1)).toBe("wire:3");
    expect(step(ix, f, list, "wire:2", -1)).toBe("wire:1");
    expect(step(ix, f, [], "wire:2", 1)).toBeNull();
  });
});

describe("detail", () => {
  it("marks the word diff and the reasons' words in both sentences", () => {
    const d = linkDetail(ix, fixture.links[0]);
    expect(d.diffA.filter((p) => p.tags.includes("del")).map((p) => p.text)).toEqual(["Three"]);
    expect(d.diffB.filter((p) => p.tags.includes("ins")).map((p) => p.text)).toEqual(["Nine"]);
    expect(d.reasonsA.filter((p) => p.tags.includes(0)).map((p) => p.text)).toEqual(["Three"]);
    expect(d.reasonsB.filter((p) => p.tags.includes(1)).map((p) => p.text)).toEqual(["Sacaba"]);
    expect(d.words[0]).toEqual({ a: ["Three"], b: ["Nine"] });
    // The pieces put back together are the sentence, unchanged.
    expect(d.diffA.map((p) => p.text).join("")).toBe(early.sentences[0].text);
  });
  it("handles accented words in the diff", () => {
    const d = linkDetail(ix, fixture.links[1]);
    expect(d.diffB.filter((p) => p.tags.includes("ins")).map((p) => p.text)).toEqual(["Jeanine"]);
  });
});

describe("matrix", () => {
  it("has a row per story point and marks absent reports", () => {
    const rows = matrix(ix);
    expect(rows).toHaveLength(3);
    expect(rows[0].cells.map((c) => c.mark)).toEqual(["contradict", "contradict", "absent"]);
    expect(rows[2].cells.map((c) => c.mark)).toEqual(["verbatim", "absent", "verbatim"]);
    expect(rows[0].cells[1].sentences).toEqual(["early:0"]);
    expect(rows.filter((r) => keepRow(r, true)).map((r) => r.cluster.id)).toEqual(["c1", "c2"]);
  });
});

describe("summary", () => {
  it("counts what each report shares, says alone and contradicts", () => {
    const [w, e, t] = summarise(ix);
    expect(w.counts).toEqual({ verbatim: 1, agree: 0, diverge: 1, contradict: 1, unique: 1 });
    expect(w.shared).toBe(3);
    expect(w.contradicts).toEqual([{ sentence: "wire:0", others: ["early:0"] }]);
    expect(e.internal).toEqual([{ sentence: "early:3", others: ["early:4"] }]);
    expect(t.unique).toEqual(["third:1"]);
    expect(bars(e, 5).map((b) => b.rel)).toEqual(["diverge", "contradict", "unique"]);
    expect(bars(e, 5).reduce((s, b) => s + b.width, 0)).toBeCloseTo(1);
  });
});

describe("wording", () => {
  it("groups framing terms by family and report, with their voice", () => {
    const f = framing(ix);
    expect(f).toHaveLength(1);
    expect(f[0].uses[0]).toEqual([{ concept: "police", voice: "own", term: "Police", sentence: "wire:2" }]);
    expect(f[0].uses[1]).toEqual([]);
    expect(f[0].uses[2][0].voice).toBe("attributed");
  });
});

describe("classroom", () => {
  it("hides outlets as Source A, B, … and the metadata with them", () => {
    expect([0, 1, 25, 26, 27].map(letter)).toEqual(["A", "B", "Z", "AA", "AB"]);
    expect(nameOf(wire, 0, true)).toBe("Source A");
    expect(nameOf(wire, 0, false)).toBe("Andean Wire");
    expect(metaLine(wire, true)).toBe("");
    expect(metaLine(wire, false)).toBe("2019-11-16 · EN");
  });
  it("reveals relation types one at a time, in the legend's order", () => {
    expect(nextReveal(new Set())).toBe("verbatim");
    expect(nextReveal(new Set(["verbatim", "agree"]))).toBe("diverge");
    expect(nextReveal(new Set(["verbatim", "agree", "diverge", "contradict", "unique"]))).toBeNull();
  });
});
