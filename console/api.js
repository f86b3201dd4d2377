// Calls to the Symphony API. Failures throw an ApiError carrying the problem document.
import { lang } from './i18n.js'

export class ApiError extends Error {
  constructor (problem) {
    super(problem.detail ?? problem.title ?? 'request failed')
    this.problem = problem
  }
}

async function call (method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', 'accept-language': lang(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  const value = text === '' ? null : JSON.parse(text)
  if (!response.ok) throw new ApiError(value ?? { status: response.status, title: response.statusText })
  return value
}

export const api = {
  get: path => call('GET', path),
  post: (path, body) => call('POST', path, body)
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
