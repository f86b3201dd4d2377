/**
 * `symphony publish <file> --provider <IRI> --name <name> [--dry-run]`: publishes a version of a
 * description into the data directory, with the same checks as the API (the operator acts for the
 * provider). `symphony publish --provider … --name … --deprecate <version>` deprecates one.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { SymphonyError } from '../../errors.js'
import { usageError } from '../usage.js'
import { descriptionMediaTypes } from '../../publishing/index.js'
import type { Command } from '../command.js'
import { oneFormat } from '../command.js'
import { openForWriting, withEngine } from '../context.js'
import { shaclLimitOptions } from '../shacl-limits.js'
import { languageOf } from '../language.js'
import { printJson, unreadableFile } from '../output.js'

const mediaTypeOfExtension: Record<string, string> = {
  ttl: 'text/turtle',
  jsonld: 'application/ld+json',
  json: 'application/ld+json',
  nt: 'application/n-triples'
}

export const publishCommand: Command = {
  summary: {
    en: 'publish a version of a provider\'s description (Turtle, JSON-LD, N-Triples) into the data directory, validated as the API does; or deprecate a version',
    de: 'eine Version der Beschreibung eines Anbieters (Turtle, JSON-LD, N-Triples) ins Datenverzeichnis veröffentlichen, geprüft wie von der API; oder eine Version zurückziehen'
  },
  usage: '<file> --provider <IRI> --name <name> [--dry-run] [--allow-private-providers] | --provider <IRI> --name <name> --deprecate <version>',
  common: { format: oneFormat },
  options: {
    ...shaclLimitOptions,
    provider: {
      type: 'string',
      help: { value: '<IRI>', text: { en: 'the provider the description belongs to (required)', de: 'der Anbieter, dem die Beschreibung gehört (nötig)' } }
    },
    name: {
      type: 'string',
      help: { value: '<name>', text: { en: 'the description\'s name among the provider\'s descriptions (required)', de: 'der Name der Beschreibung unter denen des Anbieters (nötig)' } }
    },
    'dry-run': {
      type: 'boolean',
      help: { text: { en: 'only report what publishing would change; store nothing', de: 'nur melden, was die Veröffentlichung ändern würde; nichts speichern' } }
    },
    'allow-private-providers': {
      type: 'boolean',
      help: {
        text: {
          en: 'the description may name endpoints on local and private addresses (localhost, 10.x, 192.168.x …), as on a server started with serve --allow-private-providers',
          de: 'die Beschreibung darf Endpunkte unter lokalen und privaten Adressen nennen (localhost, 10.x, 192.168.x …), wie auf einem mit serve --allow-private-providers gestarteten Server'
        }
      }
    },
    deprecate: {
      type: 'string',
      help: {
        value: '<version>',
        text: { en: 'deprecate this version instead of publishing: the catalog uses the newest version not deprecated', de: 'diese Version zurückziehen statt zu veröffentlichen: der Katalog nimmt die neueste nicht zurückgezogene' }
      }
    }
  },
  positionals: { min: 0, max: 1 },
  async run ({ values, positionals }, io) {
    const provider = values.provider
    const name = values.name
    if (typeof provider !== 'string' || typeof name !== 'string') {
      throw usageError('publish', publishCommand.usage, { en: '--provider <IRI> and --name <name> are required', de: '--provider <IRI> und --name <Name> sind erforderlich' })
    }
    const language = languageOf(values, io)
    if (typeof values.deprecate === 'string') {
      const version = Number(values.deprecate)
      if (!Number.isInteger(version) || version < 1) throw new SymphonyError('BAD_REQUEST', { en: `--deprecate ${values.deprecate} is not a version number`, de: `--deprecate ${values.deprecate} ist keine Versionsnummer` })
      return withEngine(await openForWriting(values, io, { command: 'publish' }), async engine => {
        printJson(io, await engine.deprecate({ provider, name, version }, { actor: provider }))
        return 0
      })
    }
    const file = positionals[0]
    if (file === undefined) throw usageError('publish', publishCommand.usage, { en: 'a description file is required', de: 'eine Beschreibungsdatei ist erforderlich' })
    const mediaType = mediaTypeOfExtension[file.split('.').at(-1)?.toLowerCase() ?? '']
    if (mediaType === undefined) {
      const types = descriptionMediaTypes.join(', ')
      throw new SymphonyError('UNSUPPORTED_FORMAT', {
        en: `${file}: publish Turtle (.ttl), JSON-LD (.jsonld) or N-Triples (.nt) — ${types}`,
        de: `${file}: veröffentlichen Sie Turtle (.ttl), JSON-LD (.jsonld) oder N-Triples (.nt) — ${types}`
      })
    }
    let text: string
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8')
    } catch (error) {
      throw unreadableFile(file, error)
    }
    return withEngine(await openForWriting(values, io, { command: 'publish', allowPrivateProviders: values['allow-private-providers'] === true }), async engine => {
      try {
        const outcome = await engine.publish({ provider, name, text, mediaType, language }, { actor: provider, dryRun: values['dry-run'] === true })
        printJson(io, outcome)
        return 0
      } catch (error) {
        if (error instanceof SymphonyError && (error.code === 'PARSE_ERROR' || error.code === 'UNKNOWN_PREFIX')) {
          const named = (message: string): string => message.replace(/^request body/, file)
          throw new SymphonyError(error.code, { en: named(error.messages.en), de: named(error.messages.de) }, { ...error.location, file, cause: error })
        }
        if (error instanceof SymphonyError && error.code === 'NOT_CONFORMING') {
          io.stderr(`symphony: ${file}: ${error.messageIn(language)}\n`)
          printJson(io, error.details)
          return 1
        }
        throw error
      }
    })
  }
}
