// The provider area `#/provider`: the signed-in provider's published descriptions with their
// versions (deprecating one after a confirmation), and an editor that checks a new version
// against the publishing shapes while the provider types, shows a dry run's impact and publishes.
// The route's query keeps the description, the version opened and the syntax
// (`#/provider?description=pbx&version=2&format=jsonld`); the unpublished draft stays in the tab's
// sessionStorage until it is published.
import { api, ApiError, query } from './api.js'
import { announce, h, replace, rewriteRoute, scrollBox, uid } from './dom.js'
import { lang, t } from './i18n.js'
import { degreeName, hashParameters, serviceHref, shortName, when } from './format.js'
import { problemView } from './problem-view.js'
import { accountName, requireAccount } from './signin.js'
import { serviceSummary } from './service.js'

/** The syntaxes the publishing routes take, by the route's `format` value. */
const formats = {
  turtle: { mediaType: 'text/turtle', text: 'formatTurtle' },
  jsonld: { mediaType: 'application/ld+json', text: 'formatJsonLd' },
  ntriples: { mediaType: 'application/n-triples', text: 'formatNTriples' }
}

/** Description names as the API's `nameSchema` (src/publishing/names.ts) allows them. */
export const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/** How long the editor waits after the last keystroke before it asks for a check. */
const pause = 600

const draftKey = provider => `symphony.draft ${provider}`

function loadDraft (provider) {
  try {
    const stored = JSON.parse(globalThis.sessionStorage?.getItem(draftKey(provider)) ?? 'null')
    return stored !== null && typeof stored.text === 'string' ? stored : null
  } catch {
    return null
  }
}

function saveDraft (provider, draft) {
  try { globalThis.sessionStorage?.setItem(draftKey(provider), JSON.stringify(draft)) } catch { /* storage full or unavailable: the draft lives until reload */ }
}

function clearDraft (provider) {
  try { globalThis.sessionStorage?.removeItem(draftKey(provider)) } catch { /* storage unavailable */ }
}

/** The route's state: description name, version opened in the editor, syntax. */
function routeState () {
  const parameters = hashParameters()
  const version = Number(parameters.get('version'))
  const format = parameters.get('format')
  return {
    name: parameters.get('description'),
    version: Number.isInteger(version) && version >= 1 ? version : null,
    format: format !== null && Object.hasOwn(formats, format) ? format : null
  }
}

/** Writes the editor's state into the route without a new history entry or a re-render. */
function remember (view, { name, version, format }) {
  const parameters = new URLSearchParams()
  if (name !== '') parameters.set('description', name)
  if (version !== null) parameters.set('version', String(version))
  if (format !== 'turtle') parameters.set('format', format)
  const search = parameters.toString()
  rewriteRoute(view, `#/provider${search === '' ? '' : `?${search}`}`)
}

/** A starting point for a new description in Turtle: the prefixes and the provider itself. */
function starter (provider) {
  return [
    '@prefix sym:    <https://w3id.org/symphony/ontology#> .',
    '@prefix schema: <https://schema.org/> .',
    '@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .',
    '',
    `<${provider}> a schema:Organization .`,
    ''
  ].join('\n')
}

/** Labels of service IRIs from the catalog (null where the catalog does not know the service). */
async function serviceLabels (iris) {
  const entries = await Promise.all([...new Set(iris)].map(async iri => {
    try {
      return [iri, (await serviceSummary(iri)).summary.label]
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      return [iri, null]
    }
  }))
  return new Map(entries)
}

/** A service by its label, linked to its page when the catalog knows it; else its short name. */
function serviceName (labels, iri) {
  const label = labels.get(iri)
  return label === null || label === undefined ? h('span', { title: iri }, shortName(iri)) : h('a', { href: serviceHref(iri) }, label)
}

function severityName (severity) {
  const key = `severity${severity}`
  const text = t(key)
  return text === key ? severity : text
}

/**
 * The results of a SHACL check, one entry each: severity and message, then node, path and value
 * (validation answers say `focusNode`, 422 reports `node`). A list, not a table, so it reflows
 * beside the editor and on a phone.
 */
