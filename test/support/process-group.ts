/**
 * Subprocesses of tests (`symphony serve`, CLI commands, shell blocks of the docs) in their own
 * process group, so that stopping one also stops what it started: a shell's CLI, a `serve` and
 * its sandbox on port 8091. A command that runs past its timeout has its whole group killed;
 * groups still running when the test process exits (a failed or timed-out test whose cleanup
 * did not run) are killed by an exit guard.
 *
 * @example
 * const child = spawnInGroup(process.execPath, ['bin/symphony.js', 'serve'])
 * await stopGroup(child)
 * const { stdout } = await runInGroup('bash', ['-c', 'echo hi'], { timeout: 60_000 })
 */
import { spawn } from 'node:child_process'
import type { ChildProcess, SpawnOptions } from 'node:child_process'

const running = new Set<ChildProcess>()

let guarded = false
/** Kills every group still running when the process exits (synchronously: `exit` handlers cannot wait). */
function guard (): void {
  if (guarded) return
  guarded = true
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL')
  })
}

/** Sends `signal` to the child's whole process group; a group already gone is no error. */
export function killGroup (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

/** `spawn` with the child leading a new process group (`detached: true`), killed on exit if still running. */
export function spawnInGroup (command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  guard()
  const child = spawn(command, args, { ...options, detached: true })
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

/**
 * Stops the child's group with `signal` and waits until the child exited. Resolves at once
 * when it has exited already; the rest of its group (a child it left behind) is killed all the same.
 */
export async function stopGroup (child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child === undefined) return
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>(resolve => child.once('exit', () => resolve()))
  killGroup(child, signal)
  await exited
}

/** Stops every group this process started that is still running (for `afterAll`/`afterEach`). */
export async function stopAllGroups (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  await Promise.all([...running].map(child => stopGroup(child, signal)))
}

/** How a command run with `runInGroup` failed: like `execFile`'s error. */
export interface GroupRunError extends Error {
  /** The exit code, or the signal that ended it. */
  readonly code: number | string | null
  readonly killed: boolean
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a command to its end in its own process group and resolves with its output (rejects
 * with a `GroupRunError` on a non-zero exit). Past `timeout` ms the whole group is killed, so
 * nothing the command started outlives it.
 */
export function runInGroup (command: string, args: readonly string[], options: { cwd?: string, env?: NodeJS.ProcessEnv, timeout?: number } = {}): Promise<{ stdout: string, stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnInGroup(command, args, { ...(options.cwd === undefined ? {} : { cwd: options.cwd }), ...(options.env === undefined ? {} : { env: options.env }), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let killed = false
    child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    const timer = options.timeout === undefined
      ? undefined
      : setTimeout(() => {
        killed = true
        killGroup(child, 'SIGKILL')
      }, options.timeout)
    child.once('error', error => {
      if (timer !== undefined) clearTimeout(timer)
      reject(Object.assign(error, { code: null, killed, stdout, stderr }))
    })
    // The command is done; whatever it left running in its group goes with it (and lets go of its output).
    child.once('exit', () => killGroup(child, 'SIGKILL'))
    child.once('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer)
      if (code === 0) return resolve({ stdout, stderr })
      const why = killed ? `timed out after ${options.timeout} ms` : `exited with ${code ?? signal}`
      reject(Object.assign(new Error(`${command} ${args.join(' ')} ${why}`), { code: code ?? signal, killed, stdout, stderr }))
    })
  })
}

/**
 * The first match of `pattern` in what a child writes on its piped stderr; rejects with what it
 * printed when it exits before.
 */
export function stderrMatch (child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = ''
    const read = (chunk: Buffer) => {
      text += chunk.toString()
      const match = pattern.exec(text)
      if (match !== null) { child.stderr!.off('data', read); resolve(match) }
    }
    child.stderr!.on('data', read)
    child.once('exit', code => reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}: ${text}`)))
  })
}

/**
 * The address a `symphony serve` child prints once it listens ("serving at <url>/"), read from its
 * piped stderr; rejects with what it printed when it exits before.
 */
export async function servingAddress (child: ChildProcess): Promise<string> {
  return (await stderrMatch(child, /serving at (\S+)\//))[1]!
}
