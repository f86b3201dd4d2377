/**
 * Durable graph files: one N-Quads file per named graph in `<dataDir>/graphs/`.
 *
 * A write of several graphs is all or nothing: new contents go to fsync'd temporary files,
 * then a journal listing the renames is fsync'd, then the renames run. A crash before the
 * journal is written leaves the old state; after it, opening the directory finishes the job.
 * The journal itself is written under a temporary name and renamed into place, so it is either
 * complete or absent; one that cannot be parsed anyway (damaged on disk) is set aside and its
 * write dropped, since the renames it lists cannot be trusted.
 *
 * Only a writer (holding the data directory's lock) recovers. A reader takes a snapshot of what
 * the last committed journal says without touching any file, and retries when the folder changed
 * while it read.
 */
import { createHash } from 'node:crypto'
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { SymphonyError, type ErrorMessages } from '../errors.js'
import { graphFileHeader, splitGraphFile } from './graph-file-header.js'

interface Journal {
  readonly renames: ReadonlyArray<readonly [string, string]>
  readonly deletes: readonly string[]
}

/** A graph to write. */
export interface GraphFile {
  readonly graph: string
  /** The N-Quads text's UTF-8 bytes in chunks, every quad in `graph`: encoded once, hashed and written as they are. */
  readonly bytes: readonly Uint8Array[]
}

/** A graph as stored, not decoded: its text is parsed when first read. */
export interface StoredGraphFile {
  readonly graph: string
  /** The N-Quads text's UTF-8 bytes (after the header line), every quad in `graph`. */
  readonly bytes: Buffer
  /** The file they were read from (header line first). */
  readonly file: string
}

export class GraphFiles {
  readonly #dataDir: string
  readonly #folder: string
  readonly #journal: string
  /** What opening had to repair, in English and German, for the caller to tell the operator. */
  readonly notices: ErrorMessages[] = []

  private constructor (dataDir: string) {
    this.#dataDir = dataDir
    this.#folder = join(dataDir, 'graphs')
    this.#journal = join(dataDir, 'journal.json')
  }

