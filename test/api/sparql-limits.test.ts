import { describe, expect, it } from 'vitest'
import { checkQueryShape } from '../../src/api/sparql/limits.js'
import { nestingDepth } from '../../src/rdf/index.js'
import { JobQueue } from '../../src/api/sparql/job-queue.js'
import type { SymphonyError } from '../../src/errors.js'

function refusal (text: string, limits = { maxLength: 1000, maxDepth: 4 }): SymphonyError | undefined {
  try {
    checkQueryShape(text, limits)
    return undefined
  } catch (error) {
    return error as SymphonyError
  }
}

describe('query shape limits', () => {
  it('counts brackets of every kind, not those in strings, IRIs or comments', () => {
    expect(nestingDepth('SELECT * WHERE { ?s ?p ?o FILTER((?o > 1)) }')).toBe(3)
    expect(nestingDepth('SELECT * WHERE { ?s ?p "{{{((" . ?s ?q \'\'\'[[[\n{{\'\'\' }')).toBe(1)
    expect(nestingDepth('SELECT * WHERE { ?s <urn:x:(((> ?o } # {{{{{{\n')).toBe(1)
    expect(nestingDepth('SELECT * WHERE { ?s ?p "a \\" {{" FILTER(?o < 3 && ?o > (1)) }')).toBe(3)
    expect(nestingDepth('ASK { [ ?p [ ?q ?o ] ] }')).toBe(3)
  })

  it('refuses a query nested deeper than the limit with 400', () => {
    const error = refusal('SELECT * WHERE ' + '{'.repeat(5) + ' ?s ?p ?o ' + '}'.repeat(5))
    expect(error?.code).toBe('INVALID_QUERY')
    expect(error?.message).toBe('the query nests brackets 5 deep, more than the 4 this endpoint accepts; flatten the groups ({ }), expressions (( )) or blank-node lists ([ ])')
    expect(refusal('SELECT * WHERE ' + '{'.repeat(4) + ' ?s ?p ?o ' + '}'.repeat(4))).toBeUndefined()
  })

  it('refuses a query longer than the limit with 413', () => {
    const error = refusal(`SELECT * WHERE { ?s ?p "${'x'.repeat(1000)}" }`)
    expect(error?.code).toBe('PAYLOAD_TOO_LARGE')
    expect(error?.status).toBe(413)
  })

  it('scans 50,000 nested parentheses without parsing them', () => {
    const error = refusal('SELECT * WHERE { FILTER(' + '('.repeat(50_000) + '1' + ')'.repeat(50_000) + ') }', { maxLength: 1_000_000, maxDepth: 64 })
    expect(error?.message.startsWith('the query nests brackets 50002 deep')).toBe(true)
  })
})

describe('bounded job queue', () => {
  it('runs jobs in order and refuses one more than it holds with BUSY and a retry hint', async () => {
    const queue = new JobQueue(1, 7)
    let release: () => void = () => {}
    const order: string[] = []
    const first = queue.run(async () => { await new Promise<void>(resolve => { release = resolve }); order.push('first') })
    await new Promise(resolve => setImmediate(resolve))
    const second = queue.run(async () => { order.push('second') })
    expect(queue.waiting).toBe(1)
    const third = queue.run(async () => { order.push('third') })
    await expect(third).rejects.toMatchObject({ code: 'BUSY', status: 503, details: { retryAfter: 7 } })
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['first', 'second'])
    expect(queue.waiting).toBe(0)
  })
})