function resultsList (results) {
  const term = (key, value) => value === undefined || value === '' ? null : [h('dt', {}, t(key)), h('dd', {}, h('code', { title: value }, key === 'value' ? value : shortName(value)))]
  return h('ol', { class: 'results', 'aria-label': t('validationTitle') }, results.map(result => h('li', {},
    h('p', {},
      h('span', { class: `severity severity-${String(result.severity).toLowerCase()}` }, severityName(result.severity)), ': ',
      h('span', { class: 'message' }, result.message)),
    h('dl', { class: 'facts' }, term('node', result.focusNode ?? result.node), term('path', result.path), term('value', result.value)))))
}

/** The dry run's or publication's impact: matches gained, lost and changed, bundles changed. */
async function impactView (answer) {
  const { matches, bundles } = answer.impact
  const labels = await serviceLabels([...answer.services, ...matches.flatMap(m => [m.from, m.to]), ...bundles.flatMap(b => b.services)])
  const degree = value => value === null ? t('noDegree') : degreeName(value)
  const matchList = (key, change, detail) => {
    const chosen = matches.filter(m => m.change === change)
    if (chosen.length === 0) return null
    return [h('h4', {}, t(key)), h('ul', { class: `impact-${change}` }, chosen.map(m => h('li', {},
      serviceName(labels, m.from), ' → ', serviceName(labels, m.to), ' ', h('span', { class: 'meta' }, `(${detail(m)})`))))]
  }
  const requests = [...new Set(bundles.map(b => b.request))]
  const changeName = { appears: 'bundleAppears', disappears: 'bundleDisappears', rank: 'bundleRank', score: 'bundleScore' }
  return [
    matches.length + bundles.length === 0 ? h('p', {}, t('noImpact')) : null,
    matchList('matchesGained', 'appears', m => degree(m.after)),
    matchList('matchesLost', 'disappears', m => degree(m.before)),
    matchList('matchesChanged', 'degree', m => t('degreeChange', degree(m.before), degree(m.after))),
    requests.length === 0
      ? null
      : [h('h4', {}, t('bundlesChanged')), requests.map(request => [
          h('p', { class: 'meta' }, t('forRequest', shortName(request))),
          h('ul', { class: 'impact-bundles' }, bundles.filter(b => b.request === request).map(b => h('li', {},
            b.services.map((iri, index) => [index === 0 ? '' : ' + ', serviceName(labels, iri)]),
            ' ', h('span', { class: 'meta' }, `(${t(changeName[b.change])}, ${t('rankChange', b.before?.rank, b.after?.rank)})`))))
        ])],
    answer.warnings.length === 0 ? null : [h('h4', {}, t('warningsTitle')), resultsList(answer.warnings)]
  ]
}

/** The line's start and end offsets in a text (lines counted from 1). */
function lineRange (text, line) {
  let start = 0
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start)
    if (next === -1) return { start: text.length, end: text.length }
    start = next + 1
  }
  const end = text.indexOf('\n', start)
  return { start, end: end === -1 ? text.length : end }
}

