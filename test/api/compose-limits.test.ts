/**
 * The operator's composition budgets through the API: set on the engine (as `symphony serve`
 * does from its flags and environment), they reach the composer on the main thread and in the
 * worker threads; a request may lower them, never raise them.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { openEngine, type Engine } from '../../src/engine.js'
import { projectRoot } from '../../src/project.js'

type Answer = { bundles: Array<{ services: string[] }>, issues: Array<{ code: string, found?: number, limit?: number }> }

const requestFile = join(projectRoot, 'examples/requests/compose-pbx-crm-acd-archiving-eu.json')

describe('composition budgets set by the operator', () => {
  let request: Record<string, unknown>
  let limited: Engine
  let open: Engine
  const apps: FastifyInstance[] = []
  beforeAll(async () => {
    request = JSON.parse(await readFile(requestFile, 'utf8')) as Record<string, unknown>
    limited = await openEngine({ seedExamples: true, composeLimits: { maxModelEntries: 1, maxStates: 5 } })
    open = await openEngine({ seedExamples: true })
  })
  afterAll(async () => {
    for (const app of apps) await app.close()
    await limited.close()
    await open.close()
  })

  async function appOf (engine: Engine, workers: number): Promise<FastifyInstance> {
    const app = buildApp(engine, { compose: { workers } })
    apps.push(app)
    await app.ready()
    return app
  }

  async function compose (app: FastifyInstance, body: Record<string, unknown>, lang = 'en'): Promise<{ status: number, json: Answer & Record<string, unknown> }> {
    const response = await app.inject({ method: 'POST', url: `/compose?lang=${lang}`, payload: body })
    return { status: response.statusCode, json: response.json() }
  }

  it.each([0, 1])('with %i worker thread(s), the budgets cut the search: SEARCH_CUT, and a request asking for more stays cut', async workers => {
    const app = await appOf(limited, workers)
    const cut = await compose(app, request)
    expect(cut.status).toBe(200)
    expect([cut.json.bundles, cut.json.issues.map(issue => [issue.code, issue.found, issue.limit])]).toEqual([[], [['SEARCH_CUT', 0, 3]]])
    const raised = await compose(app, { ...request, maxStates: 1_000_000, maxModelEntries: 1_000_000_000, timeoutMs: 60_000 })
    expect(raised.json).toEqual(cut.json)
  }, 120_000)

  it('a request lowers the budgets for itself only', async () => {
    const app = await appOf(open, 0)
    const full = await compose(app, request)
    expect([full.json.bundles.length, full.json.issues]).toEqual([3, []])
    const lowered = await compose(app, { ...request, maxModelEntries: 1, maxStates: 5 })
    expect([lowered.json.bundles, lowered.json.issues.map(issue => issue.code)]).toEqual([[], ['SEARCH_CUT']])
    expect((await compose(app, request)).json).toEqual(full.json)
  }, 120_000)

  it('refuses a request budget below 1 with 400 naming the field, in English and German', async () => {
    const app = await appOf(open, 0)
    const english = await compose(app, { ...request, maxStates: 0 })
    expect(english.status).toBe(400)
    expect(english.json).toMatchObject({ code: 'INVALID_REQUEST', field: '/body/maxStates', detail: '/body/maxStates must be >= 1' })
    const german = await compose(app, { ...request, maxModelEntries: 0 }, 'de')
    expect(german.json).toMatchObject({ code: 'INVALID_REQUEST', field: '/body/maxModelEntries', detail: '/body/maxModelEntries muss >= 1 sein' })
  })
})
