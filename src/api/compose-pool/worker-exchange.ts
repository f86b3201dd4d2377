/**
 * Messages between the pool and one worker thread: a reply awaited by its id (with a crash, an
 * overrun or an abort as failures), and a worker's failure turned back into the error it stands for.
 */
import type { Worker } from 'node:worker_threads'
import { SymphonyError } from '../../errors.js'
import type { ErrorCode, ErrorMessages } from '../../errors.js'
import { workerReply } from '../worker-reply.js'

export type Reply = { readonly type: string, readonly id: number } & Record<string, unknown>

export function shutDown (): SymphonyError {
  return new SymphonyError('INTERNAL', { en: 'the composition workers are shut down', de: 'die Worker für Zusammenstellungen sind beendet' })
}

/** A job given up by its caller: `what` names it ('composition' by default, or 'discovery'). */
export function cancelled (what: 'composition' | 'discovery' = 'composition'): SymphonyError {
  return new SymphonyError('CANCELLED', what === 'composition'
    ? { en: 'the composition was cancelled: the client went away before the answer', de: 'die Zusammenstellung wurde abgebrochen: der Client hat die Verbindung vor der Antwort beendet' }
    : { en: 'the discovery was cancelled: the client went away before the answer', de: 'die Dienstsuche wurde abgebrochen: der Client hat die Verbindung vor der Antwort beendet' })
}

/** The error a worker's `failed` reply stands for, with the worker's message in both languages. */
export function fromReply (reply: Reply, doing: ErrorMessages): SymphonyError {
  if (reply.type !== 'failed') {
    return new SymphonyError('INTERNAL', {
      en: `unexpected message from the composition worker while ${doing.en}: ${reply.type}`,
      de: `unerwartete Nachricht vom Worker für Zusammenstellungen ${doing.de}: ${reply.type}`
    })
  }
  const location = (reply.location ?? {}) as Record<string, unknown>
  const messages = reply.messages as ErrorMessages
  return new SymphonyError(reply.code as ErrorCode, messages, { ...location, ...(reply.details === undefined ? {} : { details: reply.details }) })
}

/** The worker's reply with `id`; rejects on a crash, an overrun of `timeoutMs` or an abort. */
export function receive (worker: Worker, id: number, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<Reply> {
  return workerReply<Reply>(worker, id, {
    failed: error => new SymphonyError('INTERNAL', {
      en: `the composition worker failed: ${error.message}; it was restarted, send the request again`,
      de: `der Worker für Zusammenstellungen ist ausgefallen: ${error.message}; er wurde neu gestartet, senden Sie die Anfrage erneut`
    }, { cause: error }),
    stopped: code => new SymphonyError('INTERNAL', {
      en: `the composition worker stopped (exit code ${code}); it was restarted, send the request again`,
      de: `der Worker für Zusammenstellungen endete (Exit-Code ${code}); er wurde neu gestartet, senden Sie die Anfrage erneut`
    }),
    overran: () => new SymphonyError('QUERY_TIMEOUT', {
      en: `the composition ran ${timeoutMs} ms, past its time budget, and was stopped; give it a smaller "timeoutMs" or narrow the request`,
      de: `die Zusammenstellung lief ${timeoutMs} ms, über ihr Zeitbudget hinaus, und wurde abgebrochen; geben Sie ihr ein kleineres "timeoutMs" oder schränken Sie die Anfrage ein`
    }),
    aborted: () => cancelled()
  }, timeoutMs, signal)
}
