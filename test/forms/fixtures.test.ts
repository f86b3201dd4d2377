/**
 * Golden form fixtures: each folder of test/fixtures/forms/ holds `shape.ttl`, an optional
 * `request.json` (language, shape, type, service or bundle) and the exact expected JSON Schema
 * and UI schema. Adding a case adds files; `npx tsx test/forms/update-golden.ts <case>` writes
 * the goldens for review.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAjv } from '../../src/forms/ajv.js'
import { fixturesFolder, formOf, loadCase } from './fixture-request.js'

const cases = readdirSync(fixturesFolder, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()
const golden = (name: string, file: string): unknown => JSON.parse(readFileSync(join(fixturesFolder, name, file), 'utf8'))

/** Blank-node labels of shapes depend on the parser's counter; the goldens do not pin them. */
function withoutBlankLabels (value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(/"_:[^"]*"/g, '"_:b"'))
}

describe('form fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15)
  })

  for (const name of cases) {
    it(name, async () => {
      const { quads, request } = await loadCase(name)
      const form = formOf(quads, request)
      expect(form.schema).toEqual(golden(name, 'expected.schema.json'))
      expect(withoutBlankLabels(form.uiSchema)).toEqual(withoutBlankLabels(golden(name, 'expected.ui.json')))
      expect(() => createAjv().compile(form.schema)).not.toThrow()
    })
  }
})
