import { main } from './main.js'
import { processIo } from './io.js'
import { commands } from './commands/index.js'

const argv = process.argv.slice(2)
process.exitCode = await main(argv, processIo())
// A command that has closed everything it opened ends once its output is written, instead of
// waiting for the heap to be torn down (seconds after a large `--data` catalog).
if (commands[argv[0] ?? '']?.endsWhenAnswered === true) {
  await Promise.all([written(process.stdout), written(process.stderr)])
  process.exit()
}

/**
 * Resolves once everything written to the stream so far has been handed to the system: writes
 * complete in order, so the callback of an empty one comes after every earlier one (also when
 * the stream failed, e.g. a reader that went away).
 */
function written (stream: NodeJS.WriteStream): Promise<void> {
  return new Promise(resolve => { stream.write('', () => { resolve() }) })
}
