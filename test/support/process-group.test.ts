import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runInGroup, spawnInGroup, stopAllGroups, stopGroup } from './process-group.js'
import type { GroupRunError } from './process-group.js'

/** Is the process gone (no entry, or a zombie waiting to be reaped)? Waits up to about 20 s for it to go. */
async function gone (pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
    // The state follows the command name in parentheses: "1234 (sleep) S ...".
    if (stat === undefined || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return true
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return false
}

/** A shell that starts `sleep` in the background, prints its pid and waits for it. */
const sleeper = ['-c', 'sleep 600 >/dev/null 2>&1 & echo $!; wait']

describe.skipIf(process.platform !== 'linux')('subprocesses in their own process group', () => {
  afterAll(async () => { await stopAllGroups() })

  it('kills what a command started when it runs past its timeout', async () => {
    const failure = await runInGroup('bash', sleeper, { timeout: 2000 }).then(() => undefined, (error: GroupRunError) => error)
    expect(failure?.killed).toBe(true)
    expect(failure?.message).toMatch(/timed out after 2000 ms/)
    expect(await gone(Number(failure!.stdout.trim()))).toBe(true)
  }, 60_000)

  it('kills what a finished command left running', async () => {
    const { stdout } = await runInGroup('bash', ['-c', 'sleep 600 >/dev/null 2>&1 & echo $!'], { timeout: 30_000 })
    expect(await gone(Number(stdout.trim()))).toBe(true)
  }, 60_000)

  it('reports a non-zero exit with the output, like execFile', async () => {
    const failure = await runInGroup('bash', ['-c', 'echo out; echo err >&2; exit 3']).then(() => undefined, (error: GroupRunError) => error)
    expect([failure?.code, failure?.killed, failure?.stdout, failure?.stderr]).toEqual([3, false, 'out\n', 'err\n'])
  })

  it('stops a child and what it started', async () => {
    const child = spawnInGroup('bash', sleeper, { stdio: ['ignore', 'pipe', 'ignore'] })
    const pid = await new Promise<number>(resolve => child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))))
    await stopGroup(child)
    expect(await gone(pid)).toBe(true)
  }, 60_000)

  it('kills the groups still running when the test process exits without stopping them', async () => {
    const helper = fileURLToPath(new URL('./process-group.ts', import.meta.url))
    // A process that starts a group and exits at once, as a test process does after a timeout.
    const script = `import { spawnInGroup } from ${JSON.stringify(helper)}
const child = spawnInGroup('bash', ${JSON.stringify(sleeper)}, { stdio: ['ignore', 'pipe', 'ignore'] })
child.stdout.once('data', chunk => { process.stdout.write(chunk); process.exit(0) })`
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    parent.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    await new Promise(resolve => parent.once('close', resolve))
    expect(stdout.trim()).toMatch(/^\d+$/)
    expect(await gone(Number(stdout.trim()))).toBe(true)
  }, 60_000)
})
