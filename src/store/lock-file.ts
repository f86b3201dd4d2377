/**
 * Exclusive lock files: one writer per data directory (`<dataDir>/lock`, held while a server or
 * writing command has it open) and short locks around read-modify-write of small files
 * (`tokens.json.lock`).
 *
 * The lock file is written complete under a temporary name and then hard-linked into place, so
 * it exists only with its holder's pid, host and start time. A lock whose process is gone (same
 * host, pid not running) is stale and taken over; a lock of another host is never taken over.
 */
import { link, open, readFile, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'

/** Who holds a lock. */
export interface LockHolder {
  readonly pid: number
  readonly hostname: string
  /** ISO 8601 time the lock was taken. */
  readonly started: string
  /** What the holder runs, e.g. `serve` or `import`. */
  readonly command: string
}

/** Lock files this process holds: a second open in the same process is a second writer too. */
const heldHere = new Set<string>()

export interface HeldLock {
  readonly file: string
  /** Removes the lock file; safe to call twice. */
  release (): Promise<void>
}

/**
 * Takes the lock `file`, or throws `DATA_DIR_LOCKED` naming the holder. With `waitMs`, a held
 * lock is retried until then (for locks held only for a moment).
 */
export async function acquireLock (file: string, options: { command: string, waitMs?: number, advice: (holder: LockHolder) => ErrorMessages }): Promise<HeldLock> {
  const me: LockHolder = { pid: process.pid, hostname: hostname(), started: new Date().toISOString(), command: options.command }
  const deadline = Date.now() + (options.waitMs ?? 0)
  for (let attempt = 0; ; attempt++) {
    const holder = heldHere.has(file) ? me : await tryCreate(file, me)
    if (holder === 'taken') break
    if (holder === undefined) {
      // The lock file vanished or cannot be read: retry a few times, then name it.
      if (attempt < 20) continue
      throw new SymphonyError('DATA_DIR_LOCKED', {
        en: `${file}: the lock file cannot be read; if no Symphony process uses this directory, remove it`,
        de: `${file}: die Sperrdatei kann nicht gelesen werden; wenn kein Symphony-Prozess dieses Verzeichnis nutzt, entfernen Sie sie`
      }, { file })
    }
    if (!heldHere.has(file) && isStale(holder)) {
      // Remove only the stale file we read: a fresh lock taken meanwhile has other content.
      const again = await readHolder(file)
      if (again !== undefined && sameHolder(again, holder)) await rm(file, { force: true })
      continue
    }
    if (Date.now() >= deadline) {
      const advice = options.advice(holder)
      throw new SymphonyError('DATA_DIR_LOCKED', { en: `${file}: ${advice.en}`, de: `${file}: ${advice.de}` }, { file, details: { holder } })
    }
    await new Promise(resolve => setTimeout(resolve, Math.min(50 * (attempt + 1), 250)))
  }
  heldHere.add(file)
  let released = false
  return {
    file,
    async release () {
      if (released) return
      released = true
      heldHere.delete(file)
      await rm(file, { force: true })
    }
  }
}

/** The holder of a lock file, or `undefined` when there is none (or it is unreadable). */
export async function readHolder (file: string): Promise<LockHolder | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return undefined
    return { pid: parsed.pid, hostname: parsed.hostname, started: String(parsed.started ?? ''), command: String(parsed.command ?? '') }
  } catch {
    return undefined
  }
}

/**
 * Creates the lock file with `me` in it: `taken`, or the current holder when it exists already
 * (`undefined` when that cannot be read).
 */
async function tryCreate (file: string, me: LockHolder): Promise<LockHolder | 'taken' | undefined> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  const handle = await open(temporary, 'wx', 0o644)
  try {
    await handle.writeFile(JSON.stringify(me) + '\n')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await link(temporary, file)
    return 'taken'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return await readHolder(file)
  } finally {
    await rm(temporary, { force: true })
  }
}

function isStale (holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false
  // This process does not hold it (checked before), so a lock with our pid is left by an earlier
  // process that had the same pid (containers restart as pid 1).
  if (holder.pid === process.pid) return true
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

function sameHolder (a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.hostname === b.hostname && a.started === b.started
}
