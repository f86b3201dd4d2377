/**
 * Rewrites the golden files of form fixture cases: `npx tsx test/forms/update-golden.ts [case…]`.
 * Review the diff before committing: the goldens are the specification.
 */
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixturesFolder, formOf, loadCase } from './fixture-request.js'

const cases = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(fixturesFolder).sort()
for (const name of cases) {
  const { quads, request } = await loadCase(name)
  const form = formOf(quads, request)
  writeFileSync(join(fixturesFolder, name, 'expected.schema.json'), `${JSON.stringify(form.schema, null, 2)}\n`)
  // Blank-node labels depend on the parser's counter; the runner compares them as "_:b".
  writeFileSync(join(fixturesFolder, name, 'expected.ui.json'), `${JSON.stringify(form.uiSchema, null, 2).replace(/"_:[^"]*"/g, '"_:b"')}\n`)
  console.log(`updated ${name}`)
}
