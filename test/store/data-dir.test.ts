/**
 * One writer per data directory, across real processes: a second writer is refused while readers
 * answer from a snapshot without touching the holder's files; tokens added by two processes at
 * once are both kept; a damaged journal is set aside; and a server killed with SIGKILL between
 * writes keeps every write it acknowledged while CLI commands read the same directory.
 */
import type { ChildProcess } from 'node:child_process'
import { access, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TokenRegistry, customerIri, hashToken } from '../../src/accounts/index.js'
import { openEngine } from '../../src/engine.js'
import { projectRoot } from '../../src/project.js'
import { runCli, temporaryFolder } from '../cli/run-cli.js'
import { runInGroup, servingAddress, spawnInGroup, stopAllGroups, stopGroup } from '../support/process-group.js'

const cli = [process.execPath, '--import', 'tsx', join(projectRoot, 'src/cli/bin.ts')] as const
/** A CLI command as its own process group, cut off (with what it started) after two minutes. */
const runProcess = (command: string, args: readonly string[]) => runInGroup(command, args, { timeout: 120_000 })
const acmeFile = fileURLToPath(new URL('../fixtures/api/acme-pbx.ttl', import.meta.url))
const globexFile = fileURLToPath(new URL('../fixtures/api/globex-crm.ttl', import.meta.url))
const acme = 'https://example.org/acme#Acme'
const askPbx = 'ASK { <https://example.org/acme#CloudPBX> ?p ?o }'
const versionsOfPbx = 'SELECT DISTINCT ?version WHERE { <https://example.org/acme#CloudPBX> <https://schema.org/version> ?version }'
const asked = (stdout: string): boolean => (JSON.parse(stdout) as { boolean: boolean }).boolean

/** `symphony serve` on a free port over `dataDir`, resolved once it listens. */
async function serve (dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess, url: string }> {
  const child = spawnInGroup(cli[0], [...cli.slice(1), 'serve', '--empty', '--no-sandbox', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  const url = await servingAddress(child)
  return { child, url }
}

/** The CLI as its own process, with its exit code (0 or not) and what it printed. */
function cliProcess (args: readonly string[]): Promise<{ code: number, stdout: string, stderr: string }> {
  return runProcess(cli[0], [...cli.slice(1), ...args]).then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number | string | null, stdout?: string, stderr?: string }) => ({ code: typeof error.code === 'number' ? error.code : -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }))
}

const stop = stopGroup

