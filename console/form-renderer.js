// Renders a generated form (JSON Schema 2020-12 + Symphony UI schema) into accessible inputs,
// reads the values back as JSON, and shows errors at their fields (JSON pointers). Nested
// shapes become fieldsets; repeatable ones get "add" and "remove" buttons.
import { h, uid } from './dom.js'
import { lang, t } from './i18n.js'

function resolve (root, schema) {
  let current = schema ?? {}
  for (let i = 0; i < 10 && typeof current.$ref === 'string' && current.$ref.startsWith('#/$defs/'); i++) current = root.$defs?.[current.$ref.slice(8)] ?? {}
  return current
}

/** The JSON Schema of the value at a JSON pointer of the values. */
function schemaAt (root, pointer) {
  let schema = resolve(root, root)
  for (const part of pointer.split('/').slice(1)) schema = resolve(root, schema.properties?.[part])
  return schema
}

const inputTypes = { number: 'number', date: 'date', dateTime: 'datetime-local', time: 'time', uri: 'url' }

/**
 * A value of a draft, or of the defaults when there is no draft: `source` is undefined (use the
 * schema's default) or `{ value }` (the draft's value, undefined for an empty field).
 */
function initialOf (source, schema) {
  return source === undefined ? schema.default : source.value
}

/** The draft of a part of the values: `{ value }` of `name` below a draft object, or undefined without a draft. */
function part (source, name) {
  if (source === undefined) return undefined
  const value = source.value
  return { value: value !== null && typeof value === 'object' ? value[name] : undefined }
}

/** The text an input shows for a value read from it (a language-tagged string shows its text). */
function asText (value) {
  if (value !== null && typeof value === 'object' && '@value' in value) return String(value['@value'])
  return String(value)
}

/** One editor for a single value (or a list of simple values). */
function leafEditor (field, schema, source) {
  const id = uid('field')
  const helpId = `${id}-help`
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const itemSchema = field.multiple ? (schema.items ?? {}) : schema
  const numeric = itemSchema.type === 'integer' || itemSchema.type === 'number'
  const initial = initialOf(source, schema)
  const described = [field.help === undefined ? null : helpId].filter(Boolean)
  const common = { id, name: id, required: field.required || undefined, readonly: field.readOnly || undefined }
  let input
  if (field.widget === 'checkbox') {
    input = h('input', { ...common, type: 'checkbox', checked: initial === true })
  } else if (field.widget === 'booleanSelect') {
    input = h('select', common, h('option', { value: '' }, t('choose')), h('option', { value: 'true', selected: initial === true }, t('yes')), h('option', { value: 'false', selected: initial === false }, t('no')))
  } else if (field.options !== undefined && field.options.length > 0) {
    const initialValues = Array.isArray(initial) ? initial : [initial]
    input = h('select', { ...common, multiple: field.multiple || undefined, size: field.multiple ? Math.min(6, field.options.length) : undefined },
      field.multiple ? null : h('option', { value: '' }, t('choose')),
      field.options.map((option, index) => h('option', { value: String(index), selected: initialValues.some(v => JSON.stringify(v) === JSON.stringify(option.value)) }, option.label)))
  } else if (field.multiple || field.widget === 'textarea' || field.widget === 'richText' || field.singleLine === false) {
    if (field.multiple) described.push(hintId)
    input = h('textarea', { ...common, rows: field.multiple ? 3 : 4 }, Array.isArray(initial) ? initial.map(asText).join('\n') : initial === undefined ? '' : asText(initial))
  } else {
    input = h('input', {
      ...common,
      type: numeric ? 'number' : inputTypes[field.widget] ?? 'text',
      value: initial === undefined ? undefined : asText(initial),
      min: itemSchema.minimum,
      max: itemSchema.maximum,
      step: itemSchema.type === 'integer' ? 1 : numeric ? 'any' : undefined,
      maxlength: itemSchema.maxLength
    })
  }
  const baseDescribedBy = described.join(' ')
  if (baseDescribedBy !== '') input.setAttribute('aria-describedby', baseDescribedBy)
  const errorElement = h('p', { class: 'error', id: errorId, hidden: true })
  const requiredMark = field.required ? [h('span', { 'aria-hidden': 'true' }, ' *'), h('span', { class: 'visually-hidden' }, ` (${t('required')})`)] : null
  const help = field.help === undefined ? null : h('p', { class: 'help', id: helpId }, field.help)
  const hint = described.includes(hintId) ? h('p', { class: 'help', id: hintId }, t('onePerLine')) : null
  const element = input.type === 'checkbox'
    ? h('div', { class: 'field' }, input, ' ', h('label', { for: id, class: 'inline' }, field.label), help, errorElement)
    : h('div', { class: 'field' }, h('label', { for: id }, field.label, requiredMark), input, help, hint, errorElement)

  const convert = text => numeric && text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text
  return {
    element,
    read () {
      if (input.type === 'checkbox') return input.checked
      if (field.widget === 'booleanSelect') return input.value === '' ? undefined : input.value === 'true'
      if (input.tagName === 'SELECT' && field.options !== undefined) {
        const chosen = [...input.selectedOptions].filter(o => o.value !== '').map(o => field.options[Number(o.value)].value)
        return field.multiple ? (chosen.length === 0 ? undefined : chosen) : chosen[0]
      }
      if (field.multiple) {
        const lines = input.value.split('\n').map(s => s.trim()).filter(s => s !== '').map(convert)
        return lines.length === 0 ? undefined : lines
      }
      const text = input.value.trim()
      if (text === '') return undefined
      if (field.value?.kind === 'langString') return { '@value': text, '@language': lang() }
      return convert(text)
    },
    locate () { return this },
    showError (message) {
      errorElement.hidden = false
      errorElement.textContent = errorElement.textContent === '' ? message : `${errorElement.textContent}; ${message}`
      input.setAttribute('aria-invalid', 'true')
      input.setAttribute('aria-describedby', `${baseDescribedBy} ${errorId}`.trim())
    },
    clearError () {
      errorElement.hidden = true
      errorElement.textContent = ''
      input.removeAttribute('aria-invalid')
      if (baseDescribedBy === '') input.removeAttribute('aria-describedby')
      else input.setAttribute('aria-describedby', baseDescribedBy)
    },
    focus () { input.focus() },
    invalid () { return input.getAttribute('aria-invalid') === 'true' ? [this] : [] }
  }
}