  /**
   * Opens (creating if needed) the graph folder of a data directory and finishes an interrupted
   * write. Only for the process holding the directory's lock.
   */
  static async open (dataDir: string): Promise<GraphFiles> {
    const files = new GraphFiles(dataDir)
    try {
      await mkdir(files.#folder, { recursive: true })
      await files.#recover()
    } catch (error) {
      if (error instanceof SymphonyError) throw error
      const reason = (error as Error).message
      throw new SymphonyError('STORE_ERROR', {
        en: `${dataDir}: cannot open the data directory (${reason}); check it exists and is writable, or pass another --data-dir`,
        de: `${dataDir}: das Datenverzeichnis kann nicht geöffnet werden (${reason}); prüfen Sie, ob es existiert und beschreibbar ist, oder geben Sie ein anderes --data-dir an`
      }, { file: dataDir, cause: error })
    }
    return files
  }

  /**
   * Every graph as the last committed write left it, read without changing any file (another
   * process may be writing): pending renames of a committed journal are read from their
   * temporary files, and the read is repeated when the folder changed meanwhile.
   */
  static async snapshot (dataDir: string): Promise<StoredGraphFile[]> {
    const files = new GraphFiles(dataDir)
    for (let attempt = 0; ; attempt++) {
      const before = await files.#stamp()
      try {
        const journal = parseJournal(await readFile(files.#journal, 'utf8').catch(ignoreMissing), files.#folder)
        const pending = new Map((journal?.renames ?? []).map(([from, to]) => [to, from]))
        const deleted = new Set(journal?.deletes ?? [])
        const names = await readdir(files.#folder).catch(ignoreMissing) ?? []
        const targets = new Set(names.filter(name => name.endsWith('.nq')).map(name => join(files.#folder, name)))
        for (const to of pending.keys()) targets.add(to)
        const read = await Promise.all([...targets].filter(file => !deleted.has(file)).sort()
          .map(async file => {
            const temporary = pending.get(file)
            // A pending rename that already ran left its content under the target name.
            return temporary === undefined ? files.#readGraphFile(file) : files.#readGraphFile(temporary).catch(async (error: NodeJS.ErrnoException) => {
              if (error.code === 'ENOENT') return files.#readGraphFile(file)
              throw error
            })
          }))
        if (await files.#stamp() === before) return read
      } catch (error) {
        // A file renamed or removed under us: the writer moved on, read again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 50) throw error
      }
      if (attempt >= 50) {
        throw new SymphonyError('STORE_ERROR', {
          en: `${dataDir}: the data directory changed during 50 reads in a row; try again when the writer is less busy`,
          de: `${dataDir}: das Datenverzeichnis hat sich während 50 Lesevorgängen in Folge geändert; versuchen Sie es erneut, wenn der schreibende Prozess weniger ausgelastet ist`
        }, { file: dataDir })
      }
    }
  }

  /** Every stored graph with its N-Quads text's bytes. */
  async readAll (): Promise<StoredGraphFile[]> {
    const names = (await readdir(this.#folder)).filter(name => name.endsWith('.nq')).sort()
    return Promise.all(names.map(async name => this.#readGraphFile(join(this.#folder, name))))
  }

  async #readGraphFile (file: string): Promise<StoredGraphFile> {
    // Kept as bytes (outside the JavaScript heap): only the header line is decoded here.
    const bytes = await readFile(file)
    const parts = splitGraphFile(bytes)
    if (parts === undefined) {
      throw new SymphonyError('STORE_ERROR', {
        en: `${file}: missing "# graph <IRI>" header line; the file was not written by Symphony — move it out of the data directory`,
        de: `${file}: die Kopfzeile "# graph <IRI>" fehlt; die Datei wurde nicht von Symphony geschrieben — verschieben Sie sie aus dem Datenverzeichnis`
      }, { file })
    }
    return { graph: parts.graph, bytes: parts.text, file }
  }

  /** Changes with every file created, renamed or removed in the folder and with the journal. */
  async #stamp (): Promise<string> {
    const [folder, journal] = await Promise.all([
      stat(this.#folder, { bigint: true }).catch(() => undefined),
      stat(this.#journal, { bigint: true }).catch(() => undefined)
    ])
    return `${folder?.mtimeNs ?? '-'}:${folder?.ctimeNs ?? '-'}:${journal?.ino ?? '-'}:${journal?.mtimeNs ?? '-'}`
  }

  /** Writes and deletes graphs, all or nothing, durably. */
  async write (writes: readonly GraphFile[], deletes: readonly string[] = []): Promise<void> {
    const renames: Array<[string, string]> = []
    for (const { graph, bytes } of writes) {
      const target = this.#fileOf(graph)
      const temporary = `${target}.tmp`
      await writeDurably(temporary, [Buffer.from(graphFileHeader(graph), 'utf8'), ...bytes])
      renames.push([temporary, target])
    }
    const journal: Journal = { renames, deletes: deletes.map(graph => this.#fileOf(graph)) }
    // The rename makes the journal appear whole: this is the moment the write commits.
    await writeDurably(`${this.#journal}.tmp`, JSON.stringify(journal))
    await rename(`${this.#journal}.tmp`, this.#journal)
    await syncFolder(this.#dataDir)
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
    if (text !== undefined) {
      const journal = parseJournal(text, this.#folder)
      if (journal !== undefined) {
        await this.#apply(journal)
      } else {
        const aside = `${this.#journal}.damaged-${Date.now()}`
        await rename(this.#journal, aside)
        this.notices.push({
          en: `${this.#journal}: the journal of an interrupted write is damaged; that write was dropped and the graphs are as before it (journal kept as ${aside})`,
          de: `${this.#journal}: das Journal eines unterbrochenen Schreibvorgangs ist beschädigt; dieser Schreibvorgang wurde verworfen und die Graphen sind wie davor (Journal aufbewahrt als ${aside})`
        })
      }
    }
    await rm(`${this.#journal}.tmp`, { force: true })
    for (const name of await readdir(this.#folder)) {
      if (name.endsWith('.tmp')) await rm(join(this.#folder, name), { force: true })
    }
  }

}

/**
 * A journal's content with its files placed in `folder` (so a data directory that was moved
 * still recovers), or `undefined` when it is missing or not a journal of graph files.
 */
function parseJournal (text: string | undefined, folder: string): Journal | undefined {
  if (text === undefined) return undefined
  let parsed: Partial<Journal>
  try {
    parsed = JSON.parse(text) as Partial<Journal>
  } catch {
    return undefined
  }
  const place = (file: unknown, suffix: RegExp): string | undefined =>
    typeof file === 'string' && suffix.test(basename(file)) ? join(folder, basename(file)) : undefined
  if (!Array.isArray(parsed.renames) || !Array.isArray(parsed.deletes)) return undefined
  const renames: Array<[string, string]> = []
  for (const pair of parsed.renames as unknown[]) {
    const [from, to] = Array.isArray(pair) ? [place(pair[0], /^[0-9a-f]{32}\.nq\.tmp$/), place(pair[1], /^[0-9a-f]{32}\.nq$/)] : []
    if (from === undefined || to === undefined) return undefined
    renames.push([from, to])
  }
  const deletes = (parsed.deletes as unknown[]).map(file => place(file, /^[0-9a-f]{32}\.nq$/))
  if (deletes.some(file => file === undefined)) return undefined
  return { renames, deletes: deletes as string[] }
}

/** Writes `content` (text, or byte chunks one after the other) and flushes it to disk before returning. */
async function writeDurably (file: string, content: string | readonly Uint8Array[]): Promise<void> {
  const handle = await open(file, 'w')
  try {
    if (typeof content === 'string') await handle.writeFile(content)
    else for (const chunk of content) await handle.writeFile(chunk)
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
