// @ts-check
/**
 * Builds elements without ever parsing HTML: every string becomes a text node, so what authors
 * write on Facebook, X or the site cannot inject markup into the console.
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attributes] `class` sets `className`; `true` gives an empty attribute; `null`, `undefined`, `false` are skipped
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = /** @type {string} */ (value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(.../** @type {(Node | string)[]} */ (children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)));
  return node;
}

/**
 * What `h` and `fill` take as children: nodes, strings, and arrays of them (nested or not);
 * `null`, `undefined` and `false` are skipped.
 * @typedef {Node | string | null | undefined | false} ChildLeaf
 * @typedef {ChildLeaf | ChildLeaf[]} Child1
 * @typedef {ChildLeaf | Child1[]} Child2
 * @typedef {ChildLeaf | Child2[]} Child3
 * @typedef {ChildLeaf | Child3[]} Child
 */

/**
 * Replaces an element's content with `children`.
 * @param {Element} node
 * @param {...Child} children
 */
export function fill(node, ...children) {
  node.replaceChildren(.../** @type {(Node | string)[]} */ (children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)));
}

/**
 * Calls `action` after `delay` ms of quiet; each call restarts the wait.
 * @template {unknown[]} A
 * @param {(...args: A) => void} action
 * @param {number} delay
 * @returns {(...args: A) => void}
 */
export function debounce(action, delay) {
  /** @type {number | null} */
  let timer = null;
  return (...args) => {
    clearTimeout(/** @type {number | undefined} */ (timer));
    timer = setTimeout(() => action(...args), delay);
  };
}
