import { describe, expect, it } from "vitest";
import { byteLength, byteMap, paint } from "../src/model/text";

describe("byteMap", () => {
  it("maps UTF-8 byte offsets to string indexes across accents and emoji", () => {
    const s = "Áñez 🙂 ok";
    const m = byteMap(s);
    expect(m.length - 1).toBe(new TextEncoder().encode(s).length);
    expect(m[0]).toBe(0); // Á starts at 0
    expect(m[2]).toBe(1); // ñ starts at byte 2
    expect(s.slice(m[7], m[11])).toBe("🙂");
    expect(m[m.length - 1]).toBe(s.length);
    expect(byteLength("Añez")).toBe(5);
  });
});

describe("paint", () => {
  it("cuts at every boundary and lists overlapping tags", () => {
    const pieces = paint("abcdefgh", [
      { start: 1, end: 4, tag: "x" },
      { start: 3, end: 6, tag: "y" },
    ]);
    expect(pieces).toEqual([
      { text: "a", tags: [] },
      { text: "bc", tags: ["x"] },
      { text: "d", tags: ["x", "y"] },
      { text: "ef", tags: ["y"] },
      { text: "gh", tags: [] },
    ]);
  });
  it("clamps ranges and drops empty ones", () => {
    expect(paint("abc", [{ start: 2, end: 99, tag: 1 }, { start: 1, end: 1, tag: 2 }])).toEqual([
      { text: "ab", tags: [] },
      { text: "c", tags: [1] },
    ]);
  });
});
