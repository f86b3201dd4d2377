// "My configurations" `#/configurations[/<IRI>]`: the configurations the signed-in customer (or,
// for the operator, anyone) stored from a form, each with the services it configures and its
// values. The values come as RDF (JSON-LD); their labels come from the form of those services
// (`POST /forms` in the page's language), the services' names from the catalog.
import { api, ApiError, query } from './api.js'
import { h, replace } from './dom.js'
import { lang, t } from './i18n.js'
import { dateText, durationText, serviceHref, shortName, timeText, when } from './format.js'
import { requireAccount } from './signin.js'
import { serviceSummary } from './service.js'

const sym = 'https://w3id.org/symphony/ontology#'
const configures = `${sym}configures`
const hasPart = 'http://purl.org/dc/terms/hasPart'
const xsd = 'http://www.w3.org/2001/XMLSchema#'
/** Literals shown in the reader's words and format rather than as stored ("PT30M", "09:00:00"). */
const literalText = {
  [`${xsd}boolean`]: text => text === 'true' ? t('yes') : t('no'),
  [`${xsd}duration`]: durationText,
  [`${xsd}dayTimeDuration`]: durationText,
  [`${xsd}yearMonthDuration`]: durationText,
  [`${xsd}time`]: timeText,
  [`${xsd}date`]: dateText,
  [`${xsd}dateTime`]: when
}
const created = 'http://purl.org/dc/terms/created'
/** Statements about the configuration itself, not values a person entered. */
const bookkeeping = new Set([configures, hasPart, `${sym}storedBy`, created])

/** The configuration's RDF as JSON-LD nodes by id, with the services it configures. */
async function configurationDocument (iri) {
  const text = await api.read(`/configurations/${encodeURIComponent(iri)}`, 'application/ld+json')
  const parsed = JSON.parse(text)
  const list = Array.isArray(parsed) ? parsed : parsed['@graph'] ?? [parsed]
  const nodes = new Map(list.filter(node => typeof node['@id'] === 'string').map(node => [node['@id'], node]))
  const subject = nodes.get(iri) ?? { '@id': iri }
  return { iri, nodes, subject, services: ids(subject[configures]) }
}

function ids (values) {
  return (values ?? []).map(value => value['@id']).filter(id => typeof id === 'string')
}

/** Names of services from the catalog in the page's language; the short name where it has none. */
async function serviceNames (iris) {
  const entries = await Promise.all([...new Set(iris)].map(async iri => {
    try {
      return [iri, { label: (await serviceSummary(iri)).summary.label, known: true }]
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      return [iri, { label: shortName(iri), known: false }]
    }
  }))
  return new Map(entries)
}

function serviceLink (names, iri) {
  const name = names.get(iri) ?? { label: shortName(iri), known: false }
  return name.known ? h('a', { href: serviceHref(iri) }, name.label) : h('span', { title: iri }, name.label)
}

/** The form of the configured services (labels and options), or null when it cannot be built any more. */
async function formOf (services) {
  if (services.length === 0) return null
  const target = services.length === 1 ? { service: services[0] } : { bundle: { services } }
  try {
    return (await api.post(`/forms${query({ lang: lang() })}`, target)).uiSchema
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return null
  }
}

/** Fields of a layout object by their path IRI. */
function fieldsByPath (object) {
  return new Map(Object.entries(object?.fields ?? {}).map(([name, field]) => [field.path, { name, field }]))
}

const sameSet = (a, b) => a.length === b.length && a.every(x => b.includes(x))

/** Renders the values of one RDF node as a definition list, labelled through its form layout. */
function valuesList (node, object, context, depth = 0) {
  const own = fieldsByPath(object)
  const predicates = Object.keys(node).filter(key => !key.startsWith('@') && !bookkeeping.has(key))
  const position = path => {
    const name = own.get(path)?.name
    const index = name === undefined ? -1 : (object.order ?? []).indexOf(name)
    return index === -1 ? Number.MAX_SAFE_INTEGER : index
  }
  predicates.sort((a, b) => position(a) - position(b))
  if (predicates.length === 0) return h('p', { class: 'meta' }, t('noValues'))
  return h('dl', { class: depth === 0 ? 'facts values' : 'facts values nested' }, predicates.map(path => {
    const field = own.get(path)?.field ?? context.shared.get(path)?.field ?? context.anywhere.get(path)
    const label = field?.label ?? shortName(path)
    const values = node[path]
    const shown = values.map(value => valueView(value, field, context, depth))
    return [h('dt', {}, label), h('dd', {}, shown.length === 1 ? shown[0] : h('ul', { class: 'plain' }, shown.map(x => h('li', {}, x))))]
  }))
}

function valueView (value, field, context, depth) {
  if (value['@id'] === undefined) {
    const text = String(value['@value'] ?? '')
    const write = literalText[value['@type']]
    return write === undefined ? text : write(text)
  }
  const id = value['@id']
  const nested = context.nodes.get(id)
  if (nested !== undefined && Object.keys(nested).some(key => !key.startsWith('@')) && depth < 8) {
    const definition = definitionOf(field?.value, nested, context.uiSchema)
    return valuesList(nested, definition, context, depth + 1)
  }
  const option = field?.options?.find(o => o.value === id)
  if (option !== undefined) return option.label
  if (context.names.has(id)) return serviceLink(context.names, id)
  return h('span', { title: id }, shortName(id))
}

