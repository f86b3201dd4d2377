import type { Progress } from '../engine.js'
import type { Io } from './io.js'
import type { HelpLanguage } from './language.js'

const width = 30

const labels = {
  en: { parsing: 'parsing', writing: 'writing' },
  de: { parsing: 'lese', writing: 'schreibe' }
} as const

/** Draws a progress bar on an interactive stderr, labelled in `language`; prints nothing otherwise. */
export function progressBar (io: Io, language: HelpLanguage): ((progress: Progress) => void) | undefined {
  if (!io.interactive) return undefined
  return ({ phase, done, total, file }) => {
    const filled = total === 0 ? width : Math.round(width * done / total)
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
    const label = phase === 'parse' ? `${labels[language].parsing} ${file ?? ''}` : labels[language].writing
    io.stderr(`\r${bar} ${done}/${total} ${label}`.padEnd(100).slice(0, 100))
    if (phase === 'store' && done === total) io.stderr('\n')
  }
}
