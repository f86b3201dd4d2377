/**
 * Numbers in requests must be finite. `1e400` parses to Infinity (in JSON bodies and in query
 * strings coerced by the schema compiler), and the schema compiler takes Infinity for an integer
 * within any bounds, so it is refused here, after validation and before any handler, naming the
 * field. The walk is iterative: a body nested deep cannot exhaust the stack.
 */
import type { FastifyRequest } from 'fastify'
import { SymphonyError } from '../errors.js'

/** Throws INVALID_REQUEST for the first number that is not finite, with its JSON pointer. */
export function checkFiniteNumbers (value: unknown, where: string): void {
  const pending: Array<[unknown, string]> = [[value, '']]
  while (pending.length > 0) {
    const [node, pointer] = pending.pop()!
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) {
        throw new SymphonyError('INVALID_REQUEST', {
          en: `${where}${pointer} is ${String(node)}: numbers must be finite; send a number within the documented range`,
          de: `${where}${pointer} ist ${String(node)}: Zahlen müssen endlich sein; senden Sie eine Zahl im dokumentierten Bereich`
        }, { path: `${where}${pointer}` })
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) pending.push([child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`])
    }
  }
}

/** A `preHandler` hook: the query string and the body hold only finite numbers. */
export async function requireFiniteNumbers (request: FastifyRequest): Promise<void> {
  checkFiniteNumbers(request.query, '/querystring')
  checkFiniteNumbers(request.body, '/body')
}
