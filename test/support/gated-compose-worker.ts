/**
 * The real composition worker, except that every compose and discovery first waits until the
 * test lets it through: the file named by `SYMPHONY_TEST_GATE` holds how many jobs may have
 * passed so far, and the test raises it by one per job (`openGate` in the tests). A thread held
 * busy for as long as the test wants, without timing; a file, unlike a message, cannot be missed
 * by a thread that is blocked waiting for it.
 */
import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'

const gate = process.env.SYMPHONY_TEST_GATE
if (gate === undefined) throw new Error('the gated composition worker needs SYMPHONY_TEST_GATE: the file that counts the jobs let through')
const nap = new Int32Array(new SharedArrayBuffer(4))
let passed = 0

// Registered before the worker's own handler, so it runs first and holds the thread.
parentPort!.on('message', (message: { type: string }) => {
  if (message.type !== 'compose' && message.type !== 'discover') return
  passed++
  while (Number(readFileSync(gate, 'utf8')) < passed) Atomics.wait(nap, 0, 0, 5)
})

await import('../../src/api/compose-pool/compose-worker.js')
