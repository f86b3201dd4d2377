/**
 * "Combinable with X" in one language: every link's `message` is its sentence in that language,
 * whichever language the answer handed in was written in.
 */
import { describe, expect, test } from 'vitest'
import { compileCatalog } from '../../src/catalog/index.js'
import { combinableInLanguage, combinableWith } from '../../src/matcher/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'

describe('combinableInLanguage', () => {
  test('gives each link its sentence in the asked language, also for an answer already in another', async () => {
    const generated = generateCatalog(60, { classes: 12 })
    const catalog = compileCatalog(await parseRdf(generated.ntriples, { format: 'n-triples' }))
    const answer = combinableWith(catalog, generated.services[0]!, { limit: 5 })
    const links = answer.flatMap(c => c.links)
    expect(links.length).toBeGreaterThan(1)
    const messages = (results: ReturnType<typeof combinableInLanguage>, language: 'en' | 'de'): void => {
      for (const link of results.flatMap(c => c.links)) expect(link.message).toBe(link.messages[language])
    }
    const english = combinableInLanguage(answer, 'en')
    messages(english, 'en')
    expect(english).toEqual(answer)
    const german = combinableInLanguage(answer, 'de-AT')
    messages(german, 'de')
    expect(links.some(link => link.messages.de !== link.messages.en)).toBe(true)
    messages(combinableInLanguage(german, 'en'), 'en')
    // The answer handed in is left as it was.
    messages(answer, 'en')
  })
})
