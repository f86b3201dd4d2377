/**
 * Durable graph files: one N-Quads file per named graph in `<dataDir>/graphs/`.
 *
 * A write of several graphs is all or nothing: new contents go to fsync'd temporary files,
 * then a journal listing the renames is fsync'd, then the renames run. A crash before the
 * journal is written leaves the old state; after it, opening the directory finishes the job.
 */
import { createHash } from 'node:crypto'
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { SymphonyError } from '../errors.js'

interface Journal {
  readonly renames: ReadonlyArray<readonly [string, string]>
  readonly deletes: readonly string[]
}

export interface GraphFile {
  readonly graph: string
  /** N-Quads text, every quad in `graph`. */
  readonly nquads: string
}

export class GraphFiles {
  readonly #folder: string
  readonly #journal: string

  private constructor (dataDir: string) {
    this.#folder = join(dataDir, 'graphs')
    this.#journal = join(dataDir, 'journal.json')
  }

  /** Opens (creating if needed) the graph folder of a data directory and finishes an interrupted write. */
  static async open (dataDir: string): Promise<GraphFiles> {
    const files = new GraphFiles(dataDir)
    try {
      await mkdir(files.#folder, { recursive: true })
      await files.#recover()
    } catch (error) {
      if (error instanceof SymphonyError) throw error
      throw new SymphonyError('STORE_ERROR', `${dataDir}: cannot open the data directory (${(error as Error).message}); check it exists and is writable, or pass another --data-dir`, { file: dataDir, cause: error })
    }
    return files
  }

  /** Every stored graph with its N-Quads text. */
  async readAll (): Promise<GraphFile[]> {
    const names = (await readdir(this.#folder)).filter(name => name.endsWith('.nq')).sort()
    return Promise.all(names.map(async name => {
      const text = await readFile(join(this.#folder, name), 'utf8')
      const header = /^# graph <([^>]*)>\n/.exec(text)
      if (header === null) {
        throw new SymphonyError('STORE_ERROR', `${join(this.#folder, name)}: missing "# graph <IRI>" header line; the file was not written by Symphony — move it out of the data directory`, { file: join(this.#folder, name) })
      }
      return { graph: header[1]!, nquads: text.slice(header[0].length) }
    }))
  }

  /** Writes and deletes graphs, all or nothing, durably. */
  async write (writes: readonly GraphFile[], deletes: readonly string[] = []): Promise<void> {
    const renames: Array<[string, string]> = []
    for (const { graph, nquads } of writes) {
      const target = this.#fileOf(graph)
      const temporary = `${target}.tmp`
      await writeDurably(temporary, `# graph <${graph}>\n${nquads}`)
      renames.push([temporary, target])
    }
    const journal: Journal = { renames, deletes: deletes.map(graph => this.#fileOf(graph)) }
    await writeDurably(this.#journal, JSON.stringify(journal))
    await this.#apply(journal)
  }

  #fileOf (graph: string): string {
    return join(this.#folder, createHash('sha256').update(graph).digest('hex').slice(0, 32) + '.nq')
  }

  async #apply (journal: Journal): Promise<void> {
    for (const [from, to] of journal.renames) await rename(from, to).catch(ignoreMissing)
    for (const file of journal.deletes) await rm(file, { force: true })
    await syncFolder(this.#folder)
    await rm(this.#journal, { force: true })
  }

  async #recover (): Promise<void> {
    const text = await readFile(this.#journal, 'utf8').catch(ignoreMissing)
    if (text !== undefined) await this.#apply(JSON.parse(text) as Journal)
    for (const name of await readdir(this.#folder)) {
      if (name.endsWith('.tmp')) await rm(join(this.#folder, name), { force: true })
    }
  }
}

async function writeDurably (file: string, text: string): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncFolder (folder: string): Promise<void> {
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function ignoreMissing (error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined
  throw error
}
