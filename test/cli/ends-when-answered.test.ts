/**
 * A command that ends as soon as its answer is written (`endsWhenAnswered`) still writes the
 * whole answer when stdout is a pipe read slowly, and keeps its exit code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { commands } from '../../src/cli/commands/index.js'
import { spawnInGroup, stopAllGroups } from '../support/process-group.js'
import { runCli, temporaryFolder } from './run-cli.js'

const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url))

/** Runs the CLI as a process; its stdout is first left unread, so the pipe fills up, then read to the end. */
async function runPiped (argv: readonly string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const child: ChildProcess = spawnInGroup(process.execPath, ['--import', 'tsx', bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk))
  child.stdout!.pause()
  const exited = new Promise<number | null>(resolve => child.once('close', code => resolve(code)))
  // Read only once the answer waits in a full pipe (or the process is done).
  await new Promise(resolve => setTimeout(resolve, 3000))
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stdout!.resume()
  const code = await exited
  return { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }
}

describe('commands that end once their answer is written', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>
  let data: string[]
  let request: string
  let bad: string

  beforeAll(async () => {
    folder = await temporaryFolder()
    const catalog = generateCatalog(2000)
    const file = join(folder.path, 'catalog.nt')
    await writeFile(file, catalog.ntriples)
    data = ['--data', file]
    request = join(folder.path, 'request.json')
    await writeFile(request, JSON.stringify({ available: catalog.interfaceClasses, wanted: [catalog.interfaceClasses[3]!], limit: 10_000 }))
    bad = join(folder.path, 'bad.json')
    await writeFile(bad, JSON.stringify({ wanted: 'not a list' }))
  })
  afterAll(async () => {
    await stopAllGroups()
    await folder.remove()
  })

  it('are the read commands that close their engine before returning', () => {
    expect(Object.entries(commands).filter(([, command]) => command.endsWhenAnswered === true).map(([name]) => name))
      .toEqual(['match', 'combinable', 'discover', 'compose'])
  })

  it('write a large answer whole to a pipe read late: the same bytes as in process', async () => {
    const argv = ['discover', '--request', request, ...data]
    const inProcess = await runCli(argv)
    expect(inProcess.code).toBe(0)
    // Several times a pipe's buffer (64 KiB): the process can end only after the reader caught up.
    expect(Buffer.byteLength(inProcess.stdout)).toBeGreaterThan(1 << 18)
    const piped = await runPiped(argv)
    expect(piped.stderr).toBe(inProcess.stderr)
    expect(piped.code).toBe(0)
    expect(piped.stdout).toBe(inProcess.stdout)
  }, 180_000)

  it('keep the exit code and the message of a refused request', async () => {
    const argv = ['discover', '--request', bad, ...data]
    const inProcess = await runCli(argv)
    expect(inProcess.code).toBe(2)
    const piped = await runPiped(argv)
    expect({ code: piped.code, stdout: piped.stdout, stderr: piped.stderr }).toEqual({ code: 2, stdout: '', stderr: inProcess.stderr })
  }, 180_000)
})
