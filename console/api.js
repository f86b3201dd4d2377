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

async function call (method, path, body, bearer) {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', 'accept-language': lang(), ...authorization(bearer), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  const value = text === '' ? null : JSON.parse(text)
  if (!response.ok) throw new ApiError(value ?? { status: response.status, title: response.statusText })
  return value
}

export const api = {
  get: (path, bearer) => call('GET', path, undefined, bearer),
  post: (path, body) => call('POST', path, body)
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
