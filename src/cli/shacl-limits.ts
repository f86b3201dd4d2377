/**
 * The limits of SHACL-SPARQL queries as options of the commands that validate (`serve`,
 * `validate`, `configure`, `publish`, `vocabulary`), each falling back to its environment
 * variable and then to the default.
 */
import { defaultSparqlLimits, sparqlLimitOptions, sparqlLimitsOf, sparqlLimitVariables, type SparqlLimits } from '../shacl/index.js'
import type { OptionSpecs, OptionValues } from './command.js'
import type { Io } from './io.js'

/** `--shacl-sparql-timeout-ms` and `--shacl-sparql-max-rows`, with their help. */
export const shaclLimitOptions: OptionSpecs = {
  [sparqlLimitOptions.timeoutMs]: {
    type: 'string',
    help: {
      value: '<ms>',
      text: {
        en: 'how long one query of a SHACL-SPARQL constraint may run (per focus node), in milliseconds',
        de: 'wie lange eine Abfrage einer SHACL-SPARQL-Bedingung laufen darf (je Fokusknoten), in Millisekunden'
      },
      default: { en: `$${sparqlLimitVariables.timeoutMs}, else ${defaultSparqlLimits.timeoutMs}`, de: `$${sparqlLimitVariables.timeoutMs}, sonst ${defaultSparqlLimits.timeoutMs}` }
    }
  },
  [sparqlLimitOptions.maxRows]: {
    type: 'string',
    help: {
      value: '<n>',
      text: {
        en: 'the most rows one query of a SHACL-SPARQL constraint may answer (each row is a validation result)',
        de: 'die meisten Zeilen, die eine Abfrage einer SHACL-SPARQL-Bedingung liefern darf (jede Zeile ist ein Validierungsergebnis)'
      },
      default: { en: `$${sparqlLimitVariables.maxRows}, else ${defaultSparqlLimits.maxRows}`, de: `$${sparqlLimitVariables.maxRows}, sonst ${defaultSparqlLimits.maxRows}` }
    }
  }
}

/** The limits given as options, else in the command's environment, else the defaults. */
export function shaclLimitsOf (values: OptionValues, io: Io): SparqlLimits {
  return sparqlLimitsOf(io.env, values)
}
