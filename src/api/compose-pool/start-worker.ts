/** Worker threads of this folder (see `src/worker-thread.ts`). */
import { moduleBeside } from '../../worker-thread.js'

export { startWorker } from '../../worker-thread.js'

/** The URL of a sibling module of this folder, with the extension this folder runs under. */
export function siblingModule (name: string): URL {
  return moduleBeside(import.meta.url, name)
}
