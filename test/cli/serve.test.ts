import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, temporaryFolder } from './run-cli.js'

describe('symphony serve', () => {
  it('says which port is taken instead of failing with a stack trace', async () => {
    const blocker = createServer()
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    const folder = await temporaryFolder()
    try {
      const run = await runCli(['serve', '--port', String(port), '--empty', '--data-dir', join(folder.path, 'data')])
      expect(run).toEqual({ code: 2, stdout: '', stderr: `symphony: cannot listen on 127.0.0.1:${port} (the port is in use); pass another --port\n` })
    } finally {
      blocker.close()
      await folder.remove()
    }
  })

  it('refuses a port that is not a number', async () => {
    expect(await runCli(['serve', '--port', 'eighty'])).toEqual({ code: 2, stdout: '', stderr: 'symphony: --port eighty is not a whole number from 0 to 65535\n' })
  })
})
