/**
 * A problem as a page for people: a browser that asks for HTML (a mistyped address, a link to
 * a service that is gone) gets the problem's title and detail in its language under the
 * console's header and styles, with the way back to the console and the API docs, instead of a
 * JSON document. Programs (`Accept: application/json`, `*\/*` or none) keep the problem document.
 */
import type { FastifyRequest } from 'fastify'
import { negotiate } from './negotiate.js'
import type { Problem } from './problem.js'

const texts = {
  en: { console: 'Back to the console', docs: 'API documentation', status: (n: number) => `Status ${n}`, code: 'Code' },
  de: { console: 'Zurück zur Konsole', docs: 'API-Dokumentation', status: (n: number) => `Status ${n}`, code: 'Code' }
} as const

/** The page's content policy: the API's (nothing loads), except the console's stylesheet and the inline icon. */
export const problemPagePolicy = "default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Whether the request prefers an HTML page to a problem document (a browser navigating). */
export function wantsPage (request: FastifyRequest): boolean {
  const accept = request.headers.accept
  return typeof accept === 'string' && negotiate(accept, ['application/problem+json', 'application/json', 'text/html']) === 'text/html'
}

function escape (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * The HTML page of a problem in `language` (the language of its title and detail), to be sent
 * under `problemPagePolicy`.
 *
 * @example
 * reply.header('content-security-policy', problemPagePolicy).type('text/html; charset=utf-8').send(problemPage(problem, 'de'))
 */
export function problemPage (problem: Problem, language: 'en' | 'de'): string {
  const t = texts[language]
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(problem.title)} – Symphony</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/style.css">
</head>
<body>
<header class="bar"><a href="/" class="brand">Symphony</a></header>
<main id="main">
<h1>${escape(problem.title)}</h1>
<p class="alert" role="alert">${escape(problem.detail)}</p>
<p class="meta">${escape(t.status(problem.status))} · ${t.code} <code>${escape(problem.code)}</code></p>
<p><a href="/">${t.console}</a> · <a href="/docs">${t.docs}</a></p>
</main>
</body>
</html>
`
}
