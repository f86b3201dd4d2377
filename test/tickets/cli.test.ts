import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run-cli.js'
import { openTicketHarness, t } from './harness.js'
import type { TicketHarness } from './harness.js'

describe('symphony ticket and report sla against a running server', { timeout: 60_000 }, () => {
  let h: TicketHarness
  beforeAll(async () => { h = await openTicketHarness() }, 120_000)
  afterAll(async () => { await h?.close() })
  const cli = (token: string, ...argv: string[]) => runCli([...argv, '--api', h.url, '--token', token])
  // The text formats write a time as the language writes a date and time, in this machine's zone.
  const at = (iso: string, language: 'en' | 'de' = 'en') => new Intl.DateTimeFormat(language === 'de' ? 'de' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

  it('opens a link ticket as the customer, and the provider notes and resolves it', async () => {
    h.setNow('2026-12-07T08:00:00Z') // Monday 09:00 Berlin: Beta's 4 business hours end 13:00, its 16 on Tuesday 15:00
    const opened = await cli('symp_customer-a', 'ticket', 'open', h.subscription, '--service', `${t}AlphaPBX`, '--service', `${t}BetaCRM`, '--summary', 'calls are not journaled', '--text', 'since Monday')
    expect(opened.code).toBe(0)
    const ticket = JSON.parse(opened.stdout) as { id: string, scope: string }
    expect(ticket.scope).toBe('link')
    expect(opened.stderr).toBe(`ticket ${ticket.id} opened: routed to Alpha, Beta\n`)
    h.setNow('2026-12-07T08:30:00Z')
    expect((await cli('symp_beta', 'ticket', 'note', ticket.id, '--text', 'checking the feed')).code).toBe(0)
    h.setNow('2026-12-07T09:00:00Z')
    const resolved = await cli('symp_beta', 'ticket', 'state', ticket.id, 'resolved', '--why', 'feed fixed', '--format', 'text')
    expect(resolved.code).toBe(0)
    expect(resolved.stdout.split('\n')[0]).toBe(`ticket ${ticket.id}: resolved, link Alpha PBX ↔ Beta CRM, "calls are not journaled" (reported ${at('2026-12-07T08:00:00Z')})`)
    // What each target took: Beta answered after half an hour and resolved after one; Alpha has not answered (due 09:00, not yet missed)
    expect(resolved.stdout).toContain(`  SLA Alpha: response due ${at('2026-12-07T09:00:00Z')}, resolution due ${at('2026-12-07T16:00:00Z')} (took 1 support hour)\n`)
    expect(resolved.stdout).toContain(`  SLA Beta: response due ${at('2026-12-07T12:00:00Z')} (took 0.5 support hours), resolution due ${at('2026-12-08T14:00:00Z')} (took 1 support hour)\n`)
    const shown = await cli('symp_customer-a', 'ticket', 'show', ticket.id, '--format', 'text', '--lang', 'de')
    expect(shown.stdout).toContain(`  SLA Beta: Reaktion fällig ${at('2026-12-07T12:00:00Z', 'de')} (nach 0,5 Supportstunden), Lösung fällig ${at('2026-12-08T14:00:00Z', 'de')} (nach 1 Supportstunde)\n`)
    const list = await cli('symp_gamma', 'ticket', 'list')
    expect(JSON.parse(list.stdout)).toEqual([])
    const illegal = await cli('symp_beta', 'ticket', 'state', ticket.id, 'acknowledged')
    expect(illegal.code).not.toBe(0)
    expect(illegal.stderr).toBe(`symphony: POST /tickets/${ticket.id}/state: 409 ticket ${ticket.id} is resolved; it cannot become acknowledged (allowed: inProgress, closed)\n`)
    const report = await cli('symp_beta', 'report', 'sla', '--from', '2026-12-01', '--to', '2027-01-01', '--format', 'text')
    expect(report.stdout).toBe(`tickets reported from ${at('2026-12-01T00:00:00Z')} to ${at('2027-01-01T00:00:00Z')}\nBeta: 1 ticket(s), 1 answered (0 late or unanswered past due), 1 resolved (0 past due)\n`)
    const german = await cli('symp_beta', 'report', 'sla', '--from', '2026-12-01', '--to', '2027-01-01', '--format', 'text', '--lang', 'de')
    expect(german.stdout).toBe(`Tickets gemeldet von ${at('2026-12-01T00:00:00Z', 'de')} bis ${at('2027-01-01T00:00:00Z', 'de')}\nBeta: 1 Ticket(s), 1 beantwortet (0 verspätet oder nach Fälligkeit unbeantwortet), 1 gelöst (0 nach Fälligkeit)\n`)
  })
})
