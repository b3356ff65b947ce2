// Byte spans (UTF-8, as the engine gives them) to string indexes (UTF-16, as
// JavaScript slices), and painting a text with overlapping tagged ranges.

/** For every UTF-8 byte offset of `s`, the UTF-16 index of the character it
 * falls in; the entry at `bytes` is `s.length`. */
export function byteMap(s: string): Uint32Array {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  const map = new Uint32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    i += cp > 0xffff ? 2 : 1;
  }
  map[b] = s.length;
  return map;
}

/** UTF-8 length of a string. */
export function byteLength(s: string): number {
  return byteMap(s).length - 1;
}

/** A range of a string (UTF-16 indexes) with a tag. */
export interface Tagged<T> {
  start: number;
  end: number;
  tag: T;
}

/** A run of text and the tags that cover all of it. */
export interface Piece<T> {
  text: string;
  tags: T[];
}

/** Cut `text` at every range boundary; each piece lists the tags covering it.
 * Ranges may overlap and are clamped to the text. */
export function paint<T>(text: string, ranges: Tagged<T>[]): Piece<T>[] {
  const cuts = new Set<number>([0, text.length]);
  const rs = ranges
    .map((r) => ({ ...r, start: clamp(r.start, text.length), end: clamp(r.end, text.length) }))
    .filter((r) => r.end > r.start);
  for (const r of rs) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Piece<T>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const tags = rs.filter((r) => r.start <= s && r.end >= e).map((r) => r.tag);
    const last = out[out.length - 1];
    if (last && sameTags(last.tags, tags)) last.text += text.slice(s, e);
    else out.push({ text: text.slice(s, e), tags });
  }
  return out;
}

function clamp(x: number, max: number): number {
  return Math.max(0, Math.min(max, x));
}

function sameTags<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
