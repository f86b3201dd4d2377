/** Where the matching rule files are: `readRules(matchingRulesFolder, { queryType: 'SELECT' })`. */
import { fileURLToPath } from 'node:url'

/** The SPARQL files stating the matching semantics the compiled matcher implements. */
export const matchingRulesFolder: string = fileURLToPath(new URL('./rules/', import.meta.url))
