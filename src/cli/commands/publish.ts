/**
 * `symphony publish <file> --provider <IRI> --name <name> [--dry-run]`: publishes a version of a
 * description into the data directory, with the same checks as the API (the operator acts for the
 * provider). `symphony publish --provider … --name … --deprecate <version>` deprecates one.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { SymphonyError } from '../../errors.js'
import { descriptionMediaTypes } from '../../publishing/index.js'
import type { Command } from '../command.js'
import { openForWriting, withEngine } from '../context.js'
import { printJson } from '../output.js'

const mediaTypeOfExtension: Record<string, string> = {
  ttl: 'text/turtle',
  jsonld: 'application/ld+json',
  json: 'application/ld+json',
  nt: 'application/n-triples'
}

export const publishCommand: Command = {
  summary: 'publish a version of a provider\'s description (Turtle, JSON-LD, N-Triples) with validation; --dry-run reports what it would change',
  usage: '<file> --provider <IRI> --name <name> [--dry-run] | --provider <IRI> --name <name> --deprecate <version>',
  options: {
    provider: { type: 'string' },
    name: { type: 'string' },
    'dry-run': { type: 'boolean' },
    deprecate: { type: 'string' }
  },
  positionals: { min: 0, max: 1 },
  async run ({ values, positionals }, io) {
    const provider = values.provider
    const name = values.name
    if (typeof provider !== 'string' || typeof name !== 'string') {
      throw new SymphonyError('BAD_REQUEST', `--provider <IRI> and --name <name> are required\nusage: symphony publish ${publishCommand.usage}`)
    }
    const language = typeof values.lang === 'string' ? values.lang : 'en'
    if (typeof values.deprecate === 'string') {
      const version = Number(values.deprecate)
      if (!Number.isInteger(version) || version < 1) throw new SymphonyError('BAD_REQUEST', `--deprecate ${values.deprecate} is not a version number`)
      return withEngine(await openForWriting(values, io, { command: 'publish' }), async engine => {
        printJson(io, await engine.deprecate({ provider, name, version }, { actor: provider }))
        return 0
      })
    }
    const file = positionals[0]
    if (file === undefined) throw new SymphonyError('BAD_REQUEST', `a description file is required\nusage: symphony publish ${publishCommand.usage}`)
    const mediaType = mediaTypeOfExtension[file.split('.').at(-1)?.toLowerCase() ?? '']
    if (mediaType === undefined) {
      throw new SymphonyError('UNSUPPORTED_FORMAT', `${file}: publish Turtle (.ttl), JSON-LD (.jsonld) or N-Triples (.nt) — ${descriptionMediaTypes.join(', ')}`)
    }
    let text: string
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8')
    } catch (error) {
      throw new SymphonyError('NOT_FOUND', `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? ''})`, { file, cause: error })
    }
    return withEngine(await openForWriting(values, io, { command: 'publish' }), async engine => {
      try {
        const outcome = await engine.publish({ provider, name, text, mediaType, language }, { actor: provider, dryRun: values['dry-run'] === true })
        printJson(io, outcome)
        return 0
      } catch (error) {
        if (error instanceof SymphonyError && (error.code === 'PARSE_ERROR' || error.code === 'UNKNOWN_PREFIX')) {
          throw new SymphonyError(error.code, error.message.replace(/^request body/, file), { ...error.location, file, cause: error })
        }
        if (error instanceof SymphonyError && error.code === 'NOT_CONFORMING') {
          io.stderr(`symphony: ${file}: ${error.message}\n`)
          printJson(io, error.details)
          return 1
        }
        throw error
      }
    })
  }
}
