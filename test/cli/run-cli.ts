/** Runs the CLI in-process with a captured io, as a user would from a folder. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'

export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export async function runCli (argv: readonly string[], options: { cwd?: string, env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: text => { stdout += text },
    stderr: text => { stderr += text },
    interactive: false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd()
  })
  return { code, stdout, stderr }
}

/** A fresh temporary folder, removed by the returned function. */
export async function temporaryFolder (): Promise<{ path: string, remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'symphony-cli-'))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
