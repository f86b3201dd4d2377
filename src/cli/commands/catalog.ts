/** `catalog`: the services of the catalog, filtered as `GET /catalog/services` filters them. */
import { factTests, listServices } from '../../api/catalog-views.js'
import type { ServiceSummary } from '../../api/catalog-views.js'
import { SymphonyError } from '../../errors.js'
import type { Command, OptionValues } from '../command.js'
import { openForReading, withEngine } from '../context.js'
import { iriArgument } from '../iri-argument.js'
import { languageOf } from '../language.js'
import { answerFormat, printJson } from '../output.js'

const factNames = { fact: '--fact', facts: '--fact' } as const

export const catalogCommand: Command = {
  summary: {
    en: 'the services of the catalog, sorted by label, filtered by type, provider, location, text or any fact',
    de: 'die Dienste des Katalogs, nach Bezeichnung sortiert, gefiltert nach Typ, Anbieter, Ort, Text oder beliebigen Fakten'
  },
  usage: '[--type <iri>] [--provider <iri>] [--location <list>] [--certification <iri>] [--search <text>] [--fact <test>]… [--offset <n>] [--limit <n>]',
  positionals: { min: 0, max: 0 },
  options: {
    type: {
      type: 'string',
      help: { value: '<iri>', text: { en: 'only services of this type or a subclass (sym:VirtualPBX)', de: 'nur Dienste dieses Typs oder einer Unterklasse (sym:VirtualPBX)' } }
    },
    provider: {
      type: 'string',
      help: { value: '<iri>', text: { en: 'only services of this provider', de: 'nur Dienste dieses Anbieters' } }
    },
    location: {
      type: 'string',
      help: {
        value: '<list>',
        text: {
          en: 'data only in these regions and countries, comma-separated (EEA,CH or sym:DACH)',
          de: 'Daten nur in diesen Regionen und Ländern, durch Kommas getrennt (EWR,CH oder sym:DACH)'
        }
      }
    },
    certification: {
      type: 'string',
      help: { value: '<iri>', text: { en: 'only services holding this certification (sym:ISO27001)', de: 'nur Dienste mit dieser Zertifizierung (sym:ISO27001)' } }
    },
    search: {
      type: 'string',
      help: { value: '<text>', text: { en: 'text in the label, description or IRI', de: 'Text in Bezeichnung, Beschreibung oder IRI' } }
    },
    fact: {
      type: 'string',
      multiple: true,
      help: {
        value: '<test>',
        text: {
          en: 'only services whose facts pass "<property> <test> <value>", test in, hasValue, minInclusive or maxInclusive, as in compose\'s constraints.facts; sub-properties count',
          de: 'nur Dienste, deren Fakten "<Eigenschaft> <Test> <Wert>" bestehen, Test in, hasValue, minInclusive oder maxInclusive, wie constraints.facts von compose; Untereigenschaften zählen'
        },
        default: { en: 'no fact test; every one given must hold', de: 'kein Faktentest; jeder angegebene muss gelten' }
      }
    },
    offset: {
      type: 'string',
      help: { value: '<n>', text: { en: 'skip the first n services', de: 'die ersten n Dienste überspringen' }, default: '0' }
    },
    limit: {
      type: 'string',
      help: { value: '<n>', text: { en: 'list at most n services', de: 'höchstens n Dienste auflisten' }, default: { en: 'all of them', de: 'alle' } }
    }
  },
  async run ({ values }, io) {
    const format = answerFormat(values)
    const tests = { fact: strings(values.fact) }
    factTests(tests, factNames) // bad tests stop before the catalog is opened
    const offset = count(values, 'offset') ?? 0
    const limit = count(values, 'limit')
    if (limit === 0) throw new SymphonyError('BAD_REQUEST', {
      en: '--limit 0 lists nothing; give a positive whole number or leave it out for all services',
      de: '--limit 0 listet nichts; geben Sie eine positive ganze Zahl an oder lassen Sie die Option weg, um alle Dienste zu sehen'
    })
    return withEngine(await openForReading(values, io), async engine => {
      const catalog = await engine.catalog()
      const language = languageOf(values, io)
      const answer = listServices(catalog, {
        ...(typeof values.type === 'string' ? { type: iriArgument(values.type) } : {}),
        ...(typeof values.provider === 'string' ? { provider: iriArgument(values.provider) } : {}),
        ...(typeof values.certification === 'string' ? { certification: iriArgument(values.certification) } : {}),
        ...(typeof values.location === 'string' ? { location: values.location } : {}),
        ...(typeof values.search === 'string' ? { q: values.search } : {}),
        ...tests,
        offset,
        limit: limit ?? Math.max(1, catalog.services.size)
      }, language, factNames)
      if (format === 'json') printJson(io, answer)
      else io.stdout(catalogText(answer.services, answer.total, answer.offset, language))
      return 0
    })
  }
}

function strings (value: OptionValues[string]): string[] {
  return value === undefined || typeof value === 'boolean' ? [] : typeof value === 'string' ? [value] : value
}

function count (values: OptionValues, option: 'offset' | 'limit'): number | undefined {
  const value = values[option]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new SymphonyError('BAD_REQUEST', { en: `--${option} ${String(value)} is not a whole number ≥ 0`, de: `--${option} ${String(value)} ist keine ganze Zahl ≥ 0` })
  return Number(value)
}

/** One line per service: label, IRI and provider; then how many of how many were listed. */
function catalogText (services: readonly ServiceSummary[], total: number, offset: number, language: string): string {
  const german = language.toLowerCase().startsWith('de')
  const lines = services.map(s => `${s.label}  <${s.iri}>${s.provider === null ? '' : `  (${s.provider.label})`}`)
  const shown = services.length === 0 ? 0 : offset + services.length
  lines.push(german
    ? `${services.length === 0 ? 'keiner' : `${offset + 1}–${shown}`} von ${total} ${total === 1 ? 'Dienst' : 'Diensten'}`
    : `${services.length === 0 ? 'none' : `${offset + 1}–${shown}`} of ${total} ${total === 1 ? 'service' : 'services'}`)
  return lines.join('\n') + '\n'
}
