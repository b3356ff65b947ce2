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

describe("content security policy (tauri.conf.json)", () => {
  const conf = JSON.parse(readFileSync(join(__dirname, "../../tauri.conf.json"), "utf8"));
  const csp: Record<string, string> = conf.app.security.csp;
  it("is set, with a default of 'self'", () => {
    expect(csp["default-src"]).toBe("'self'");
  });
  it("allows no remote origin, inline code or eval anywhere", () => {
    for (const [directive, value] of Object.entries(csp)) {
      for (const source of value.split(/\s+/)) {
        // The only non-self sources: data: images (generated icons) and the IPC channel.
        const allowed = ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"];
        expect(allowed, `${directive}: ${source}`).toContain(source);
      }
      expect(value).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
    expect(csp["img-src"]).not.toContain("http");
    expect(csp["connect-src"]).toBe("ipc: http://ipc.localhost");
    for (const d of ["object-src", "base-uri", "form-action", "frame-src"]) expect(csp[d]).toBe("'none'");
  });
  it("freezes the prototype and exposes no global Tauri object", () => {
    expect(conf.app.security.freezePrototype).toBe(true);
    expect(conf.app.withGlobalTauri).toBe(false);
  });
});

describe("capabilities (src-tauri/capabilities/default.json)", () => {
  const cap = JSON.parse(readFileSync(join(__dirname, "../../src-tauri/capabilities/default.json"), "utf8"));
  it("grant only the main window", () => expect(cap.windows).toEqual(["main"]));
  it("grant no file system, shell, HTTP or opener plugin", () => {
    const plugins = (cap.permissions as string[]).filter((p) => /^(fs|shell|http|opener|process|updater):/.test(p));
    expect(plugins).toEqual([]);
  });
  it("grant the dialog plugin only its open and save dialogs", () => {
    const dialog = (cap.permissions as string[]).filter((p) => p.startsWith("dialog:"));
    expect(dialog.sort()).toEqual(["dialog:allow-open", "dialog:allow-save"]);
  });
  it("are each listed in SECURITY.md", () => {
    const doc = readFileSync(join(__dirname, "../../SECURITY.md"), "utf8");
    for (const p of cap.permissions as string[]) expect(doc, p).toContain(p);
  });
});

describe("relation vocabulary", () => {
  it("is exactly verbatim, agree, diverge, contradict, unique", async () => {
    const { RELATIONS } = await import("../src/model/index");
    expect([...RELATIONS]).toEqual(["verbatim", "agree", "diverge", "contradict", "unique"]);
  });
});
