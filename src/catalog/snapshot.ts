/**
 * The compiled catalog kept next to the data directory's graphs (`<data-dir>/catalog.snapshot`),
 * so a start over an unchanged store reads the catalog instead of reasoning over every graph
 * again. The file holds the catalog's slices (`catalogSlices`, as a compile thread posts them)
 * in the compact encoding of `compact-codec.ts` (every distinct string once, in a string table,
 * then referred to by number), behind a header with the key it was compiled for (the store's
 * content, the inference rules, the compiler's code) and a SHA-256 checksum of the slices.
 *
 * A snapshot for another key, or of another version of the format, is stale and not read; one
 * whose checksum or framing does not hold is corrupt and not read either (the caller is told
 * why, to warn). It is written to a temporary file that is renamed over the old one, so an
 * interrupted write leaves the old snapshot or none.
 */
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Rule } from '../reasoner/index.js'
import { nextTurn, SliceClock } from '../turns.js'
import type { ErrorMessages } from '../errors.js'
import { CompactDecoder, CompactEncoder, noValue, type Uncodable } from './compact-codec.js'
import { CatalogAssembler, type CatalogSlice } from './transfer.js'
import type { Catalog } from './types.js'

/** What every version of the format starts with. */
const signature = 'SYMPHONY-CATALOG-SNAPSHOT '

/**
 * The file's first bytes; the number is the format's version (1: V8 serialization of each slice;
 * 2: the compact encoding with every object written at each occurrence; 3: shared objects once).
 */
const magic = Buffer.from(`${signature}3\n`)

/**
 * Every slice type is made of what the compact encoding writes and reads back as it is: a field
 * of another kind (a function, a class instance) added to a slice makes this a type error.
 */
const slicesAreEncodable: [Uncodable<CatalogSlice>] extends [never] ? true : false = true
void slicesAreEncodable

/** Bytes hashed between two looks at the clock when checking a snapshot (a fraction of a millisecond). */
const hashChunk = 256 << 10

/** The snapshot of a data directory. */
export function snapshotFileOf (dataDir: string): string {
  return join(dataDir, 'catalog.snapshot')
}

/**
 * The key a snapshot is valid for: the digest of the store's public content, the extra inference
 * rules (the built-in ones are part of the code; stored ones part of the content) and the code
 * that compiles catalogs.
 */
export function snapshotKey (contentDigest: string, rules: readonly Rule[]): string {
  return createHash('sha256').update(JSON.stringify({ format: magic.toString().trim(), code: codeDigest(), rules, content: contentDigest })).digest('hex')
}

let code: string | undefined

/**
 * A digest of the modules and rule files that turn quads into a catalog (this folder, the
 * reasoner with its built-in rules, the catalog thread) and the package's version: a snapshot
 * compiled by other code is stale.
 */
export function codeDigest (): string {
  if (code !== undefined) return code
  const hash = createHash('sha256')
  const here = dirname(fileURLToPath(import.meta.url))
  const root = dirname(here)
  for (const folder of ['catalog', 'catalog-thread', 'reasoner']) hashFolder(hash, join(root, folder))
  const manifest = join(dirname(root), 'package.json')
  if (existsSync(manifest)) hash.update(readFileSync(manifest))
  return (code = hash.digest('hex'))
}

function hashFolder (hash: ReturnType<typeof createHash>, folder: string): void {
  let entries: Array<{ name: string, isDirectory: () => boolean }>
  try {
    entries = readdirSync(folder, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) hashFolder(hash, path)
    else if (/\.(?:ts|js|rq)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(path))
  }
}

/**
 * Writes the slices as the snapshot for `key`: to a temporary file, flushed, then renamed over
 * the old one. The objects in `shared` (`CatalogParts.shared` of the parts the slices are of) are
 * written once each and read back as one object; it is not optional, since a snapshot written
 * without it is valid but larger, and reads those objects back apart.
 */
