import type { Progress } from '../engine.js'
import type { Io } from './io.js'

const width = 30

/** Draws a progress bar on an interactive stderr; prints nothing otherwise. */
export function progressBar (io: Io): ((progress: Progress) => void) | undefined {
  if (!io.interactive) return undefined
  return ({ phase, done, total, file }) => {
    const filled = total === 0 ? width : Math.round(width * done / total)
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
    const label = phase === 'parse' ? `parsing ${file ?? ''}` : 'writing'
    io.stderr(`\r${bar} ${done}/${total} ${label}`.padEnd(100).slice(0, 100))
    if (phase === 'store' && done === total) io.stderr('\n')
  }
}