describe('one writer per data directory', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>
  let dataDir: string
  let server: ChildProcess | undefined
  beforeEach(async () => {
    folder = await temporaryFolder()
    dataDir = join(folder.path, 'data')
  })
  afterEach(async () => {
    await stop(server, 'SIGKILL')
    server = undefined
    // Servers and CLI commands a failed or timed-out test left running.
    await stopAllGroups()
    await folder.remove()
  })

  it('refuses a second writer naming the holder, while readers answer from a snapshot and leave its files alone', async () => {
    expect((await runCli(['import', acmeFile, '--data-dir', dataDir])).code).toBe(0)
    const running = await serve(dataDir)
    server = running.child
    // A write of the server's in flight: readers must not clean it up.
    const inFlight = join(dataDir, 'graphs', 'in-flight.nq.tmp')
    await writeFile(inFlight, '')
    const second = await runCli(['import', globexFile, '--data-dir', dataDir])
    expect(second.code).toBe(2)
    expect(second.stderr).toContain(`the data directory is in use by "serve" (pid ${running.child.pid}`)
    expect(second.stderr).toContain('stop it first, or make the change through its HTTP API; read-only commands keep working meanwhile')
    const read = await runCli(['query', askPbx, '--data-dir', dataDir])
    expect([read.code, asked(read.stdout)]).toEqual([0, true])
    // The catalog commands read the same snapshot, as their own process too.
    const match = await cliProcess(['match', 'https://example.org/acme#CloudPBX', 'https://example.org/acme#CloudPBX', '--data-dir', dataDir])
    expect([match.code, match.stderr]).toEqual([0, expect.stringContaining(`catalog: ${dataDir}`)])
    await expect(access(inFlight)).resolves.toBeUndefined()
    // Nothing of the refused import arrived.
    expect(asked((await runCli(['query', 'ASK { <https://example.org/globex#CallCRM> ?p ?o }', '--data-dir', dataDir])).stdout)).toBe(false)
  }, 180_000)

  it('keeps every token that two processes add at the same moment', async () => {
    const add = (provider: string) => runProcess(cli[0], [...cli.slice(1), 'token', 'add', provider, '--data-dir', dataDir])
    const [first, second] = await Promise.all([add(acme), add('https://example.org/globex#Globex')])
    const registry = await TokenRegistry.open({ dataDir })
    expect(await registry.verify(first.stdout.trim())).toEqual({ role: 'provider', id: acme })
    expect(await registry.verify(second.stdout.trim())).toEqual({ role: 'provider', id: 'https://example.org/globex#Globex' })
  }, 180_000)

  it('never prints a token that does not work when accounts are added by four processes while the server runs', async () => {
    const running = await serve(dataDir)
    server = running.child
    const globex = 'https://example.org/globex#Globex'
    const adds: Array<[readonly string[], { role: string, id: string }]> = [
      [['token', 'add', acme], { role: 'provider', id: acme }],
      [['account', 'add', '--provider', globex], { role: 'provider', id: globex }],
      [['account', 'add', '--customer', 'Praxis Sonne'], { role: 'customer', id: customerIri('Praxis Sonne') }],
      [['account', 'add', '--operator'], { role: 'operator', id: 'operator' }]
    ]
    const runs = await Promise.all(adds.map(([args]) => cliProcess([...args, '--data-dir', dataDir])))
    const registry = await TokenRegistry.open({ dataDir })
    for (const [index, run] of runs.entries()) {
      const expected = adds[index]![1]
      if (run.code !== 0) {
        // Refused: nothing printed that could be taken for a token, and the reason is said.
        expect([run.stdout, run.stderr]).toEqual(['', expect.stringContaining('try again')])
        continue
      }
      const token = run.stdout.trim()
      expect(await registry.verify(token)).toMatchObject(expected)
      // The running server takes the new token at once.
      const me = await fetch(`${running.url}/me`, { headers: { authorization: `Bearer ${token}` } })
      expect([me.status, await me.json()]).toEqual([200, expect.objectContaining(expected)])
    }
    // Waiting for the token file's short lock, all four get through on an ordinary machine.
    expect(runs.map(run => run.code)).toEqual([0, 0, 0, 0])
  }, 240_000)

  it('sets a damaged journal aside, says so, and keeps what was written before it', async () => {
    expect((await runCli(['import', acmeFile, '--data-dir', dataDir])).code).toBe(0)
    const damaged = '{"renames": [["graphs/a.nq.tmp", "gra'
    await writeFile(join(dataDir, 'journal.json'), damaged)
    const read = await runCli(['query', askPbx, '--data-dir', dataDir])
    expect([read.code, asked(read.stdout)]).toEqual([0, true])
    // A reader repairs nothing: the journal is where it was until a writer opens the directory.
    expect(await readFile(join(dataDir, 'journal.json'), 'utf8')).toBe(damaged)
    const write = await runCli(['import', globexFile, '--data-dir', dataDir])
    expect(write.code).toBe(0)
    expect(write.stderr).toMatch(/the journal of an interrupted write is damaged; that write was dropped/)
    // The same notice in German for a German reader
    await writeFile(join(dataDir, 'journal.json'), damaged)
    const german = await runCli(['import', globexFile, '--data-dir', dataDir, '--lang', 'de'])
    expect(german.stderr).toMatch(/^Warnung: \S+journal\.json: das Journal eines unterbrochenen Schreibvorgangs ist beschädigt; dieser Schreibvorgang wurde verworfen und die Graphen sind wie davor \(Journal aufbewahrt als \S+journal\.json\.damaged-\d+\)\n/)
    const aside = (await readdir(dataDir)).filter(name => name.startsWith('journal.json')).sort()
    expect(aside).toEqual([expect.stringMatching(/^journal\.json\.damaged-\d+$/), expect.stringMatching(/^journal\.json\.damaged-\d+$/)])
    expect(await readFile(join(dataDir, aside[0]!), 'utf8')).toBe(damaged)
    const both = await runCli(['query', 'ASK { <https://example.org/acme#CloudPBX> ?p ?o . <https://example.org/globex#CallCRM> ?q ?r }', '--data-dir', dataDir])
    expect(asked(both.stdout)).toBe(true)
  }, 180_000)

  it('keeps every acknowledged write of a server killed with SIGKILL, with CLI commands reading meanwhile', async () => {
    const token = 'symp_data-dir-test-acme'
    const running = await serve(dataDir, { SYMPHONY_TOKENS: `${acme}=${hashToken(token)}` })
    server = running.child
    const text = await readFile(acmeFile, 'utf8')
    const url = `${running.url}/providers/${encodeURIComponent(acme)}/descriptions/pbx`
    const acknowledged: number[] = []
    const reads: Array<Promise<{ code: number, stdout: string, stderr: string }>> = []
    let killed = false
    // Versions go in one after another; after the fourth acknowledgement the server is killed
    // while the fifth is being written.
    for (let version = 1; version <= 5 && !killed; version++) {
      const put = fetch(url, { method: 'PUT', headers: { 'content-type': 'text/turtle', authorization: `Bearer ${token}` }, body: `${text}\n<https://example.org/acme#CloudPBX> <https://schema.org/version> "${version}" .\n` }).catch(() => undefined)
      reads.push(cliProcess(['query', versionsOfPbx, '--data-dir', dataDir]))
      if (version === 5) {
        await new Promise(resolve => setTimeout(resolve, 20))
        await stop(server, 'SIGKILL')
        killed = true
      }
      // The connection of the write in flight may close under it: that write was not acknowledged.
      const answer = await put
      const body = answer?.status === 201 || answer?.status === 200 ? await answer.json().catch(() => undefined) as { version: number } | undefined : undefined
      if (body !== undefined) acknowledged.push(body.version)
    }
    expect(acknowledged.slice(0, 4)).toEqual([1, 2, 3, 4])
    // Readers never failed, whatever moment they read at, and each saw the state after a whole write.
    const answers = await Promise.all(reads)
    expect(answers.map(answer => answer.code)).toEqual(reads.map(() => 0))
    // The read started in round n began after version n − 1 was acknowledged: it sees that
    // version or a later one, and only ever one current version (never a mix of two writes).
    const seen = answers.map(answer => (JSON.parse(answer.stdout) as { rows: Array<{ version: string }> }).rows.map(row => Number(row.version)))
    for (const [round, versions] of seen.entries()) {
      if (round === 0) expect(versions.length).toBeLessThanOrEqual(1)
      else expect(versions).toEqual([expect.any(Number)])
      expect(versions.every(version => version >= round && version <= 5)).toBe(true)
    }
    // The lock of the killed server is stale: a new writer takes the directory over.
    const engine = await openEngine({ dataDir })
    try {
      const versions = (await engine.description({ provider: acme, name: 'pbx' })).versions.map(v => v.version)
      expect(versions.slice(0, acknowledged.length)).toEqual(acknowledged)
      expect(versions.length === acknowledged.length || versions.length === acknowledged.length + 1).toBe(true)
    } finally {
      await engine.close()
    }
  }, 240_000)
})
