import type { Command } from '../command.js'
import { accountCommand } from './account.js'
import { catalogCommand } from './catalog.js'
import { billingCommand, creditNoteCommand, invoicesCommand } from './billing.js'
import { combinableCommand, composeCommand, discoverCommand, matchCommand } from './matching.js'
import { configureCommand, formCommand } from './forms.js'
import { publishCommand } from './publish.js'
import { serveCommand } from './serve.js'
import { orderCommand } from './order.js'
import { subscriptionsCommand } from './subscriptions.js'
import { reportCommand, ticketCommand } from './ticket.js'
import { tokenCommand } from './token.js'
import { validateCommand } from './validate.js'
import { exportCommand, importCommand, queryCommand } from './store.js'
import { vocabularyCommand } from './vocabulary.js'

/** Every command, in the order `symphony --help` lists them. */
export const commands: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  import: importCommand,
  vocabulary: vocabularyCommand,
  export: exportCommand,
  query: queryCommand,
  catalog: catalogCommand,
  match: matchCommand,
  combinable: combinableCommand,
  discover: discoverCommand,
  compose: composeCommand,
  form: formCommand,
  configure: configureCommand,
  validate: validateCommand,
  publish: publishCommand,
  token: tokenCommand,
  account: accountCommand,
  order: orderCommand,
  subscriptions: subscriptionsCommand,
  billing: billingCommand,
  invoices: invoicesCommand,
  'credit-note': creditNoteCommand,
  ticket: ticketCommand,
  report: reportCommand
}
