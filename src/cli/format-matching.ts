/** Matching answers as text for people (`--format text`). */
import type { Combinable, DiscoveryAnswer, PairCheck, PairDirection } from '../matcher/index.js'
import { shortName } from '../matcher/index.js'

const arrow = (path: readonly string[]) => path.map(shortName).join(' ⊑ ')

function direction (d: PairDirection): string {
  const head = `${shortName(d.provider)} → ${shortName(d.consumer)}: ${d.degree}${d.complete ? '' : ' (not every requirement met)'}`
  const lines = d.requirements.map(r => {
    const what = `${r.optional ? 'optional ' : ''}requirement ${r.types.map(shortName).join(', ')}`
    if (r.degree === 'fail') return `  ✗ ${what}: ${r.issues.map(i => `${i.message} — ${i.fix}`).join('; ')}`
    const proof = r.match?.types.map(t => arrow(t.path)).join('; ') ?? ''
    return `  ✓ ${what}: ${r.degree} via ${r.provided ?? ''} (${proof})`
  })
  return [head, ...(lines.length === 0 ? ['  (no requirements)'] : lines)].join('\n')
}

export function formatPairCheck (check: PairCheck): string {
  return `${shortName(check.a)} and ${shortName(check.b)}: ${check.ok ? `combinable (${check.degree})` : 'not combinable'}\n` +
    check.directions.map(direction).join('\n') + '\n'
}

export function formatCombinable (x: string, results: readonly Combinable[]): string {
  if (results.length === 0) return `Nothing in the catalog can be combined with ${shortName(x)}.\n`
  return results.map(r => {
    const links = r.links.map(l => `    ${shortName(l.from)} → ${shortName(l.to)}: ${l.degree}${l.optional ? ' (optional)' : ''} ${l.types.map(t => arrow(t.path)).join('; ')}`)
    return [`${shortName(r.service)}  ${r.degree}, distance ${r.distance}`, ...links].join('\n')
  }).join('\n') + '\n'
}

/** Discovery as text: rank, service, match, degree and score, the reason, then what is provided, required and missing. */
export function formatDiscovery (answer: DiscoveryAnswer, language = 'en'): string {
  if (answer.results.length === 0) return language === 'de' ? 'Kein Dienst passt.\n' : 'No service matches.\n'
  return answer.results.map((r, i) => {
    const why = `    ${language === 'de' ? r.why.de : r.why.en}`
    const wanted = r.explanation.wanted.map(w => `    provides ${shortName(w.wanted)}: ${w.degree} (${arrow(w.path)})`)
    const requires = r.explanation.requires.map(q => `    requires ${q.types.map(t => shortName(t.required)).join(', ')}${q.optional ? ' (optional)' : ''}: ${q.degree}`)
    return [`${i + 1}. ${shortName(r.service)}  ${r.match}, ${r.degree}, score ${r.score.toFixed(3)}`, why, ...wanted, ...requires].join('\n')
  }).join('\n') + '\n'
}
