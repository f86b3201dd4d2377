// The service-type tree as a WAI-ARIA tree view: one tab stop (roving tabindex), arrow keys to
// move, open and close, Home/End, Enter/Space to choose a type and type-ahead by first letter.
import { h, uid } from './dom.js'

/**
 * A type's place in the tree: the IRIs from its top-level type down to it. A type under two
 * parents appears twice with two keys; the key does not depend on the page's language.
 */
function keyOf (path) {
  return path.join(' ')
}

/**
 * The tree of `types` (`{ iri, label, services, children }`, as `GET /catalog/types` answers).
 * Every type is open at first, as the whole tree has always been shown; `collapsed` is the set of
 * keys the reader closed, kept by the caller so the language switch and Back keep them. The
 * chosen type (`selected`, an IRI) is marked with aria-selected at one place: `selectedKey` if it
 * names that type, else the type's first place; its ancestors are opened. `onSelect(iri, key)` is
 * called with the chosen type, or with `''` when the chosen one is chosen again (all services).
 */
export function typeTree (types, { labelledBy, selected = '', selectedKey = '', collapsed = new Set(), onSelect }) {
  const tree = h('ul', { class: 'tree', role: 'tree', 'aria-labelledby': labelledBy })
  const items = new Map()

  function item (node, index, siblings, path) {
    const key = keyOf([...path, node.iri])
    const labelId = uid('type')
    const hasChildren = node.children.length > 0
    const element = h('li', {
      role: 'treeitem',
      tabindex: '-1',
      'aria-level': path.length + 1,
      'aria-setsize': siblings.length,
      'aria-posinset': index + 1,
      'aria-labelledby': labelId,
      dataset: { iri: node.iri, key }
    },
    h('span', { class: 'node' },
      h('span', { class: 'toggle', 'aria-hidden': 'true' }),
      h('span', { class: 'label', id: labelId }, node.label, ' ', h('span', { class: 'count' }, `(${node.services})`))),
    hasChildren ? h('ul', { role: 'group' }, node.children.map((child, i, all) => item(child, i, all, [...path, node.iri]))) : null)
    items.set(element, { node, key })
    if (hasChildren) setOpen(element, !collapsed.has(key))
    return element
  }
  tree.append(...types.map((node, i, all) => item(node, i, all, [])))

  function setOpen (element, open) {
    element.setAttribute('aria-expanded', String(open))
    const group = element.querySelector(':scope > [role=group]')
    group.hidden = !open
    const { key } = items.get(element)
    if (open) collapsed.delete(key)
    else collapsed.add(key)
  }

  // In document order: a type's subtypes are built (and kept in `items`) before the type itself.
  const all = () => [...tree.querySelectorAll('[role=treeitem]')]
  const visible = () => all().filter(element => element.parentElement.closest('[role=group][hidden]') === null)
  const parentOf = element => element.parentElement.closest('[role=treeitem]')
  const isOpen = element => element.getAttribute('aria-expanded') === 'true'

  function markSelected (element) {
    for (const other of all()) other.removeAttribute('aria-selected')
    if (element !== null) element.setAttribute('aria-selected', 'true')
  }

  /** Makes `element` the tree's one tab stop, and focuses it when asked. */
  function rove (element, focus = false) {
    for (const other of all()) other.setAttribute('tabindex', other === element ? '0' : '-1')
    if (focus) element.focus()
  }

  const places = all().filter(element => items.get(element).node.iri === selected)
  const chosen = places.find(element => items.get(element).key === selectedKey) ?? places[0] ?? null
  if (chosen !== null) for (let up = parentOf(chosen); up !== null; up = parentOf(up)) setOpen(up, true)
  markSelected(chosen)
  rove(chosen ?? all()[0])

  function choose (element) {
    const { node, key } = items.get(element)
    const again = element.getAttribute('aria-selected') === 'true'
    markSelected(again ? null : element)
    onSelect(again ? '' : node.iri, key)
  }

  function typeAhead (from, character) {
    const shown = visible()
    const start = shown.indexOf(from)
    const wanted = character.toLocaleLowerCase()
    for (let step = 1; step <= shown.length; step++) {
      const candidate = shown[(start + step) % shown.length]
      if (items.get(candidate).node.label.toLocaleLowerCase().startsWith(wanted)) return candidate
    }
    return null
  }

  // The focused item becomes the tab stop, whether reached by keys or by the mouse.
  tree.addEventListener('focusin', event => {
    const element = event.target.closest('[role=treeitem]')
    if (element !== null && items.has(element)) rove(element)
  })

  tree.addEventListener('click', event => {
    const element = event.target.closest('[role=treeitem]')
    if (element === null || !items.has(element)) return
    if (event.target.closest('.toggle') !== null) {
      if (element.hasAttribute('aria-expanded')) setOpen(element, !isOpen(element))
      rove(element, true)
      return
    }
    if (event.target.closest('.node')?.parentElement !== element) return
    rove(element, true)
    choose(element)
  })

  tree.addEventListener('keydown', event => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const element = event.target.closest('[role=treeitem]')
    if (element === null || !items.has(element)) return
    const shown = visible()
    const at = shown.indexOf(element)
    let next = null
    switch (event.key) {
      case 'ArrowDown': next = shown[at + 1] ?? null; break
      case 'ArrowUp': next = shown[at - 1] ?? null; break
      case 'Home': next = shown[0]; break
      case 'End': next = shown[shown.length - 1]; break
      case 'ArrowRight':
        if (!element.hasAttribute('aria-expanded')) break
        if (isOpen(element)) next = element.querySelector(':scope > [role=group] > [role=treeitem]')
        else setOpen(element, true)
        break
      case 'ArrowLeft':
        if (element.hasAttribute('aria-expanded') && isOpen(element)) setOpen(element, false)
        else next = parentOf(element)
        break
      case 'Enter':
      case ' ':
        choose(element)
        break
      default:
        if (event.key.length !== 1 || event.key.trim() === '') return
        next = typeAhead(element, event.key)
    }
    event.preventDefault()
    if (next !== null) rove(next, true)
  })

  return tree
}
