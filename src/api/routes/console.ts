/**
 * The web console: static files from `console/` (plain HTML, CSS and ES modules, no build step),
 * `/` serving its index. Only files present when the app starts are served — no path is ever
 * joined from the request.
 */
import { readdir, readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { projectRoot } from '../../project.js'
import { SymphonyError } from '../../errors.js'
import type { RouteContext } from '../context.js'
import { problems } from '../schemas.js'
import type { ContentPolicy } from '../security-headers.js'

export const consoleFolder = join(projectRoot, 'console')

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png'
}

/** The console's pages load their scripts, styles and data from this server only. */
const contentPolicy: ContentPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"]
}

export async function consoleRoutes (app: FastifyInstance, { options }: RouteContext): Promise<void> {
  if (options.console === false) return
  const files = new Map<string, { body: Buffer, type: string }>()
  for (const name of await readdir(consoleFolder).catch(() => [] as string[])) {
    const type = contentTypes[extname(name)]
    if (type !== undefined) files.set(name, { body: await readFile(join(consoleFolder, name)), type })
  }

  const send = (name: string) => {
    const file = files.get(name)
    if (file === undefined) throw new SymphonyError('NOT_FOUND', { en: `the console has no file "${name}"`, de: `die Konsole hat keine Datei "${name}"` })
    return file
  }

  app.get('/', {
    config: { contentPolicy },
    schema: {
      tags: ['system'],
      summary: 'The web console',
      response: { 200: { description: 'The console page', content: { 'text/html': { schema: { type: 'string' } } } }, ...problems(404) }
    }
  }, async (_request, reply) => {
    const file = send('index.html')
    return reply.type(file.type).header('cache-control', 'no-cache').send(file.body)
  })

  app.get('/console/:file', {
    config: { contentPolicy },
    schema: {
      tags: ['system'],
      summary: 'A static file of the web console',
      params: { type: 'object', properties: { file: { type: 'string', pattern: '^[a-z0-9-]+\\.(html|js|css|svg|png)$' } }, required: ['file'] },
      response: { 200: { description: 'The file', content: Object.fromEntries(Object.values(contentTypes).map(type => [type.split(';')[0], { schema: { type: 'string' } }])) }, ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const file = send((request.params as { file: string }).file)
    return reply.type(file.type).header('cache-control', 'no-cache').send(file.body)
  })
}
