/** What the CLI reads and writes: the real process, or a capture in tests. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  readonly interactive: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

export function processIo (): Io {
  return {
    stdout: text => { process.stdout.write(text) },
    stderr: text => { process.stderr.write(text) },
    interactive: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd()
  }
}