export async function writeSnapshot (file: string, key: string, slices: Iterable<CatalogSlice>, shared: ReadonlySet<object>): Promise<void> {
  const frames: Buffer[] = []
  const checksum = createHash('sha256')
  const encoder = new CompactEncoder({ shared })
  for (const slice of slices) {
    for (const body of encoder.encode(slice)) {
      const length = Buffer.alloc(4)
      length.writeUInt32LE(body.length)
      checksum.update(length).update(body)
      frames.push(length, body)
    }
  }
  const header = Buffer.from(JSON.stringify({ key, sha256: checksum.digest('hex'), frames: frames.length / 2 }) + '\n')
  const headerLength = Buffer.alloc(4)
  headerLength.writeUInt32LE(header.length)
  const temporary = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`)
  const handle = await open(temporary, 'w')
  try {
    await handle.writev([magic, headerLength, header, ...frames])
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temporary, { force: true })
    throw error
  }
  await handle.close()
  try {
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Temporary files an interrupted write left beside the snapshot; removed by a writer. */
export async function removeSnapshotLeftovers (file: string): Promise<void> {
  const prefix = `.${basename(file)}.`
  const names = await readdir(dirname(file)).catch(() => [] as string[])
  await Promise.all(names.filter(name => name.startsWith(prefix) && name.endsWith('.tmp')).map(name => rm(join(dirname(file), name), { force: true })))
}

/** What reading a snapshot found. */
export type SnapshotRead =
  | { readonly status: 'loaded', readonly catalog: Catalog }
  | { readonly status: 'missing' }
  | { readonly status: 'stale' }
  | { readonly status: 'corrupt', readonly reason: ErrorMessages }

/**
 * Reads the snapshot when it was written for `key` and is intact: checks, decodes and indexes
 * it in slices of a few milliseconds (`SliceClock`), with a turn of the event loop between
 * them, a frame's decoding and indexing resumed where a slice stopped. Never throws: a missing,
 * stale or corrupt snapshot is reported as such (the caller compiles instead).
 */
export async function readSnapshot (file: string, key: string): Promise<SnapshotRead> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch {
    return { status: 'missing' }
  }
  const corrupt = (en: string, de: string): SnapshotRead => ({ status: 'corrupt', reason: { en: `${file}: ${en}`, de: `${file}: ${de}` } })
  if (bytes.length < magic.length + 4 || !bytes.subarray(0, magic.length).equals(magic)) {
    // Another version of the format: written by other code, as stale as one for another key.
    if (bytes.subarray(0, signature.length).toString('latin1') === signature) return { status: 'stale' }
    return corrupt('not a catalog snapshot of this format (its first bytes differ)', 'kein Katalog-Snapshot dieses Formats (die ersten Bytes weichen ab)')
  }
  const headerLength = bytes.readUInt32LE(magic.length)
  const bodyStart = magic.length + 4 + headerLength
  let header: { key?: unknown, sha256?: unknown, frames?: unknown }
  try {
    if (bodyStart > bytes.length) throw new Error('short')
    header = JSON.parse(bytes.subarray(magic.length + 4, bodyStart).toString('utf8')) as typeof header
  } catch {
    return corrupt('its header is cut off or unreadable', 'sein Kopf ist abgeschnitten oder unlesbar')
  }
  if (header.key !== key) return { status: 'stale' }
  const body = bytes.subarray(bodyStart)
  // Every step below runs in slices of a few milliseconds, with a turn of the event loop between them.
  const clock = new SliceClock()
  const checksum = createHash('sha256')
  for (let start = 0; start < body.length; start += hashChunk) {
    if (clock.over()) {
      await nextTurn()
      clock.start()
    }
    checksum.update(body.subarray(start, start + hashChunk))
  }
  if (checksum.digest('hex') !== header.sha256) {
    return corrupt('its checksum does not match its content (cut off or damaged)', 'seine Prüfsumme passt nicht zum Inhalt (abgeschnitten oder beschädigt)')
  }
  const assembler = new CatalogAssembler()
  const decoder = new CompactDecoder()
  try {
    let offset = 0
    let frames = 0
    while (offset < body.length) {
      const length = body.readUInt32LE(offset)
      if (offset + 4 + length > body.length) throw new Error('a slice runs past the end of the file')
      const decoding = decoder.steps(body.subarray(offset + 4, offset + 4 + length), clock)
      let decoded = decoding.next()
      while (decoded.done !== true) {
        await nextTurn()
        decoded = decoding.next()
      }
      const slice = decoded.value
      if (slice !== noValue) {
        const steps = assembler.steps(slice as CatalogSlice, clock)
        while (steps.next().done !== true) await nextTurn()
      }
      offset += 4 + length
      frames++
    }
    if (frames !== header.frames) throw new Error(`${frames} slices instead of ${String(header.frames)}`)
    return { status: 'loaded', catalog: assembler.catalog() }
  } catch (error) {
    const reason = (error as Error).message
    return corrupt(`its slices do not make a catalog (${reason})`, `seine Teile ergeben keinen Katalog (${reason})`)
  }
}
