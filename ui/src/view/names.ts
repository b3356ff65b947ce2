// Report names appear in many places; each is an element tagged with its
// document id, so classroom mode can rename them all without re-rendering.
import type { Document } from "../generated/Document";
import { metaLine, nameOf } from "../model/classroom";
import { h } from "./dom";

export interface Naming {
  hidden: boolean;
  docs: Document[];
}

export function nameFor(n: Naming, docId: string): string {
  const i = n.docs.findIndex((d) => d.id === docId);
  return i < 0 ? docId : nameOf(n.docs[i], i, n.hidden);
}

export function docName(n: Naming, docId: string, cls = "docname"): HTMLElement {
  return h("span", { class: cls, data: { docName: docId } }, nameFor(n, docId));
}

export function docMeta(n: Naming, docId: string): HTMLElement {
  const d = n.docs.find((x) => x.id === docId);
  return h("span", { class: "docmeta", data: { docMeta: docId } }, d ? metaLine(d, n.hidden) : "");
}

/** Rename every tagged element under `root`. */
export function rename(root: ParentNode, n: Naming): void {
  root.querySelectorAll<HTMLElement>("[data-doc-name]").forEach((el) => {
    el.textContent = nameFor(n, el.dataset.docName!);
  });
  root.querySelectorAll<HTMLElement>("[data-doc-meta]").forEach((el) => {
    const d = n.docs.find((x) => x.id === el.dataset.docMeta);
    el.textContent = d ? metaLine(d, n.hidden) : "";
  });
}
