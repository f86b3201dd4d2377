/** Ranking: degree first, then closeness in the class hierarchy, then IRI (deterministic). */
import type { Degree } from './types.js'

/**
 * A score in [0, 1] that orders like (degree, distance): exact 1; plugin in (0.5, 0.75];
 * subsumes in (0, 0.25]; fail 0. Within a degree, each edge of distance lowers it.
 */
export function score (degree: Degree, distance: number): number {
  const closeness = 1 / (1 + distance)
  switch (degree) {
    case 'exact': return 1
    case 'plugin': return round(0.5 + 0.5 * closeness)
    case 'subsumes': return round(0.5 * closeness)
    default: return 0
  }
}

function round (value: number): number {
  return Math.round(value * 1e6) / 1e6
}