/** The layout of a nested node: the field's node definition, or the alternative whose fields the node has. */
function definitionOf (mapping, node, uiSchema) {
  if (mapping === undefined || uiSchema === null) return null
  if (mapping.kind === 'node') return uiSchema.definitions[mapping.definition] ?? null
  if (mapping.kind === 'choice') {
    for (const option of mapping.options) {
      const object = definitionOf(option, node, uiSchema)
      if (object !== null && Object.keys(node).filter(k => !k.startsWith('@')).every(path => fieldsByPath(object).has(path))) return object
    }
  }
  return null
}

/** Every field of a form, by path: labels of last resort for values no section layout names. */
function allFields (uiSchema) {
  const found = new Map()
  if (uiSchema === null) return found
  for (const object of [...uiSchema.sections.map(s => s.object), ...Object.values(uiSchema.definitions)]) {
    for (const field of Object.values(object.fields)) if (!found.has(field.path)) found.set(field.path, field)
  }
  return found
}

async function renderList (main) {
  const { configurations } = await api.get('/configurations')
  const documents = configurations.map(c => ({ iri: c.id, services: c.configures, createdAt: c.createdAt }))
  const names = await serviceNames(documents.flatMap(d => d.services))
  replace(main,
    h('h1', {}, t('configurationsTitle')),
    h('p', {}, t('configurationsIntro')),
    documents.length === 0
      ? h('p', {}, t('noConfigurations'))
      : h('ul', { class: 'items-list configurations' }, documents.map(d => h('li', { class: 'card' },
        h('h2', {}, h('a', { href: `#/configurations/${encodeURIComponent(d.iri)}` }, configurationTitle(names, d.services, d.createdAt))),
        h('p', {}, `${t('configures')}: `, d.services.map((iri, index) => [index === 0 ? '' : ', ', serviceLink(names, iri)])),
        d.createdAt === undefined ? null : h('p', { class: 'meta' }, `${t('savedAt')}: ${when(d.createdAt)}`)))))
}

/** A configuration's title: what it configures by name, and the day it was saved. */
function configurationTitle (names, services, createdAt) {
  const what = services.map(iri => names.get(iri)?.label ?? shortName(iri))
  const joined = new Intl.ListFormat(lang(), { style: 'long', type: 'conjunction' }).format(what)
  return t('configurationTitle', joined === '' ? t('configurationUnnamed') : joined, createdAt === undefined ? undefined : dateText(createdAt))
}

/** When the configuration was stored, as its own RDF says (none for one stored before that was recorded). */
function savedAt (stored) {
  const value = stored.subject[created]?.[0]?.['@value']
  return typeof value === 'string' ? value : undefined
}

async function renderOne (main, iri) {
  const stored = await configurationDocument(iri)
  const [uiSchema, names] = await Promise.all([formOf(stored.services), serviceNames(stored.services)])
  const createdAt = savedAt(stored)
  const title = configurationTitle(names, stored.services, createdAt)
  const parts = ids(stored.subject[hasPart]).map(id => stored.nodes.get(id)).filter(node => node !== undefined)
  const sharedSection = uiSchema?.sections.find(s => s.kind === 'shared')
  const context = { nodes: stored.nodes, uiSchema, names, shared: fieldsByPath(sharedSection?.object), anywhere: allFields(uiSchema) }
  const sectionOf = node => {
    if (uiSchema === null) return null
    if (node === stored.subject) return uiSchema.sections.find(s => s.pointer === '') ?? uiSchema.sections[0] ?? null
    const served = ids(node[configures])
    return uiSchema.sections.find(s => s.kind !== 'shared' && sameSet(s.configures, served)) ?? null
  }
  const titleOf = (node, section) => {
    if (section !== null && section.title !== '') return section.title
    const served = ids(node[configures]).map(x => names.get(x)?.label ?? shortName(x))
    return served.length === 2 ? t('linkBetween', served[0], served[1]) : served.join(', ') || t('sharedValues')
  }
  const sections = (parts.length === 0 ? [stored.subject] : parts).map((node, index) => {
    const section = sectionOf(node)
    const headingId = `configuration-section-${index}`
    return h('section', { class: 'card', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, titleOf(node, section)),
      valuesList(node, section?.object ?? null, context))
  })
  if (main.isConnected) document.title = `${title} — Symphony`
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/configurations' }, t('allConfigurations'))),
    h('h1', {}, title),
    h('p', {}, `${t('configures')}: `, stored.services.map((x, index) => [index === 0 ? '' : ', ', serviceLink(names, x)])),
    h('p', { class: 'meta' }, createdAt === undefined ? '' : `${t('savedAt')}: ${when(createdAt)} · `, h('code', {}, iri)),
    sections)
}

/** Renders `#/configurations` and `#/configurations/<IRI>`. */
export async function renderConfigurations (main, { path }) {
  const who = await requireAccount(main, t('configurationsTitle'))
  if (who === null) return
  if (who.role === 'provider') {
    replace(main, h('h1', {}, t('configurationsTitle')), h('p', {}, t('configurationsOnly')))
    return
  }
  if (path[0] !== undefined && path[0] !== '') await renderOne(main, path[0])
  else await renderList(main)
}
