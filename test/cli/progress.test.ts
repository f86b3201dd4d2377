import { describe, expect, it } from 'vitest'
import { progressBar } from '../../src/cli/progress.js'
import type { Io } from '../../src/cli/io.js'

const io = (interactive: boolean, sink: string[]): Io => ({ stdout: () => {}, stderr: text => { sink.push(text) }, interactive, env: {}, cwd: '/' })

describe('progressBar', () => {
  it('draws one line per step on a terminal and ends it when the import is written', () => {
    const lines: string[] = []
    const report = progressBar(io(true, lines), 'en')!
    report({ phase: 'parse', done: 1, total: 4, file: 'a.ttl' })
    report({ phase: 'parse', done: 4, total: 4, file: 'd.ttl' })
    report({ phase: 'store', done: 4, total: 4 })
    expect(lines.map(line => line.trimEnd())).toEqual([
      `\r${'█'.repeat(8)}${'░'.repeat(22)} 1/4 parsing a.ttl`,
      `\r${'█'.repeat(30)} 4/4 parsing d.ttl`,
      `\r${'█'.repeat(30)} 4/4 writing`,
      ''
    ])
  })

  it('labels the steps in German for a German reader', () => {
    const lines: string[] = []
    const report = progressBar(io(true, lines), 'de')!
    report({ phase: 'parse', done: 2, total: 2, file: 'a.ttl' })
    report({ phase: 'store', done: 2, total: 2 })
    expect(lines.map(line => line.trimEnd())).toEqual([`\r${'█'.repeat(30)} 2/2 lese a.ttl`, `\r${'█'.repeat(30)} 2/2 schreibe`, ''])
  })

  it('stays silent when stderr is not a terminal', () => {
    expect(progressBar(io(false, []), 'en')).toBeUndefined()
  })
})