/** Renders `#/provider`. */
export async function renderProvider (main) {
  const who = await requireAccount(main, t('providerTitle'))
  if (who === null) return
  if (who.role !== 'provider') {
    replace(main, h('h1', {}, t('providerTitle')), h('p', {}, t('providerOnly')))
    return
  }
  const provider = who.id
  const base = `/providers/${encodeURIComponent(provider)}/descriptions`
  const descriptionPath = name => `${base}/${encodeURIComponent(name)}`
  const route = routeState()
  const draft = loadDraft(provider)
  const state = {
    name: route.name ?? draft?.name ?? '',
    version: route.version,
    format: route.format ?? draft?.format ?? 'turtle'
  }
  let text = draft !== null && draft.version === state.version ? draft.text : undefined
  let loadProblem = null
  if (text === undefined && state.version !== null && namePattern.test(state.name)) {
    try {
      text = await api.read(`${descriptionPath(state.name)}/versions/${state.version}`, formats[state.format].mediaType)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      loadProblem = error
    }
  }
  if (text === undefined) text = draft?.text ?? (state.format === 'turtle' ? starter(provider) : '')
  const untouched = text
  remember(main, state)

  // The editor: name, syntax, text, and the check beside it.
  const nameId = uid('name')
  const nameHelpId = `${nameId}-help`
  const nameErrorId = `${nameId}-error`
  const formatId = uid('format')
  const editorId = uid('editor')
  const editorHelpId = `${editorId}-help`
  const statusId = uid('check')
  const nameError = h('p', { class: 'error', id: nameErrorId, hidden: true }, t('descriptionNameInvalid'))
  const nameInput = h('input', {
    id: nameId, name: 'description', type: 'text', value: state.name, required: true, maxlength: 100, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${nameHelpId} ${nameErrorId}`
  })
  const formatSelect = h('select', { id: formatId, name: 'format' },
    Object.entries(formats).map(([key, format]) => h('option', { value: key, selected: key === state.format }, t(format.text))))
  const editor = h('textarea', { id: editorId, name: 'text', class: 'code', rows: 24, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${editorHelpId} ${statusId}` }, text)
  const status = h('p', { id: statusId, class: 'check-status', role: 'status' })
  const results = h('div', { class: 'check-results' })
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' })
  const dryRunButton = h('button', { type: 'button', class: 'secondary' }, t('dryRun'))
  const publishButton = h('button', { type: 'submit', class: 'primary' }, t('publish'))

  const keep = () => saveDraft(provider, { name: state.name, format: state.format, version: state.version, text: editor.value })

  function showStatus (kind, message) {
    status.className = `check-status ${kind}`
    status.textContent = message
  }

  function showReport (conforms, list) {
    showStatus(conforms ? 'ok' : 'bad', conforms ? t('conforms') : t('resultsCount', list.length))
    editor.setAttribute('aria-invalid', String(!conforms))
    replace(results, list.length === 0 ? null : resultsList(list))
  }

  function showProblem (error) {
    editor.setAttribute('aria-invalid', 'true')
    const problem = error instanceof ApiError ? error.problem : {}
    const line = Number.isInteger(problem.line) ? problem.line : null
    showStatus('bad', line === null ? t('syntaxError') : `${t('syntaxError')}: ${t('atLine', line, Number.isInteger(problem.column) ? problem.column : undefined)}`)
    replace(results, problemView(error), line === null
      ? null
      : h('button', {
        type: 'button',
        class: 'secondary small',
        onclick: () => {
          const { start, end } = lineRange(editor.value, line)
          editor.focus()
          editor.setSelectionRange(start, end)
        }
      }, t('goToLine', line)))
  }

  let sequence = 0
  let timer
  async function check () {
    window.clearTimeout(timer)
    sequence += 1
    const mine = sequence
    if (editor.value.trim() === '' || editor.value === untouched && draft === null && state.version === null) {
      showStatus('', t('notChecked'))
      editor.removeAttribute('aria-invalid')
      replace(results)
      return
    }
    showStatus('pending', t('validating'))
    try {
      const report = await api.send('POST', `/descriptions/validate${query({ lang: lang() })}`, editor.value, formats[state.format].mediaType)
      if (mine === sequence) showReport(report.conforms, report.results)
    } catch (error) {
      if (mine === sequence) showProblem(error)
    }
  }

  function nameIsValid () {
    const valid = namePattern.test(state.name)
    nameError.hidden = valid || state.name === ''
    if (valid || state.name === '') nameInput.removeAttribute('aria-invalid')
    else nameInput.setAttribute('aria-invalid', 'true')
    return valid
  }

  /** Asks for a name before sending, pointing at the field; true when the name is usable. */
  function requireName () {
    if (nameIsValid()) return true
    nameError.textContent = state.name === '' ? t('nameFirst') : t('descriptionNameInvalid')
    nameError.hidden = false
    nameInput.setAttribute('aria-invalid', 'true')
    nameInput.focus()
    return false
  }

  editor.addEventListener('input', () => {
    keep()
    window.clearTimeout(timer)
    timer = window.setTimeout(check, pause)
  })
  nameInput.addEventListener('input', () => {
    state.name = nameInput.value.trim()
    state.version = null
    nameError.textContent = t('descriptionNameInvalid')
    nameIsValid()
    remember(main, state)
    keep()
  })
  formatSelect.addEventListener('change', () => {
    state.format = formatSelect.value
    remember(main, state)
    keep()
    check()
  })

  async function run (button, busyText, action) {
    if (!requireName()) return
    const label = button.textContent
    dryRunButton.disabled = true
    publishButton.disabled = true
    button.textContent = busyText
    replace(outcome)
    try {
      await action()
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.problem.report)) showReport(false, error.problem.report)
      else if (error instanceof ApiError && error.problem.status === 400) showProblem(error)
      replace(outcome, problemView(error))
    } finally {
      dryRunButton.disabled = false
      publishButton.disabled = false
      button.textContent = label
    }
  }

  dryRunButton.addEventListener('click', () => run(dryRunButton, t('dryRunning'), async () => {
    const answer = await api.send('POST', `${descriptionPath(state.name)}/dry-run${query({ lang: lang() })}`, editor.value, formats[state.format].mediaType)
    replace(outcome, h('section', { class: 'impact', 'aria-labelledby': 'impact-heading' },
      h('h3', { id: 'impact-heading' }, t('impactTitle', answer.name, answer.version)),
      h('p', { class: 'meta' }, t('notPublishedYet')),
      await impactView(answer)))
    announce(main, t('impactTitle', answer.name, answer.version))
  }))

  const form = h('form', { class: 'editor-form', novalidate: true, 'aria-labelledby': 'editor-heading' },
    h('div', { class: 'editor-fields' },
      h('div', { class: 'field' },
        h('label', { for: nameId }, t('descriptionName')), nameInput,
        h('p', { class: 'help', id: nameHelpId }, t('descriptionNameHelp')), nameError),
      h('div', { class: 'field' }, h('label', { for: formatId }, t('syntax')), formatSelect)),
    h('div', { class: 'editor-grid' },
      h('div', { class: 'field' },
        h('label', { for: editorId }, t('editorLabel')), editor,
        h('p', { class: 'help', id: editorHelpId }, t('editorHelp'))),
      h('div', { class: 'check', role: 'region', 'aria-labelledby': 'check-heading' },
        h('h3', { id: 'check-heading' }, t('validationTitle')), status, results)),
    h('div', { class: 'actions' }, dryRunButton, publishButton),
    outcome)
  form.addEventListener('submit', event => {
    event.preventDefault()
    run(publishButton, t('publishing'), async () => {
      const answer = await api.send('PUT', `${descriptionPath(state.name)}${query({ lang: lang() })}`, editor.value, formats[state.format].mediaType)
      clearDraft(provider)
      state.version = answer.version
      remember(main, state)
      const message = answer.status === 'unchanged' ? t('unchanged', answer.name, answer.version) : t('published', answer.name, answer.version)
      replace(outcome, h('p', { class: 'success' }, message), h('section', { class: 'impact', 'aria-labelledby': 'impact-heading' },
        h('h3', { id: 'impact-heading' }, t('impactTitle', answer.name, answer.version)), await impactView(answer)))
      announce(main, message)
      await drawList()
    })
  })

  // The published descriptions.
  const list = h('div', { class: 'descriptions' })
  async function openVersion (name, version) {
    const opened = await api.read(`${descriptionPath(name)}/versions/${version}`, formats[state.format].mediaType)
    Object.assign(state, { name, version })
    nameInput.value = name
    nameIsValid()
    editor.value = opened
    remember(main, state)
    keep()
    await drawList()
    announce(main, t('openedVersion', name, version))
    editor.focus()
    check()
  }

  function deprecateArea (description) {
    const area = h('div', { class: 'deprecate-area' })
    area.ask = (version, opener) => {
      const result = h('div', { 'aria-live': 'polite' })
      const yes = h('button', { type: 'button', class: 'primary' }, t('deprecateYes'))
      const no = h('button', { type: 'button', class: 'secondary' }, t('deprecateNo'))
      yes.addEventListener('click', async () => {
        yes.disabled = true
        try {
          await api.post(`${descriptionPath(description.name)}/versions/${version}/deprecate`)
          announce(main, t('deprecated', description.name, version))
          await drawList()
          list.querySelector(`.description[data-name="${window.CSS.escape(description.name)}"] h3`)?.focus()
        } catch (error) {
          replace(result, problemView(error))
          yes.disabled = false
        }
      })
      no.addEventListener('click', () => { replace(area); opener.focus() })
      replace(area, h('div', { class: 'confirm', role: 'group', 'aria-label': t('deprecateVersion', version) },
        h('p', {}, t('deprecateConfirm', description.name, version)), yes, ' ', no, result))
      yes.focus()
    }
    return area
  }

  async function drawList () {
    const { descriptions } = await api.get(base)
    const labels = await serviceLabels(descriptions.flatMap(d => d.versions.flatMap(v => v.services)))
    replace(list, descriptions.length === 0
      ? h('p', {}, t('noDescriptions'))
      : descriptions.map(description => {
        const confirm = deprecateArea(description)
        const headingId = uid('description')
        return h('div', { class: 'description', dataset: { name: description.name } },
          h('h3', { id: headingId, tabindex: '-1' }, t('descriptionHeading', description.name)),
          h('p', { class: 'meta' }, t('activeVersion', description.active)),
          scrollBox(t('versionsOf', description.name),
            h('table', { class: 'versions' },
              h('caption', { class: 'visually-hidden' }, t('versionsOf', description.name)),
              h('thead', {}, h('tr', {}, [t('versionNumber'), t('created'), t('services'), t('triples'), t('status'), t('actions')].map(x => h('th', { scope: 'col' }, x)))),
              h('tbody', {}, [...description.versions].sort((a, b) => b.version - a.version).map(version => {
                const opened = description.name === state.name && version.version === state.version
                const standing = version.deprecated ? 'deprecated' : version.version === description.active ? 'active' : 'superseded'
                return h('tr', { class: opened ? 'shown' : null, 'aria-current': opened ? 'true' : null, dataset: { version: String(version.version), status: standing } },
                  h('th', { scope: 'row' }, String(version.version)),
                  h('td', {}, when(version.created), h('div', { class: 'meta' }, version.mediaType)),
                  h('td', {}, version.services.map((iri, index) => [index === 0 ? '' : ', ', serviceName(labels, iri)])),
                  h('td', { class: 'number' }, String(version.triples)),
                  h('td', {}, h('span', { class: `state state-${standing}` }, t(`status${standing[0].toUpperCase()}${standing.slice(1)}`)),
                    version.deprecatedAt === undefined ? null : h('div', { class: 'meta' }, t('deprecatedOn', when(version.deprecatedAt)))),
                  h('td', { class: 'row-actions' },
                    h('button', { type: 'button', class: 'secondary small', onclick: () => openVersion(description.name, version.version).catch(error => replace(confirm, problemView(error))) },
                      t('openVersionShort'), h('span', { class: 'visually-hidden' }, ` ${t('versionWord', version.version)}`)),
                    version.deprecated
                      ? null
                      : [' ', h('button', { type: 'button', class: 'secondary small', onclick: event => confirm.ask(version.version, event.currentTarget) },
                          t('deprecateShort'), h('span', { class: 'visually-hidden' }, ` ${t('versionWord', version.version)}`))]))
              })))),
          confirm)
      }))
  }

  await drawList()
  replace(main,
    h('h1', {}, t('providerTitle')),
    h('p', {}, t('providerIntro', accountName(who))),
    h('section', { class: 'card', 'aria-labelledby': 'published-heading' }, h('h2', { id: 'published-heading' }, t('publishedTitle')), list),
    h('section', { class: 'card', 'aria-labelledby': 'editor-heading' },
      h('h2', { id: 'editor-heading' }, t('editorTitle')),
      loadProblem === null ? null : problemView(loadProblem),
      form))
  nameIsValid()
  await check()
}
