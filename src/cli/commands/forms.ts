/** Configuration forms: `symphony form` and `symphony configure`. */
import { formToTypeScript } from '../../forms/index.js'
import type { Json } from '../../forms/index.js'
import type { Engine, FormPrefill, FormTarget } from '../../engine.js'
import { SymphonyError } from '../../errors.js'
import { serializeRdf } from '../../rdf/index.js'
import type { Command, OptionValues } from '../command.js'
import { openForReading, withEngine } from '../context.js'
import { iriArgument } from '../iri-argument.js'
import { printJson, readJsonOption } from '../output.js'

/** One IRI: a service when the catalog has it, else a service type; several IRIs (or --bundle): a bundle of services. */
async function targetOf (engine: Engine, positionals: readonly string[], values: OptionValues): Promise<FormTarget> {
  const iris = positionals.map(iriArgument)
  if (iris.length > 1 || values.bundle === true) return { bundle: { services: iris } }
  const iri = iris[0]!
  return (await engine.catalog()).services.has(iri) ? { service: iri } : { type: iri }
}

const languageOf = (values: OptionValues) => typeof values.lang === 'string' ? values.lang : 'en'

export const formCommand: Command = {
  summary: 'the configuration form (JSON Schema + UI schema) of a service type, a service, or a bundle of services',
  usage: '<type-or-service>… [--bundle] [--lang de] [--types] [--prefill <values-by-property.json>]',
  positionals: { min: 1 },
  options: { bundle: { type: 'boolean' }, types: { type: 'boolean' }, prefill: { type: 'string' } },
  async run ({ values, positionals }, io) {
    const prefill = values.prefill === undefined ? undefined : await readJsonOption(values, 'prefill', io)
    if (prefill !== undefined && (typeof prefill !== 'object' || prefill === null || Array.isArray(prefill))) {
      throw new SymphonyError('INVALID_REQUEST', `--prefill must name a JSON object of values by property IRI, e.g. {"https://w3id.org/symphony/ontology#seatCount": 12}`)
    }
    return withEngine(await openForReading(values, io), async engine => {
      const form = await engine.form(await targetOf(engine, positionals, values), { language: languageOf(values), ...(prefill === undefined ? {} : { prefill: prefill as FormPrefill }) })
      if (values.types === true) io.stdout(await formToTypeScript(form, 'Configuration'))
      else printJson(io, { schema: form.schema, uiSchema: form.uiSchema })
      return 0
    })
  }
}

export const configureCommand: Command = {
  summary: 'check configuration values against the form (ajv, then SHACL); print the RDF, or the errors per field (exit 1)',
  usage: '<type-or-service>… [--bundle] --values <values.json> [--lang de]',
  positionals: { min: 1 },
  options: { bundle: { type: 'boolean' }, values: { type: 'string' } },
  async run ({ values, positionals }, io) {
    const submitted = await readJsonOption(values, 'values', io) as Json
    return withEngine(await openForReading(values, io), async engine => {
      const outcome = await engine.configure(await targetOf(engine, positionals, values), submitted, { language: languageOf(values), dryRun: true })
      if (!outcome.ok) {
        printJson(io, { issues: outcome.issues })
        return 1
      }
      io.stdout(await serializeRdf(outcome.quads, 'turtle'))
      return 0
    })
  }
}
