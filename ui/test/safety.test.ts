// Article text must only ever be inserted as text. No source file may use an
// HTML-parsing sink, and the DOM helper refuses inline handlers.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("no HTML sinks", () => {
  const src = files(join(__dirname, "../src"));
  it("finds the sources", () => expect(src.length).toBeGreaterThan(10));
  for (const sink of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser", "createContextualFragment", "eval(", "new Function"]) {
    it(`never uses ${sink}`, () => {
      const hits = src.filter((f) => readFileSync(f, "utf8").includes(sink));
      expect(hits).toEqual([]);
    });
  }
});

describe("no attribute or URL sinks outside h()", () => {
  const src = files(join(__dirname, "../src"));
  // h() is the only place that sets attributes, and it refuses handlers,
  // styles and URLs; nothing else may set them directly.
  it("sets only aria- attributes directly", () => {
    const hits = src.filter((f) => !f.endsWith(join("view", "dom.ts")) && /setAttribute\(\s*["'`](?!aria-)/.test(readFileSync(f, "utf8")));
    expect(hits).toEqual([]);
  });
  const sinks = [".href =", ".src =", ".srcdoc =", ".onclick =", ".onerror =", "location.href", "window.open(", "javascript:"];
  for (const sink of sinks) {
    it(`only view/dom.ts uses ${sink}`, () => {
      const hits = src.filter((f) => !f.endsWith(join("view", "dom.ts")) && readFileSync(f, "utf8").includes(sink));
      expect(hits).toEqual([]);
    });
  }
});

describe("relation vocabulary", () => {
  it("is exactly verbatim, agree, diverge, contradict, unique", async () => {
    const { RELATIONS } = await import("../src/model/index");
    expect([...RELATIONS]).toEqual(["verbatim", "agree", "diverge", "contradict", "unique"]);
  });
});
