/**
 * Every CLI command the README and docs/ show in a shell block runs as written: the blocks that
 * need no server (those with `$API` run against one in test/api/docs.test.ts), in document
 * order, from a working folder that holds the repository's `bin/`, `examples/` and `test/`, with
 * the data directory in a temporary place so nothing is written into the checkout. Files a
 * document creates with `cat > file <<'EOF'` are created first, as a reader following it would.
 */
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/project.js'
import { runInGroup, stopAllGroups } from '../support/process-group.js'
import { temporaryFolder } from './run-cli.js'

/** `serve` runs until stopped: test/cli/serve.test.ts starts it with the flags the README shows. */
const longRunning = /^\.\/bin\/symphony\.js serve\b/

interface Doc { readonly file: string, readonly commands: readonly string[], readonly files: ReadonlyMap<string, string> }

async function documents (): Promise<Doc[]> {
  const names = ['README.md', ...(await readdir(join(projectRoot, 'docs'))).filter(name => name.endsWith('.md')).map(name => `docs/${name}`)]
  return Promise.all(names.map(async file => {
    const text = await readFile(join(projectRoot, file), 'utf8')
    const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]!)
    const files = new Map([...text.matchAll(/cat > (\S+) <<'EOF'\n([\s\S]*?)\nEOF\n/g)].map(m => [m[1]!, `${m[2]!}\n`]))
    const commands = blocks.filter(block => !block.includes('$API'))
      .flatMap(block => block.split('\n').filter(line => line.startsWith('./bin/symphony.js ') && !longRunning.test(line)))
    return { file, commands, files }
  }))
}

describe('CLI commands in README.md and docs/', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>
  let docs: Doc[]
  beforeAll(async () => {
    folder = await temporaryFolder()
    docs = await documents()
  })
  afterAll(async () => {
    // A command cut off by its timeout or the test's takes what it started (a server, the sandbox's port) with it.
    await stopAllGroups()
    await folder?.remove()
  })

  it('finds the README\'s tour of the CLI', () => {
    const readme = docs.find(doc => doc.file === 'README.md')!
    expect(readme.commands).toEqual(expect.arrayContaining([
      './bin/symphony.js compose --request examples/requests/compose-pbx-crm-acd-archiving-eu.json --format text',
      expect.stringMatching(/^\.\/bin\/symphony\.js import examples\/catalog\/\*\.ttl/)
    ]))
  })

  it('runs each of them as written, exit 0', async () => {
    const failures: string[] = []
    for (const doc of docs.filter(d => d.commands.length > 0)) {
      // A fresh working folder and data directory per document: each is read from its start.
      const cwd = join(folder.path, doc.file.replace(/\W/g, '-'))
      await mkdir(cwd)
      for (const entry of ['bin', 'examples', 'test', 'node_modules']) await symlink(join(projectRoot, entry), join(cwd, entry))
      for (const [name, content] of doc.files) await writeFile(join(cwd, name), content)
      const env = { ...process.env, SYMPHONY_DATA_DIR: join(cwd, 'data') }
      for (const command of doc.commands) {
        await runInGroup('bash', ['-euo', 'pipefail', '-c', command], { cwd, env, timeout: 180_000 })
          .catch((error: { code?: number | string | null, stderr?: string }) => { failures.push(`${doc.file}: ${command} → exit ${error.code}: ${String(error.stderr).slice(0, 300)}`) })
      }
    }
    expect(failures).toEqual([])
  }, 900_000)
})
