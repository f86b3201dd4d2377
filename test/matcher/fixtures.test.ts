/** Runs every matcher fixture case and compares the answer with its golden `expected.json`, exactly. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answer, caseNames, compile, fixtures, readJson } from './fixture.js'

describe.each(caseNames())('matcher fixture %s', name => {
  it('answers exactly as expected.json', () => {
    const actual = answer(compile(name), readJson(name, 'request.json') as Parameters<typeof answer>[1])
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(join(fixtures, name, 'expected.json'), JSON.stringify(actual, null, 2) + '\n')
    expect(actual).toEqual(readJson(name, 'expected.json'))
  })
})
