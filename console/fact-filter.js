// The catalog's fact filter: conditions on any property the services state (GET /catalog/facts),
// each a property, a test and a value, written as the API's `fact=<property> <test> <value>` text.
import { h, replace, uid } from './dom.js'
import { t } from './i18n.js'

/** The tests a kind of value can take, in the order offered. */
const testsByKind = {
  iri: ['hasValue', 'in'],
  number: ['minInclusive', 'maxInclusive', 'hasValue'],
  boolean: ['hasValue'],
  text: ['hasValue', 'in']
}
const testLabels = { in: 'factIn', hasValue: 'factHasValue', minInclusive: 'factMin', maxInclusive: 'factMax' }

/** A fact test text (`<property> <test> <value>`) as its parts; `undefined` when it has fewer than three. */
export function readFactText (text) {
  const match = /^\s*(\S+)\s+(\S+)\s+(\S.*?)\s*$/s.exec(text)
  return match === null ? undefined : { property: match[1], test: match[2], value: match[3] }
}

/**
 * A condition as the route keeps it: `<property> <test> <value>` when complete, `<property> <test>`
 * or `<property>` while its value (or test) is still to be chosen; `undefined` for anything else.
 */
export function readFactRow (text) {
  const complete = readFactText(text)
  if (complete !== undefined) return complete
  const match = /^\s*(\S+)(?:\s+(\S+))?\s*$/s.exec(text)
  return match === null ? undefined : { property: match[1], test: match[2], value: undefined }
}

/** Whether a text value would be read as a number, a boolean or a quoted string by the API. */
const readsAsOther = value => /^(true|false|-?\d+(\.\d+)?([eE][+-]?\d+)?|".*")$/s.test(value)

/**
 * The fact filter's fieldset: one row per condition from `texts` (the route's `fact` values,
 * half-filled ones too), a button to add one. `onChange(texts, routed)` gets the complete
 * conditions as API texts and every row with a property as the route keeps it (`readFactRow`)
 * whenever one changes; `showProblem(problem)` puts a 400 about one of them at its value and says
 * whether it did.
 */
export function factFilter ({ properties, texts, onChange }) {
  const byIri = new Map(properties.map(p => [p.iri, p]))
  const rows = []
  const list = h('div', { class: 'fact-conditions' })
  const add = h('button', { type: 'button', class: 'secondary', onclick: () => { const row = conditionRow(); rows.push(row); list.append(row.element); row.focus() } }, t('factAdd'))
  const element = h('fieldset', { class: 'fact-filter' }, h('legend', {}, t('factLegend')), list, add)

  const complete = () => rows.map(row => row.text()).filter(text => text !== undefined)
  const routed = () => rows.map(row => row.routeText()).filter(text => text !== undefined)
  const changed = () => { for (const row of rows) row.clearProblem(); onChange(complete(), routed()) }

  function conditionRow (initial) {
    const propertyId = uid('fact-property')
    const testId = uid('fact-test')
    const valueId = uid('fact-value')
    const errorId = uid('fact-error')
    const property = h('select', { id: propertyId },
      h('option', { value: '' }, t('factChooseProperty')),
      properties.map(p => h('option', { value: p.iri, selected: p.iri === initial?.property }, p.label)))
    const test = h('select', { id: testId })
    const valueSlot = h('div', { class: 'fact-value' })
    const error = h('p', { class: 'error', id: errorId, hidden: true })
    let value
    const row = {
      element: h('div', { class: 'fact-condition' },
        h('div', {}, h('label', { for: propertyId }, t('factProperty')), property),
        h('div', {}, h('label', { for: testId }, t('factTest')), test),
        valueSlot,
        h('button', { type: 'button', class: 'secondary', onclick: () => { rows.splice(rows.indexOf(row), 1); row.element.remove(); changed() } }, t('factRemove')),
        error),
      focus: () => property.focus(),
      /** The API text of the condition, or `undefined` while it lacks a property or a value. */
      text () {
        const chosen = byIri.get(property.value)
        if (chosen === undefined || value === undefined) return undefined
        const written = valueText(chosen, test.value, value)
        return written === '' ? undefined : `${chosen.iri} ${test.value} ${written}`
      },
      /** The condition as the route keeps it: half-filled while it lacks a value, `undefined` without a property. */
      routeText () {
        const chosen = byIri.get(property.value)
        if (chosen === undefined) return undefined
        return row.text() ?? `${chosen.iri} ${test.value}`
      },
      showProblem (message) {
        error.textContent = message
        error.hidden = false
        value.setAttribute('aria-invalid', 'true')
        value.setAttribute('aria-describedby', errorId)
      },
      clearProblem () {
        error.hidden = true
        value?.removeAttribute('aria-invalid')
        value?.removeAttribute('aria-describedby')
      }
    }

    function renderTests (chosen, selected) {
      const tests = chosen === undefined ? [] : testsByKind[chosen.kind]
      replace(test, tests.map(name => h('option', { value: name, selected: name === selected }, t(testLabels[name]))))
      test.disabled = tests.length === 0
    }

    function renderValue (chosen, initialValue) {
      value = chosen === undefined ? undefined : valueInput(chosen, test.value, valueId, initialValue)
      replace(valueSlot, h('label', { for: valueId }, t('factValue')),
        value ?? h('input', { id: valueId, type: 'text', disabled: true }), chosen?.kind === 'text' ? datalistOf(chosen, valueId) : null)
      if (value !== undefined) value.addEventListener('change', changed)
    }

    property.addEventListener('change', () => { const chosen = byIri.get(property.value); renderTests(chosen); renderValue(chosen); changed() })
    test.addEventListener('change', () => { renderValue(byIri.get(property.value), value === undefined ? undefined : currentValues(value)); changed() })
    const chosen = byIri.get(initial?.property)
    renderTests(chosen, initial?.test)
    renderValue(chosen, initial?.value === undefined ? undefined : initialValues(chosen, initial.test, initial.value))
    return row
  }

  for (const text of texts) {
    const parts = readFactRow(text)
    if (parts === undefined || !byIri.has(parts.property)) continue
    const tests = testsByKind[byIri.get(parts.property).kind]
    if (parts.value !== undefined && !tests.includes(parts.test)) continue
    const row = conditionRow(tests.includes(parts.test) ? parts : { property: parts.property })
    rows.push(row)
    list.append(row.element)
  }

  return {
    element,
    texts: complete,
    /** Puts a `400` about a `fact` test at the condition it quotes; `false` when it names none. */
    showProblem (problem) {
      if (problem?.path !== 'fact' || typeof problem.detail !== 'string') return false
      const row = rows.find(r => r.text() !== undefined && problem.detail.includes(`"${r.text()}"`))
      if (row === undefined) return false
      row.showProblem(problem.detail)
      return true
    }
  }
}

