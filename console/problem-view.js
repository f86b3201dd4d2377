// An API failure as the reader sees it: the problem's detail, then each field error and issue.
import { ApiError } from './api.js'
import { h } from './dom.js'
import { t } from './i18n.js'

/** An alert with the problem's detail and, when it has them, its errors field by field. */
export function problemView (error) {
  if (!(error instanceof ApiError)) return h('p', { class: 'alert', role: 'alert' }, String(error))
  const problem = error.problem
  const errors = Array.isArray(problem.errors) ? problem.errors : []
  const issues = Array.isArray(problem.issues) ? problem.issues : []
  return h('div', { class: 'alert', role: 'alert' },
    h('p', {}, error.message),
    errors.length + issues.length === 0
      ? null
      : [h('p', {}, t('problems')), h('ul', {},
          errors.map(e => h('li', {}, h('code', {}, e.field ?? e.pointer ?? '/'), ': ', e.message)),
          issues.map(issue => h('li', {}, typeof issue === 'string' ? issue : issue.message ?? JSON.stringify(issue))))])
}
