/** Configuration forms: `symphony form` and `symphony configure`. */
import { formToTypeScript } from '../../forms/index.js'
import type { Json } from '../../forms/index.js'
import type { Engine, FormPrefill, FormTarget } from '../../engine.js'
import { SymphonyError } from '../../errors.js'
import { serializeRdf } from '../../rdf/index.js'
import type { Command, OptionSpec, OptionValues } from '../command.js'
import { oneFormat } from '../command.js'
import { openForReading, withEngine } from '../context.js'
import { shaclLimitOptions } from '../shacl-limits.js'
import { iriArgument } from '../iri-argument.js'
import { languageOf } from '../language.js'
import { printJson, readJsonOption } from '../output.js'

/** One IRI: a service when the catalog has it, else a service type; several IRIs (or --bundle): a bundle of services. */
async function targetOf (engine: Engine, positionals: readonly string[], values: OptionValues): Promise<FormTarget> {
  const iris = positionals.map(iriArgument)
  if (iris.length > 1 || values.bundle === true) return { bundle: { services: iris } }
  const iri = iris[0]!
  return (await engine.catalog()).services.has(iri) ? { service: iri } : { type: iri }
}

/** `--bundle`: one bundle even of a single service. */
const bundleOption = {
  type: 'boolean',
  help: {
    text: {
      en: 'the IRIs name one bundle of services, even when only one is given (several IRIs always do)',
      de: 'die IRIs nennen ein Bündel von Diensten, auch wenn nur eine angegeben ist (mehrere immer)'
    }
  }
} as const satisfies OptionSpec

export const formCommand: Command = {
  summary: {
    en: 'the configuration form (JSON Schema + UI schema) of a service type, a service, or a bundle of services',
    de: 'das Konfigurationsformular (JSON Schema + UI-Schema) eines Diensttyps, eines Dienstes oder eines Bündels von Diensten'
  },
  usage: '<type-or-service>… [--bundle] [--lang de] [--types] [--prefill <values-by-property.json>]',
  common: { format: oneFormat },
  positionals: { min: 1 },
  options: {
    bundle: bundleOption,
    types: {
      type: 'boolean',
      help: { text: { en: 'print the TypeScript type of the configuration instead of the form', de: 'den TypeScript-Typ der Konfiguration statt des Formulars ausgeben' } }
    },
    prefill: {
      type: 'string',
      help: {
        value: '<values-by-property.json>',
        text: {
          en: 'a JSON object of values by property IRI that the form starts with',
          de: 'ein JSON-Objekt mit Werten je Eigenschafts-IRI, mit denen das Formular beginnt'
        }
      }
    }
  },
  async run ({ values, positionals }, io) {
    const prefill = values.prefill === undefined ? undefined : await readJsonOption(values, 'prefill', io)
    if (prefill !== undefined && (typeof prefill !== 'object' || prefill === null || Array.isArray(prefill))) {
      throw new SymphonyError('INVALID_REQUEST', {
        en: '--prefill must name a JSON object of values by property IRI, e.g. {"https://w3id.org/symphony/ontology#seatCount": 12}',
        de: '--prefill muss ein JSON-Objekt mit Werten nach Eigenschafts-IRI nennen, z. B. {"https://w3id.org/symphony/ontology#seatCount": 12}'
      })
    }
    return withEngine(await openForReading(values, io), async engine => {
      const form = await engine.form(await targetOf(engine, positionals, values), { language: languageOf(values, io), ...(prefill === undefined ? {} : { prefill: prefill as FormPrefill }) })
      if (values.types === true) io.stdout(await formToTypeScript(form, 'Configuration'))
      else printJson(io, { schema: form.schema, uiSchema: form.uiSchema })
      return 0
    })
  }
}

export const configureCommand: Command = {
  summary: {
    en: 'check configuration values against the form (ajv, then SHACL); print the RDF, or the errors per field (exit 1)',
    de: 'Konfigurationswerte gegen das Formular prüfen (ajv, dann SHACL); das RDF ausgeben oder die Fehler je Feld (Exit 1)'
  },
  usage: '<type-or-service>… [--bundle] --values <values.json> [--lang de]',
  common: { format: oneFormat },
  positionals: { min: 1 },
  options: {
    ...shaclLimitOptions,
    bundle: bundleOption,
    values: {
      type: 'string',
      help: {
        value: '<values.json>',
        text: { en: 'the configuration values to check, as the form\'s JSON Schema describes them (required)', de: 'die zu prüfenden Konfigurationswerte, wie das JSON Schema des Formulars sie beschreibt (nötig)' }
      }
    }
  },
  async run ({ values, positionals }, io) {
    const submitted = await readJsonOption(values, 'values', io) as Json
    return withEngine(await openForReading(values, io), async engine => {
      const outcome = await engine.configure(await targetOf(engine, positionals, values), submitted, { language: languageOf(values, io), dryRun: true })
      if (!outcome.ok) {
        printJson(io, { issues: outcome.issues })
        return 1
      }
      io.stdout(await serializeRdf(outcome.quads, 'turtle'))
      return 0
    })
  }
}
