import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Copies the example catalog's Turtle files into `dir` with their adapters pointing at a sandbox
 * listening on `sandboxUrl` (a free port) instead of the fixed 8091; returns the copies' paths.
 */
export async function exampleCatalogFor (projectRoot: string, sandboxUrl: string, dir: string): Promise<string[]> {
  const examples = join(projectRoot, 'examples', 'catalog')
  const files: string[] = []
  for (const name of (await readdir(examples)).filter(f => f.endsWith('.ttl'))) {
    const text = await readFile(join(examples, name), 'utf8')
    await writeFile(join(dir, name), text.replaceAll('http://127.0.0.1:8091', sandboxUrl))
    files.push(join(dir, name))
  }
  return files
}