/** A group of editors with an error line of its own (for errors on the group itself). */
function containerError () {
  const element = h('p', { class: 'error', hidden: true, role: 'alert' })
  return {
    element,
    show (message) { element.hidden = false; element.textContent = element.textContent === '' ? message : `${element.textContent}; ${message}` },
    clear () { element.hidden = true; element.textContent = '' }
  }
}

/**
 * What the object's alternatives ask (`sh:xone`: exactly one, `sh:or`: at least one), naming each
 * option by its label or its fields' labels, so a person knows before the check which to fill.
 */
function alternativesNote (object) {
  const name = option => option.label ?? option.fields.map(f => object.fields[f]?.label ?? f).join(' + ')
  return (object.alternatives ?? []).map(a => h('p', { class: 'help alternatives' },
    t(a.kind === 'xone' ? 'alternativesOne' : 'alternativesSome', a.options.map(name))))
}

/** Editors for every field of a UI object; `schema` is the object's JSON Schema, `source` its draft (see `initialOf`). */
function objectEditor (form, object, schema, depth, source) {
  const editors = new Map()
  const make = name => {
    const field = object.fields[name]
    if (field === undefined || field.hidden) return null
    const fieldSchema = resolve(form.schema, schema.properties?.[name])
    const definition = field.value?.kind === 'node' ? form.uiSchema.definitions?.[field.value.definition] : undefined
    let editor
    if (definition !== undefined && depth < 5) {
      editor = field.multiple
        ? listEditor(form, field, definition, resolve(form.schema, fieldSchema.items), depth, part(source, name))
        : nodeEditor(form, field, definition, fieldSchema, depth, part(source, name))
    } else {
      editor = leafEditor(field, fieldSchema, part(source, name))
    }
    editors.set(name, editor)
    return editor.element
  }
  const grouped = new Set(object.groups.flatMap(g => g.fields))
  const own = containerError()
  const element = h('div', {},
    own.element,
    alternativesNote(object),
    h('div', { class: 'grid-form' }, object.order.filter(name => !grouped.has(name)).map(make)),
    [...object.groups].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map(group =>
      h('fieldset', {}, h('legend', {}, group.label), h('div', { class: 'grid-form' }, group.fields.map(make)))))
  return {
    element,
    read () {
      const value = {}
      for (const [name, editor] of editors) {
        const v = editor.read()
        if (v !== undefined) value[name] = v
      }
      return value
    },
    locate (parts) {
      if (parts.length === 0) return this
      const editor = editors.get(parts[0])
      return editor === undefined ? this : editor.locate(parts.slice(1))
    },
    showError (message) { own.show(message) },
    clearError () { own.clear(); for (const editor of editors.values()) editor.clearError() },
    focus () { [...editors.values()][0]?.focus() },
    invalid () { return [...editors.values()].flatMap(e => e.invalid()) }
  }
}

function nodeEditor (form, field, definition, schema, depth, source) {
  const inner = objectEditor(form, definition, schema, depth + 1, source)
  const element = h('fieldset', { class: 'nested' },
    h('legend', {}, field.label, field.required ? ` (${t('required')})` : ''),
    field.help === undefined ? null : h('p', { class: 'help' }, field.help),
    inner.element)
  return {
    ...inner,
    element,
    read () {
      const value = inner.read()
      return Object.keys(value).length === 0 && !field.required ? undefined : value
    },
    locate (parts) { return inner.locate(parts) }
  }
}

