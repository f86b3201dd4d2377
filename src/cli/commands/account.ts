/**
 * `symphony account add|list|revoke`: accounts of the operator, providers and customers, each
 * authenticated by bearer tokens kept hashed in `<data-dir>/tokens.json`. `add` prints the new
 * token once; it cannot be shown again.
 */
import { TokenRegistry } from '../../accounts/index.js'
import type { AccountSpec } from '../../accounts/index.js'
import { SymphonyError } from '../../errors.js'
import { usageError, usageLine } from '../usage.js'
import type { Command } from '../command.js'
import { oneFormat } from '../command.js'
import { dataDirOf } from '../context.js'
import { printJson } from '../output.js'
import { noticeIn } from '../language.js'

const usage = 'add --operator | add --provider <provider-IRI> | add --customer <name> [--label <text>] | list | revoke <account>'

/** The kinds of account, as the German notice names them. */
const roleNames: Record<string, string> = { operator: 'Betreiberkonto', customer: 'Kundenkonto', provider: 'Anbieterkonto' }

export const accountCommand: Command = {
  summary: {
    en: 'manage the accounts of the operator, providers and customers and their tokens: add one (the token is printed once), list, revoke',
    de: 'Konten von Betreiber, Anbietern und Kunden und ihre Tokens verwalten: eines hinzufügen (das Token wird einmal ausgegeben), auflisten, widerrufen'
  },
  usage,
  common: { format: oneFormat },
  options: {
    operator: {
      type: 'boolean',
      help: { text: { en: 'add: the operator\'s account', de: 'add: das Konto des Betreibers' } }
    },
    provider: {
      type: 'string',
      help: { value: '<provider-IRI>', text: { en: 'add: the account of this provider', de: 'add: das Konto dieses Anbieters' } }
    },
    customer: {
      type: 'string',
      help: { value: '<name>', text: { en: 'add: the account of the customer of this name (its IRI, made from the name, is said on stderr)', de: 'add: das Konto des Kunden dieses Namens (seine aus dem Namen gebildete IRI steht auf stderr)' } }
    },
    label: {
      type: 'string',
      help: { value: '<text>', text: { en: 'add: a note kept with the token, shown by list', de: 'add: eine Notiz zum Token, die list zeigt' } }
    }
  },
  positionals: { min: 1, max: 2 },
  async run ({ values, positionals }, io) {
    const [action, id] = positionals
    const registry = await TokenRegistry.open({ dataDir: dataDirOf(values, io) })
    if (action === 'list' && id === undefined) {
      printJson(io, (await registry.list()).map(({ role, id, name, created, label }) => ({
        role, id, ...(name === undefined ? {} : { name }), created, ...(label === undefined ? {} : { label })
      })))
      return 0
    }
    if (action === 'revoke' && id !== undefined) {
      const removed = await registry.revoke(id)
      noticeIn(values, io, { en: `revoked ${removed} token(s) of ${id}`, de: `${removed} Token von ${id} widerrufen` })
      return 0
    }
    if (action !== 'add' || id !== undefined) throw usageError('account', usage)
    const label = typeof values.label === 'string' ? { label: values.label } : {}
    const { token, principal } = await registry.add(accountSpecOf(values), label)
    io.stdout(`${token}\n`)
    noticeIn(values, io, {
      en: `This is the only time the token is shown. The ${principal.role} account ${principal.id} sends it as "Authorization: Bearer <token>".`,
      de: `Das Token wird nur dieses eine Mal gezeigt. Das ${roleNames[principal.role]} ${principal.id} sendet es als "Authorization: Bearer <token>".`
    })
    return 0
  }
}

function accountSpecOf (values: Record<string, unknown>): AccountSpec {
  const given = [values.operator === true, typeof values.provider === 'string', typeof values.customer === 'string'].filter(Boolean).length
  if (given !== 1) {
    throw new SymphonyError('BAD_REQUEST', {
      en: `give exactly one of --operator, --provider <IRI>, --customer <name>; ${usageLine('account', usage, 'en')}`,
      de: `geben Sie genau eine der Optionen --operator, --provider <IRI>, --customer <Name> an; ${usageLine('account', usage, 'de')}`
    })
  }
  if (typeof values.provider === 'string') return { role: 'provider', provider: values.provider }
  if (typeof values.customer === 'string') return { role: 'customer', name: values.customer }
  return { role: 'operator' }
}
