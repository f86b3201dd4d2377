/**
 * CLI start-up: whole `symphony` processes on the example catalog, as a person runs them
 * (`./bin/symphony.js`, compiled `dist/` when it is current), against the start-up of a bare
 * `node -e ""` measured in the same run. Samples of all commands alternate, after one warm-up
 * round. `npm run bench -- cli`, or `npx tsx bench/cli.ts 15` for 15 rounds.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { ms, table } from './measure.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const execFileAsync = promisify(execFile)
const bin = join(root, 'bin', 'symphony.js')
const pbx = 'https://example.org/telvana#CloudPBX'
const crm = 'https://example.org/kundenwerk#CRM'

const commands: Record<string, readonly string[]> = {
  'node -e ""': ['-e', ''],
  'symphony --help': [bin, '--help'],
  'symphony match (examples)': [bin, 'match', pbx, crm, '--format', 'text'],
  'symphony discover (examples)': [bin, 'discover', '--request', join(root, 'examples', 'requests', 'discover-crm-for-pbx.json')]
}

export async function run (rounds = 10): Promise<string> {
  // An empty working folder: no ./data, so the commands answer from the example catalog.
  const cwd = await mkdtemp(join(tmpdir(), 'symphony-bench-cli-'))
  const samples = new Map(Object.keys(commands).map(name => [name, [] as number[]]))
  try {
    for (let round = 0; round <= rounds; round++) {
      for (const [name, args] of Object.entries(commands)) {
        const start = performance.now()
        await execFileAsync(process.execPath, args, { cwd, env: { ...process.env, SYMPHONY_DATA_DIR: join(cwd, 'data') }, maxBuffer: 16 << 20 })
        if (round > 0) samples.get(name)!.push(performance.now() - start)
      }
    }
  } finally {
    await rm(cwd, { recursive: true, force: true })
  }
  const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const baseline = median(samples.get('node -e ""')!)
  const compiled = (await import('node:fs')).existsSync(join(root, 'dist', 'cli', 'bin.js'))
  const rows = [...samples].map(([name, values]) => ({
    command: name,
    'median ms': ms(median(values)),
    'min ms': ms(Math.min(...values)),
    'max ms': ms(Math.max(...values)),
    'x node': (median(values) / baseline).toFixed(1)
  }))
  return `${rounds} rounds, load average ${loadavg()[0]!.toFixed(2)}; dist/ ${compiled ? 'present (compiled CLI when current)' : 'missing (the CLI runs through tsx: npm run build)'}\n\n${table(rows)}`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run(Number(process.argv[2] ?? 10)))
