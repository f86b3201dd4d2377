/** "Does A fit B": the pairwise check, both directions, with an explanation per requirement. */
import type { Catalog, Service } from '../catalog/index.js'
import { bestProvider, type RequirementResult } from './best-provider.js'
import { degreeRank } from './degree.js'
import { requireService } from './request.js'
import { say } from './texts.js'
import type { Degree, Texts } from './types.js'
import { catalogNamer, type Namer } from './writer.js'

/** One direction of a pair: how the provider's interfaces meet the consumer's requirements. */
export interface PairDirection {
  /** The service whose `sym:provides` are matched. */
  readonly provider: string
  /** The service whose `sym:requires` and `sym:optionallyRequires` are matched. */
  readonly consumer: string
  /** Every requirement of the consumer, mandatory ones first (each group by interface id). */
  readonly requirements: readonly RequirementResult[]
  /** The best degree over the requirements (`fail` when none is satisfied). */
  readonly degree: Degree
  /** Does the provider alone satisfy every mandatory requirement of the consumer? */
  readonly complete: boolean
  /** The direction in a sentence, in the answer's language (English unless asked otherwise). */
  readonly message: string
  /** The direction in a sentence, in every language. */
  readonly messages: Texts
}

/** The answer to "does A fit B". */
export interface PairCheck {
  readonly a: string
  readonly b: string
  /** True when at least one requirement of either is satisfied by the other (a link exists). */
  readonly ok: boolean
  /** The best link degree in either direction; `fail` when there is no link. */
  readonly degree: Degree
  /** `a` providing for `b`, then `b` providing for `a`. */
  readonly directions: readonly [PairDirection, PairDirection]
  /** The verdict in a sentence, in the answer's language (English unless asked otherwise). */
  readonly message: string
  /** The verdict in a sentence, in every language. */
  readonly messages: Texts
}

/**
 * Checks whether two services can be combined, in both directions: for each requirement
 * (optional ones marked) the best interface of the other service, its degree and class path,
 * or what is missing and what would fix it. Every sentence is in English and German and names
 * things by their catalog labels. Throws `UNKNOWN_SERVICE` for an unknown IRI.
 *
 * @example canCombine(catalog, ex + 'AcmePBX', ex + 'AcmeCRM').directions[1].requirements[0].degree // 'plugin'
 */
export function canCombine (catalog: Catalog, a: string, b: string): PairCheck {
  const first = requireService(catalog, a)
  const second = requireService(catalog, b)
  const namer = catalogNamer(catalog)
  const directions = [direction(catalog, first, second, namer), direction(catalog, second, first, namer)] as const
  const degree = degreeRank[directions[0].degree] <= degreeRank[directions[1].degree] ? directions[0].degree : directions[1].degree
  const messages = degree === 'fail' ? say('PAIR_NOT_COMBINABLE', { a, b }, namer) : say('PAIR_COMBINABLE', { a, b, degree }, namer)
  return { a, b, ok: degree !== 'fail', degree, directions, message: messages.en, messages }
}

function direction (catalog: Catalog, provider: Service, consumer: Service, namer: Namer): PairDirection {
  const requirements = [...consumer.requires, ...consumer.optionallyRequires]
    .map(required => bestProvider(required, provider.provides, catalog.hierarchy, provider.id, namer))
  let degree: Degree = 'fail'
  for (const result of requirements) if (degreeRank[result.degree] < degreeRank[degree]) degree = result.degree
  const complete = requirements.every(result => result.optional || result.degree !== 'fail')
  const messages = say('DIRECTION', { provider: provider.id, consumer: consumer.id, degree, complete, requirements: requirements.length }, namer)
  return { provider: provider.id, consumer: consumer.id, requirements, degree, complete, message: messages.en, messages }
}
