/** The signal of a request whose client may leave before its answer: work queued for it can be dropped. */
import type { FastifyReply } from 'fastify'

/** Aborts when the client goes away before the answer is sent. */
export function clientGone (reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  reply.raw.once('close', () => { if (!reply.raw.writableEnded) controller.abort() })
  return controller.signal
}
