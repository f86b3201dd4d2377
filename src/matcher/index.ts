/** The matcher: degrees of match, pairwise checks, "combinable with", discovery, request checks. */
export type * from './types.js'
export { matchInterface } from './match-interface.js'
export { matchTypes, typeMatch, bestTypeMatch, effectiveTypes, degreeRank, type TypesCover } from './degree.js'
export { canCombine, type PairCheck, type PairDirection } from './can-combine.js'
export type { RequirementResult } from './best-provider.js'
export { combinableWith, type CombinableOptions, type Combinable, type Link } from './combinable-with.js'
export {
  discover, discoverInSlices, checkDiscoveryRequest, type DiscoveryAnswer, type DiscoveryResult, type DiscoveryExplanation, type WantedExplanation,
  type RequirementExplanation
} from './discover.js'
export { prepareDiscovery } from './discovery-index.js'
export {
  validateDiscoveryRequest, validateIriList, validateLimit, validateOffset, requireKnownClasses, requireService, defaultLimit, maxLimit,
  type DiscoveryRequest
} from './request.js'
export { score } from './score.js'
export { shortName, oneOf, allOf } from './names.js'
export { matchingRulesFolder } from './rules-folder.js'
export { bundleLinks, type BundleMemberLink } from './bundle-links.js'
export { pairCheckInLanguage, combinableInLanguage, discoveryInLanguage } from './localize.js'
export { issueTextCodes, matchTextCodes, type IssueTextCode, type MatchTextCode } from './texts.js'
export {
  languageOf, languages, catalogNamer, localNamer, moneyText, writerFor, type Language, type Namer, type Texts, type Writer
} from './writer.js'
