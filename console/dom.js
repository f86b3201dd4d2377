// A tiny DOM builder: text is always set as text, never parsed as HTML.

/** `h('p', { class: 'x' }, 'text', child)` */
export function h (tag, attributes = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value)
    else if (name === 'dataset') Object.assign(element.dataset, value)
    else if (value === true) element.setAttribute(name, '')
    else element.setAttribute(name, String(value))
  }
  append(element, children)
  return element
}

function append (element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    element.append(typeof child === 'object' && 'nodeType' in child ? child : document.createTextNode(String(child)))
  }
}

/** Replaces the children of an element. */
export function replace (element, ...children) {
  element.replaceChildren()
  append(element, children)
}

/**
 * Tells screen readers what happened on a page: `from` is an element of the page (its `<main>`,
 * a form or section in it) or of the header. The status line is written only while `from` is
 * shown: each render draws into its own `<main>`, so a render the reader has left (a slow
 * answer, a poll, a late click handler) never speaks over the page that replaced it.
 */
export function announce (from, text) {
  if (!(from instanceof window.Node)) throw new TypeError('announce(from, text): from must be an element of the announcing page')
  if (!from.isConnected) return
  const status = document.getElementById('status')
  if (status !== null) status.textContent = text
}

let counter = 0
/** A unique id for label/input pairs. */
export function uid (prefix = 'f') {
  counter += 1
  return `${prefix}-${counter}`
}

/** A wide table in a region that scrolls sideways on narrow screens, reachable by keyboard. */
export function scrollBox (label, ...children) {
  return h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-label': label }, ...children)
}

/**
 * Writes `hash` into the current history entry (no new entry, no re-render) while `view`, a page's
 * container, is still shown: a page the reader has left never rewrites the route of the next.
 */
export function rewriteRoute (view, hash) {
  if (view.isConnected) window.history.replaceState(window.history.state, '', hash)
}
