import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storedText } from '../../src/catalog-thread/stored-text.js'

const graph = 'https://example.org/graph/a'
const text = '<https://example.org/s> <https://example.org/p> "o" <https://example.org/graph/a> .\n'
const digest = createHash('sha256').update(text).digest('hex')

describe('storedText: a graph file read only while it holds the text the store read', () => {
  let dir: string
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'symphony-stored-text-')) })
  afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

  const written = async (name: string, content: string): Promise<string> => {
    const file = join(dir, name)
    await writeFile(file, content)
    return file
  }

  it('gives the text after the header line when the header names the graph and the digest holds', async () => {
    const file = await written('ok.nq', `# graph <${graph}>\n${text}`)
    expect(storedText({ graph, file, digest })?.toString('utf8')).toBe(text)
  })

  it('gives an empty text for an empty graph', async () => {
    const file = await written('empty.nq', `# graph <${graph}>\n`)
    expect(storedText({ graph, file, digest: createHash('sha256').update('').digest('hex') })?.length).toBe(0)
  })

  it('gives nothing for a file of another graph, a changed text, a file without a header line, or none', async () => {
    const other = await written('other.nq', `# graph <${graph}-other>\n${text}`)
    const changed = await written('changed.nq', `# graph <${graph}>\n${text.replace('"o"', '"p"')}`)
    const headless = await written('headless.nq', `# graph <${graph}>`)
    expect(storedText({ graph, file: other, digest })).toBeUndefined()
    expect(storedText({ graph, file: changed, digest })).toBeUndefined()
    expect(storedText({ graph, file: headless, digest })).toBeUndefined()
    expect(storedText({ graph, file: join(dir, 'gone.nq'), digest })).toBeUndefined()
  })
})