function listEditor (form, field, definition, itemSchema, depth, source) {
  const items = []
  const list = h('ol', { class: 'items' })
  const own = containerError()
  // Adding or removing an item changes the values as typing does: the form hears it as a change.
  const changed = () => list.dispatchEvent(new window.Event('change', { bubbles: true }))
  const add = itemSource => {
    const inner = objectEditor(form, definition, itemSchema, depth + 1, itemSource)
    const item = h('li', { class: 'item' }, inner.element)
    const remove = h('button', { type: 'button', class: 'secondary small' }, t('remove'))
    remove.addEventListener('click', () => {
      items.splice(items.indexOf(entry), 1)
      item.remove()
      changed()
    })
    item.append(remove)
    const entry = { inner, item }
    items.push(entry)
    list.append(item)
    return entry
  }
  const drafted = source === undefined ? undefined : source.value
  if (Array.isArray(drafted) && drafted.length > 0) for (const value of drafted) add({ value })
  // A required list starts with one item (its defaults) only without a draft: one the person
  // emptied stays empty, so the draft does not bring back what they removed.
  else if (field.required && source === undefined) add()
  const addButton = h('button', { type: 'button', class: 'secondary small' }, `+ ${t('addItem')}`)
  addButton.addEventListener('click', () => { const entry = add(); changed(); entry.inner.focus() })
  const element = h('fieldset', { class: 'nested' },
    h('legend', {}, field.label, field.required ? ` (${t('required')})` : ''),
    field.help === undefined ? null : h('p', { class: 'help' }, field.help),
    own.element, list, addButton)
  return {
    element,
    read () {
      const values = items.map(({ inner }) => inner.read())
      return values.length === 0 ? undefined : values
    },
    locate (parts) {
      if (parts.length === 0) return this
      const entry = items[Number(parts[0])]
      return entry === undefined ? this : entry.inner.locate(parts.slice(1))
    },
    showError (message) { own.show(message) },
    clearError () { own.clear(); for (const { inner } of items) inner.clearError() },
    focus () { (items[0]?.inner ?? addButton).focus() },
    invalid () { return items.flatMap(({ inner }) => inner.invalid()) }
  }
}

function setAt (target, pointer, value) {
  const parts = pointer.split('/').slice(1)
  if (parts.length === 0) return Object.assign(target, value)
  let node = target
  for (const part of parts.slice(0, -1)) node = node[part] ??= {}
  node[parts.at(-1)] = value
}

/** The value at a JSON pointer of `values`, or undefined. */
function valueAt (values, pointer) {
  let node = values
  for (const name of pointer.split('/').slice(1)) node = node !== null && typeof node === 'object' ? node[name] : undefined
  return node
}

/**
 * Builds the form. Returns the element, a function that reads the values, and one that shows
 * errors (`[{ pointer, message }]`, JSON pointers into the values). With `values` (what
 * `values()` read earlier, e.g. a draft) the fields show those instead of the defaults.
 */
export function renderForm (form, { values: drafted } = {}) {
  const sections = form.uiSchema.sections.map(section => {
    const source = drafted === undefined ? undefined : { value: valueAt(drafted, section.pointer) }
    const editor = objectEditor(form, section.object, schemaAt(form.schema, section.pointer), 0, source)
    const element = h('fieldset', { class: 'card section', dataset: { pointer: section.pointer } },
      h('legend', {}, section.title),
      section.object.description === undefined ? null : h('p', { class: 'help' }, section.object.description),
      editor.element)
    return { section, editor, element }
  })
  const summary = h('div', { role: 'alert', hidden: true, class: 'alert' })
  const element = h('div', { class: 'joint-form' }, summary, sections.map(s => s.element))

  function values () {
    const result = {}
    for (const { section, editor } of sections) setAt(result, section.pointer, editor.read())
    return result
  }

  function showErrors (errors) {
    for (const { editor } of sections) editor.clearError()
    const unplaced = []
    for (const error of errors) {
      const owner = sections
        .filter(({ section }) => error.pointer === section.pointer || error.pointer.startsWith(`${section.pointer}/`))
        .sort((a, b) => b.section.pointer.length - a.section.pointer.length)[0]
      if (owner === undefined) { unplaced.push(error); continue }
      const parts = error.pointer.slice(owner.section.pointer.length).split('/').slice(1)
      owner.editor.locate(parts).showError(error.message)
    }
    summary.hidden = errors.length === 0
    summary.replaceChildren(
      h('p', {}, t('fixErrors', errors.length)),
      unplaced.length === 0 ? '' : h('ul', {}, unplaced.map(e => h('li', {}, `${e.pointer || '/'}: ${e.message}`))))
    sections.flatMap(({ editor }) => editor.invalid())[0]?.focus()
  }

  return { element, values, showErrors }
}
