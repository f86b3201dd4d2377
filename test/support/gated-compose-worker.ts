/**
 * The real composition worker, except that every compose and discovery first waits until the
 * test posts a message on the `gate` broadcast channel (one message lets one job through): a
 * thread held busy for as long as the test wants, without timing.
 */
import { BroadcastChannel, parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'

const gate = new BroadcastChannel('symphony-test-compose-gate')
const nap = new Int32Array(new SharedArrayBuffer(4))

// Registered before the worker's own handler, so it runs first and holds the thread.
parentPort!.on('message', (message: { type: string }) => {
  if (message.type !== 'compose' && message.type !== 'discover') return
  // Node reads a broadcast channel's messages as a port's; its types know only ports.
  while (receiveMessageOnPort(gate as unknown as MessagePort) === undefined) Atomics.wait(nap, 0, 0, 5)
})

await import('../../src/api/compose-pool/compose-worker.js')
