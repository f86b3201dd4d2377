/**
 * Golden composer cases: one test per folder of test/fixtures/composer/ (see fixture-runner.ts).
 * Adding a case adds a folder with catalog.ttl, request.json and expected.json (and, to check
 * the text format, expected.<language>.txt). To (re)write the expected answers after a
 * deliberate change, run with UPDATE_GOLDEN=1 and review the diff.
 */
import { readdirSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { fixturesFolder, runCase } from './fixture-runner.js'

const cases = readdirSync(fixturesFolder, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()

describe('composer fixture cases', () => {
  test.each(cases)('%s', async name => {
    const folder = join(fixturesFolder, name)
    const outcome = await runCase(folder)
    const expectedFile = join(folder, 'expected.json')
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(expectedFile, JSON.stringify(outcome.json, null, 2) + '\n')
    expect(outcome.json).toEqual(JSON.parse(await readFile(expectedFile, 'utf8')))
    for (const file of readdirSync(folder).filter(f => /^expected\.[a-z]{2}\.txt$/.test(f))) {
      const text = outcome.text(file.split('.')[1]!)
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(join(folder, file), text ?? '')
      expect(text).toBe(await readFile(join(folder, file), 'utf8'))
    }
  })
})
