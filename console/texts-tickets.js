// Texts of the tickets page in English and German.
export const ticketsTexts = {
  en: {
    navTickets: 'Tickets', ticketsTitle: 'Faults and tickets', signInFirst: 'Sign in with a customer or provider token to see tickets.',
    reportFault: 'Report a fault', subscription: 'Subscription', about: 'About', wholeSubscription: 'The whole subscription',
    member: m => `Member: ${m}`, link: (a, b) => `Link: ${a} → ${b}`, summary: 'What is wrong', details: 'Details', report: 'Report',
    noTickets: 'No tickets.', state: 'State', routedTo: 'Routed to', why: 'Why', notes: 'Notes', addNote: 'Add note', attachment: 'Attachment (optional)',
    moveTo: 'Move to', move: 'Move', sla: 'Service level', responseDue: 'Response due', resolutionDue: 'Resolution due', missed: 'missed', inTime: 'in time', open: 'still open',
    took: hours => `took ${new Intl.NumberFormat('en').format(hours)} support hour${hours === 1 ? '' : 's'}`,
    states: { acknowledged: 'acknowledged', inProgress: 'in progress', resolved: 'resolved', closed: 'closed' },
    reported: 'Reported', saved: 'Saved.',
    slaReport: 'Service levels by month', slaMonth: 'Month reported', slaShow: 'Show', slaReportEmpty: 'No tickets with a service-level promise were reported in this month.',
    slaTickets: 'Tickets', slaResponded: 'Answered', slaResponseMissed: 'Response missed', slaResolved: 'Resolved', slaResolutionMissed: 'Resolution missed'
  },
  de: {
    navTickets: 'Störungen', ticketsTitle: 'Störungen und Tickets', signInFirst: 'Melden Sie sich mit einem Kunden- oder Anbieter-Token an, um Tickets zu sehen.',
    reportFault: 'Störung melden', subscription: 'Abonnement', about: 'Betrifft', wholeSubscription: 'Das ganze Abonnement',
    member: m => `Mitglied: ${m}`, link: (a, b) => `Verbindung: ${a} → ${b}`, summary: 'Was ist gestört', details: 'Einzelheiten', report: 'Melden',
    noTickets: 'Keine Tickets.', state: 'Status', routedTo: 'Zugestellt an', why: 'Warum', notes: 'Notizen', addNote: 'Notiz hinzufügen', attachment: 'Anhang (optional)',
    moveTo: 'Ändern auf', move: 'Ändern', sla: 'Servicelevel', responseDue: 'Reaktion fällig', resolutionDue: 'Lösung fällig', missed: 'verfehlt', inTime: 'eingehalten', open: 'noch offen',
    took: hours => `nach ${new Intl.NumberFormat('de').format(hours)} ${hours === 1 ? 'Supportstunde' : 'Supportstunden'}`,
    states: { acknowledged: 'angenommen', inProgress: 'in Bearbeitung', resolved: 'gelöst', closed: 'geschlossen' },
    reported: 'Gemeldet', saved: 'Gespeichert.',
    slaReport: 'Servicelevel je Monat', slaMonth: 'Gemeldet im Monat', slaShow: 'Anzeigen', slaReportEmpty: 'In diesem Monat wurden keine Tickets mit Servicelevel-Zusage gemeldet.',
    slaTickets: 'Tickets', slaResponded: 'Beantwortet', slaResponseMissed: 'Reaktion verfehlt', slaResolved: 'Gelöst', slaResolutionMissed: 'Lösung verfehlt'
  }
}
