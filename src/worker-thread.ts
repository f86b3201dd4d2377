/**
 * Starts a worker thread on a module of this folder. Compiled, the module is plain JavaScript;
 * from TypeScript sources (tsx, vitest) the thread first registers tsx's loader, since a worker
 * does not inherit the TypeScript loaders of its parent.
 */
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** A worker running the module at `url` (a `file:` URL ending in `.js` or `.ts`). */
export function startWorker (url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url)
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx')), 'esm', 'api', 'index.mjs')).href
  const source = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(source, { eval: true })
}

/** The URL of a sibling module of this folder, with the extension this folder runs under. */
export function siblingModule (name: string): URL {
  return new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)
}
