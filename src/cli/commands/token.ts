/**
 * `symphony token add|list|revoke`: publishing tokens of providers (the provider accounts of
 * `symphony account`), kept hashed in `<data-dir>/tokens.json`. `add` prints the new token
 * once; it cannot be shown again.
 */
import { usageError } from '../usage.js'
import { TokenRegistry } from '../../accounts/index.js'
import type { Command } from '../command.js'
import { oneFormat } from '../command.js'
import { dataDirOf } from '../context.js'
import { printJson } from '../output.js'
import { noticeIn } from '../language.js'

const usage = 'add <provider-IRI> [--label <text>] | list | revoke <provider-IRI>'

export const tokenCommand: Command = {
  summary: {
    en: 'manage providers\' publishing tokens: add one (printed once, never again), list them, revoke a provider\'s',
    de: 'Veröffentlichungs-Tokens von Anbietern verwalten: eines hinzufügen (einmal ausgegeben, nie wieder), auflisten, die eines Anbieters widerrufen'
  },
  usage,
  common: { format: oneFormat },
  options: {
    label: {
      type: 'string',
      help: { value: '<text>', text: { en: 'add: a note kept with the token, shown by list', de: 'add: eine Notiz zum Token, die list zeigt' } }
    }
  },
  positionals: { min: 1, max: 2 },
  async run ({ values, positionals }, io) {
    const [action, provider] = positionals
    const registry = await TokenRegistry.open({ dataDir: dataDirOf(values, io) })
    if (action === 'list') {
      printJson(io, (await registry.list()).filter(record => record.role === 'provider')
        .map(({ id, created, label }) => ({ provider: id, created, ...(label === undefined ? {} : { label }) })))
      return 0
    }
    if (provider === undefined || (action !== 'add' && action !== 'revoke')) {
      throw usageError('token', usage)
    }
    if (action === 'revoke') {
      const removed = await registry.revoke(provider)
      noticeIn(values, io, { en: `revoked ${removed} token(s) of <${provider}>`, de: `${removed} Token von <${provider}> widerrufen` })
      return 0
    }
    const label = typeof values.label === 'string' ? values.label : undefined
    const { token } = await registry.add({ role: 'provider', provider }, label === undefined ? {} : { label })
    io.stdout(`${token}\n`)
    noticeIn(values, io, {
      en: `This is the only time the token is shown. The provider sends it as "Authorization: Bearer <token>" to publish descriptions of <${provider}>.`,
      de: `Das Token wird nur dieses eine Mal gezeigt. Der Anbieter sendet es als "Authorization: Bearer <token>", um Beschreibungen von <${provider}> zu veröffentlichen.`
    })
    return 0
  }
}