/** The values of a condition read from its text: a list for `in`, a JSON string unquoted. */
function initialValues (chosen, test, text) {
  if (chosen === undefined) return undefined
  if (test === 'in') return text.split(',').map(part => part.trim())
  if (chosen.kind === 'text' && /^".*"$/s.test(text)) {
    try { return [JSON.parse(text)] } catch { return [text] }
  }
  return [text]
}

function currentValues (input) {
  if (input.tagName === 'SELECT') return [...input.selectedOptions].map(o => o.value).filter(v => v !== '')
  return input.value.split(',').map(part => part.trim())
}

/** The input for a value: a select of labelled IRIs (several for `in`), yes/no, else a text box. */
function valueInput (chosen, test, id, initial = []) {
  if (chosen.kind === 'iri') {
    const multiple = test === 'in'
    return h('select', { id, multiple },
      multiple ? null : h('option', { value: '' }, t('factChooseValue')),
      chosen.values.map(v => h('option', { value: v.value, selected: initial.includes(v.value) }, v.label)))
  }
  if (chosen.kind === 'boolean') {
    return h('select', { id },
      h('option', { value: '' }, t('factChooseValue')),
      h('option', { value: 'true', selected: initial[0] === 'true' }, t('yes')),
      h('option', { value: 'false', selected: initial[0] === 'false' }, t('no')))
  }
  return h('input', {
    id,
    type: 'text',
    value: initial.join(', '),
    size: 14,
    ...(chosen.kind === 'number' ? { inputmode: 'decimal' } : { list: `${id}-values` }),
    ...(test === 'in' ? { placeholder: chosen.values.slice(0, 2).map(v => v.value).join(', ') || 'a, b' } : {})
  })
}

function datalistOf (chosen, id) {
  return h('datalist', { id: `${id}-values` }, chosen.values.map(v => h('option', { value: v.value })))
}

/** The value part of the API text: IRIs as they are, text quoted when it would read as a number. */
function valueText (chosen, test, input) {
  const values = currentValues(input).filter(v => v !== '')
  if (values.length === 0) return ''
  if (test === 'in') return chosen.kind === 'text' && values.some(readsAsOther) ? JSON.stringify(values) : values.join(',')
  const single = input.tagName === 'SELECT' ? values[0] : input.value.trim()
  return chosen.kind === 'text' && readsAsOther(single) ? JSON.stringify(single) : single
}
