// Calls to the Symphony API. Failures throw an ApiError carrying the problem document.
import { lang } from './i18n.js'
import { token } from './token.js'

export class ApiError extends Error {
  constructor (problem) {
    super(problem.detail ?? problem.title ?? 'request failed')
    this.problem = problem
  }
}

/** The Authorization header of the signed-in account (none when signed out). */
function authorization (bearer = token()) {
  return bearer === null ? {} : { authorization: `Bearer ${bearer}` }
}

async function call (method, path, body, bearer, { raw = false, accept = 'application/json', asText = false } = {}) {
  const json = body !== undefined && !raw
  const response = await fetch(path, {
    method,
    headers: {
      accept,
      'accept-language': lang(),
      ...authorization(bearer),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(raw ? { 'content-type': body.mediaType } : {})
    },
    body: body === undefined ? undefined : raw ? body.text : JSON.stringify(body)
  })
  const text = await response.text()
  if (!response.ok) throw new ApiError(problemOf(text, response))
  if (asText) return text
  return text === '' ? null : JSON.parse(text)
}

/** The problem document of a failed answer; a body that is not JSON becomes its status line. */
function problemOf (text, response) {
  try {
    if (text !== '') return JSON.parse(text)
  } catch { /* not a problem document: fall through */ }
  return { status: response.status, title: response.statusText }
}

export const api = {
  get: (path, bearer) => call('GET', path, undefined, bearer),
  post: (path, body) => call('POST', path, body),
  put: (path, body) => call('PUT', path, body),
  delete: path => call('DELETE', path),
  /** Sends a document (`text` in `mediaType`, e.g. Turtle) and reads the JSON answer. */
  send: (method, path, text, mediaType) => call(method, path, { text, mediaType }, undefined, { raw: true }),
  /** Reads a document in the given media type (e.g. Turtle) as text. */
  read: (path, accept) => call('GET', path, undefined, undefined, { accept, asText: true })
}

/**
 * Fetches a document with the given Accept header and the account's token, and hands it to
 * the browser as a file download (a link to a Blob: the token never appears in a URL).
 */
export async function download (path, accept, fallbackName) {
  const response = await fetch(path, { headers: { accept, 'accept-language': lang(), ...authorization() } })
  if (!response.ok) {
    const text = await response.text()
    throw new ApiError(text === '' ? { status: response.status, title: response.statusText } : JSON.parse(text))
  }
  const disposition = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')
  const name = disposition?.[1] ?? fallbackName
  const url = window.URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  window.setTimeout(() => window.URL.revokeObjectURL(url), 10_000)
  return name
}

/** A query string from an object, skipping empty values. */
export function query (parameters) {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || value === null || value === '') continue
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one))
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}
