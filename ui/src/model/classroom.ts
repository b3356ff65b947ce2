// Classroom mode: sources hidden as "Source A, B, C…" until revealed, and
// relation types revealed one at a time.
import type { Document } from "../generated/Document";
import { RELATIONS, type Rel } from "./index";

/** A, B, …, Z, AA, AB, … */
export function letter(i: number): string {
  let s = "";
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/** Outlet, else title, else id (the engine's display name). */
export function displayName(d: Document): string {
  const o = d.meta.outlet?.trim();
  if (o && o !== "Unknown") return o;
  const t = d.meta.title?.trim();
  return t ? t : d.id;
}

/** The name shown for the report at position `i`. */
export function nameOf(d: Document, i: number, hidden: boolean): string {
  return hidden ? `Source ${letter(i)}` : displayName(d);
}

/** The metadata line under a name; empty when sources are hidden. */
export function metaLine(d: Document, hidden: boolean): string {
  if (hidden) return "";
  return [d.meta.date ?? "undated", (d.meta.language ?? d.language).toUpperCase()].join(" · ");
}

/** The next relation to reveal in "find the differences first", or null. */
export function nextReveal(revealed: ReadonlySet<Rel>): Rel | null {
  return RELATIONS.find((r) => !revealed.has(r)) ?? null;
}
