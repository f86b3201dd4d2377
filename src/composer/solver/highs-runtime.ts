/**
 * The integer-programming solver the composer proves its bundles optimal with: HiGHS,
 * compiled to WebAssembly (`highs`). Loading compiles the WebAssembly module once per
 * process (or worker); solving is synchronous afterwards.
 */
import highsModule, { type Highs } from 'highs'
import { SymphonyError } from '../../errors.js'

type Loader = typeof highsModule.default
/** The package's types describe its CommonJS face; the ES module's default export is the loader itself. */
const highsLoader: Loader = typeof highsModule === 'function' ? highsModule as unknown as Loader : highsModule.default

let runtime: Highs | undefined
let loading: Promise<Highs> | undefined

/** Loads the solver once; later calls return at once. */
export async function loadSolver (): Promise<void> {
  if (runtime !== undefined) return
  loading ??= highsLoader()
  runtime = await loading
}

/** The loaded solver; `loadSolver()` must have completed. */
export function solverRuntime (): Highs {
  if (runtime === undefined) {
    throw new SymphonyError('INTERNAL', {
      en: 'the composition solver is not loaded yet: await loadSolver() (or use engine.compose) before composing',
      de: 'der Löser für Zusammenstellungen ist noch nicht geladen: warten Sie vor dem Zusammenstellen auf loadSolver() (oder verwenden Sie engine.compose)'
    })
  }
  return runtime
}
