/**
 * Starts a worker thread on a module of the project. Compiled, the module is plain JavaScript;
 * from TypeScript sources (tsx, vitest) the thread first registers tsx's loader, since a worker
 * does not inherit the TypeScript loaders of its parent.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** A worker running the module at `url` (a `file:` URL ending in `.js` or `.ts`). */
export function startWorker (url: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options)
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx')), 'esm', 'api', 'index.mjs')).href
  const source = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(source, { ...options, eval: true })
}

/**
 * The URL of the module `name` in the folder of the module at `base` (its `import.meta.url`),
 * with the extension that module runs under.
 */
export function moduleBeside (base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base)
}
