// The five relation words, each with a colour (Okabe-Ito), an icon and a
// line pattern, so meaning never rests on colour alone.
import type { Rel } from "../model/index";
import { h } from "./dom";

export const ICON: Record<Rel | "absent", string> = {
  verbatim: "═",
  agree: "✓",
  diverge: "≈",
  contradict: "✕",
  unique: "◆",
  absent: "·",
};

export const MEANING: Record<Rel | "absent", string> = {
  verbatim: "the same words as another report",
  agree: "the same claim in other words",
  diverge: "the same claim with different or missing detail",
  contradict: "incompatible facts for the same claim",
  unique: "no other report tells this",
  absent: "this report does not tell it",
};

/** A relation chip: icon + word, coloured and patterned by CSS. */
export function chip(rel: Rel | "absent", label: string = rel): HTMLElement {
  return h("span", { class: `chip rel-${rel}`, title: `${rel}: ${MEANING[rel]}` }, h("span", { class: "ico", attrs: { "aria-hidden": "true" } }, ICON[rel]), label);
}

/** Just the icon, for tight places (sentences, matrix cells). */
export function icon(rel: Rel | "absent"): HTMLElement {
  return h("span", { class: `ico rel-${rel}`, attrs: { "aria-hidden": "true" } }, ICON[rel]);
}
