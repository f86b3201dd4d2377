/** Values as a browser sends them: times without seconds round-trip; read-only values stay as the shape fixes them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'

const sym = 'https://w3id.org/symphony/ontology#'
const xsd = 'http://www.w3.org/2001/XMLSchema#'
const archive = { type: `${sym}ArchivingService` }
const rule = { documentClass: `${sym}BusinessLetter`, retentionPeriod: 'P6Y' }

describe('time values and read-only fields', () => {
  let engine: Engine
  beforeAll(async () => { engine = await openEngine({}) })
  afterAll(async () => { await engine.close() })

  it('takes a time picker\'s hh:mm and stores it as an xsd:time with seconds', async () => {
    const outcome = await engine.configure(archive, { retentionRule: [rule], storageLocation: 'DE', ingestWindowStart: '22:30' }, { dryRun: true })
    expect(outcome.ok).toBe(true)
    const times = outcome.ok ? outcome.quads.filter(q => q.predicate.value === `${sym}ingestWindowStart`).map(q => [q.object.value, (q.object as { datatype?: { value: string } }).datatype?.value]) : []
    expect(times).toEqual([['22:30:00', `${xsd}time`]])
    const wrong = await engine.configure(archive, { retentionRule: [rule], storageLocation: 'DE', ingestWindowStart: '25:00' }, { dryRun: true, language: 'de' })
    expect(wrong.ok ? [] : wrong.issues.map(i => [i.field, i.message])).toEqual([['/ingestWindowStart', 'Muss eine Uhrzeit (hh:mm oder hh:mm:ss, z. B. 09:30) sein.']])
  })

  it('refuses a changed read-only value on the server, in either language', async () => {
    for (const [language, message] of [['en', 'This value is fixed (on) and cannot be changed.'], ['de', 'Dieser Wert ist fest vorgegeben (an) und kann nicht geändert werden.']] as const) {
      const outcome = await engine.configure(archive, { retentionRule: [rule], storageLocation: 'DE', archiveEncryption: false }, { dryRun: true, language })
      expect(outcome.ok ? [] : outcome.issues.map(i => [i.field, i.message, i.constraint])).toEqual([['/archiveEncryption', message, 'const']])
    }
    const kept = await engine.configure(archive, { retentionRule: [rule], storageLocation: 'DE', archiveEncryption: true }, { dryRun: true })
    expect(kept.ok).toBe(true)
  })
})
