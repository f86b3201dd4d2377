/**
 * The composer: top-k minimal bundles of catalog services for a goal,
 * under constraints, ranked by preference weights and explained.
 */
export { compose, catalogMatcher } from './compose.js'
export { loadSolver } from './solver/highs-runtime.js'
export { composeWith, type ComposeOptions } from './compose-with.js'
export { composeLimitRanges, defaultMaxModelEntries, defaultMaxStates, effectiveLimits, tighterLimits, type ComposeLimits, type EffectiveLimits } from './limits.js'
export { parseCompositionRequest, checkRequestValues } from './parse-request.js'
export { formatBundleText, type FormatTextOptions } from './format-text.js'
export { inLanguage } from './localize.js'
export { textCodes, say, localNamer, type TextCode, type Language } from './texts.js'
export type { LinkMatcher, LinkMatch } from './link-match.js'
export type * from './types.js'
