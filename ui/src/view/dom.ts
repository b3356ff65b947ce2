// The one way this UI makes DOM. Strings always become text nodes: article
// text, outlet names and file names are never parsed as HTML. No HTML-parsing
// sink is used anywhere in ui/src (test/safety.test.ts checks).

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  title?: string;
  data?: Record<string, string>;
  attrs?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

const URL_ATTRS = new Set(["href", "src", "srcset", "srcdoc", "action", "formaction", "xlink:href", "poster", "background", "ping"]);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.title) el.title = props.title;
    if (props.data) for (const [k, v] of Object.entries(props.data)) el.dataset[k] = v;
    if (props.attrs) {
      for (const [k, v] of Object.entries(props.attrs)) {
        // Handlers and styles run or restyle; URL attributes could carry a
        // javascript: link or fetch from the network. The UI needs none.
        const name = k.toLowerCase();
        if (name.startsWith("on") || name === "style" || URL_ATTRS.has(name)) throw new Error(`h(): attribute ${k} is not allowed`);
        el.setAttribute(k, v);
      }
    }
    if (props.on) {
      for (const [k, fn] of Object.entries(props.on)) el.addEventListener(k, fn as EventListener);
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (typeof c === "string" || typeof c === "number") el.appendChild(document.createTextNode(String(c)));
    else el.appendChild(c);
  }
}

/** Replace all children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** An inline SVG element (for the small chart icons). */
export function svg(tag: string, attrs: Record<string, string>, ...children: SVGElement[]): SVGElement {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) {
    const name = k.toLowerCase();
    if (name.startsWith("on") || URL_ATTRS.has(name)) throw new Error(`svg(): attribute ${k} is not allowed`);
    el.setAttribute(k, v);
  }
  for (const c of children) el.appendChild(c);
  return el;
}
