/**
 * The size and time budgets of a composition. The operator sets them (`symphony serve` flags
 * and environment, `symphony compose` flags, `ComposeOptions`); a request may lower them (its
 * `maxStates`, `maxModelEntries`, `timeoutMs`) but never raise them: a request's value above
 * the operator's is lowered to it.
 */
import { defaultTimeoutMs, maxTimeoutMs } from './resolve-request.js'

/** The operator's budgets; each absent one is its default. */
export interface ComposeLimits {
  /**
   * States a best-first search keeps at most (default 300,000), which bounds its memory: a
   * search that reaches it answers with what it found and `SEARCH_CUT`.
   */
  readonly maxStates?: number
  /**
   * Coefficients the integer program may have at most (default 2,000,000): a larger one is
   * not built; the request is searched best-first instead and answers with `SEARCH_CUT`.
   */
  readonly maxModelEntries?: number
  /** The longest time budget a request may have, in milliseconds (default and most: 60,000). */
  readonly maxTimeoutMs?: number
}

/** Defaults of the size budgets. */
export const defaultMaxStates = 300_000
export const defaultMaxModelEntries = 2_000_000

/**
 * What an operator may set each budget to: the size budgets up to ten times their default
 * (beyond that one search may need gigabytes), the time budget up to a request's own maximum.
 */
export const composeLimitRanges: Readonly<Record<keyof ComposeLimits, { readonly min: number, readonly max: number }>> = {
  maxStates: { min: 1, max: 10 * defaultMaxStates },
  maxModelEntries: { min: 1, max: 10 * defaultMaxModelEntries },
  maxTimeoutMs: { min: 1, max: maxTimeoutMs }
}

/** The budgets a request runs under. */
export interface EffectiveLimits {
  readonly maxStates: number
  readonly maxModelEntries: number
  readonly timeoutMs: number
}

/** The operator's budgets (or the defaults), lowered by the request's own. */
export function effectiveLimits (request: { readonly maxStates?: number, readonly maxModelEntries?: number, readonly timeoutMs?: number }, limits: ComposeLimits = {}): EffectiveLimits {
  return {
    maxStates: Math.min(limits.maxStates ?? defaultMaxStates, request.maxStates ?? Infinity),
    maxModelEntries: Math.min(limits.maxModelEntries ?? defaultMaxModelEntries, request.maxModelEntries ?? Infinity),
    timeoutMs: Math.min(limits.maxTimeoutMs ?? maxTimeoutMs, request.timeoutMs ?? defaultTimeoutMs)
  }
}

/** The tighter of two sets of budgets, each budget on its own. */
export function tighterLimits (a: ComposeLimits, b: ComposeLimits): ComposeLimits {
  const pick = (key: keyof ComposeLimits): Partial<ComposeLimits> => {
    const values = [a[key], b[key]].filter((v): v is number => v !== undefined)
    return values.length === 0 ? {} : { [key]: Math.min(...values) }
  }
  return { ...pick('maxStates'), ...pick('maxModelEntries'), ...pick('maxTimeoutMs') }
}
