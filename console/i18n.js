// Texts of the console in English and German; the choice is kept in localStorage.
import { operationsTexts } from './texts-operations.js'
import { pagesTexts } from './texts-pages.js'
import { providerTexts } from './texts-provider.js'

const texts = {
  en: {
    skip: 'Skip to content', mainNav: 'Main', language: 'Language', loading: 'Loading…',
    navTickets: 'Tickets', navCatalog: 'Catalog', navCompose: 'Bundle', navConfigure: 'Configure', navVocabulary: 'Vocabulary', navApi: 'API',
    catalogTitle: 'Service catalog', serviceTypes: 'Service types', allTypes: 'All services', search: 'Search',
    provider: 'Provider', anyProvider: 'Any provider', dataLocation: 'Data location', anyLocation: 'Anywhere',
    services: 'Services', noServices: 'No service matches these filters.', provides: 'Provides', requires: 'Requires',
    shown: (from, to, total) => `${from}–${to} of ${total}`, previous: 'Previous', next: 'Next', configureService: 'Configure',
    factLegend: 'Service facts', factAdd: 'Add a condition', factRemove: 'Remove condition', factProperty: 'Property', factTest: 'Test',
    factValue: 'Value', factChooseProperty: '— choose a property —', factChooseValue: '— choose —',
    factIn: 'one of', factHasValue: 'has value', factMin: 'at least', factMax: 'at most',
    composeTitle: 'Ask for a bundle', composeIntro: 'Say what you need; Symphony finds bundles of services that fit together and meet your constraints.',
    goal: 'Goal', wantedTypes: 'Service types wanted', wantedInterfaces: 'Interfaces wanted', available: 'Interfaces you already have',
    constraints: 'Constraints', region: 'Data only in', anyRegion: 'Anywhere', countries: 'Or in these countries (ISO codes such as DE, AT)',
    locationMode: 'Outside that region', modeSafeguarded: 'Allowed with safeguards (SCC), with a warning',
    modeStrict: 'Not allowed (strict)', okWithCaveat: 'met, with a caveat', requireDPA: 'Data-processing agreement (GDPR) required',
    professionalSecrecy: 'Suitable for professional-secrecy holders (§ 203 StGB)', certifications: 'Certifications required', excludeProviders: 'Exclude providers',
    seats: 'Seats', budget: 'Budget per month', currency: 'Currency', limit: 'Bundles to show', findBundles: 'Find bundles', searching: 'Searching…',
    multiHint: 'Hold Ctrl (or ⌘) to select several.',
    bundles: 'Bundles', noBundle: 'No bundle meets the request.', issues: 'What blocks it', bundle: n => `Bundle ${n}`, score: 'Score',
    perMonth: 'per month', forSeats: n => `for ${n} seat${n === 1 ? '' : 's'}`, explanation: 'Explanation', members: 'Members', links: 'Links', needEachOther: 'Need each other',
    constraintChecks: 'Constraints checked', wiringOrder: 'Wiring order', configureBundle: 'Configure this bundle', unpriced: 'Not priced',
    from: 'From', to: 'To', degree: 'Degree', check: 'Check', result: 'Result', ok: 'met', failed: 'not met',
    constraintNames: {
      dataLocation: 'Data location', requireDPA: 'Data-processing agreement', certifications: 'Certifications',
      professionalSecrecy: 'Professional secrecy', facts: 'Service facts', excludeProviders: 'Excluded providers',
      currency: 'Currency', budget: 'Budget', personalData: 'Personal data'
    },
    configureTitle: 'Configuration', configureIntro: 'Fill in one form for the whole selection; shared values are asked once.',
    nothingToConfigure: 'Choose a bundle (or a service in the catalog) first.', submit: 'Check and save', saving: 'Saving…',
    saved: 'The configuration conforms and was saved.', fixErrors: n => `${n} field${n === 1 ? ' needs' : 's need'} attention.`,
    required: 'required', yes: 'Yes', no: 'No', choose: '— choose —', onePerLine: 'One value per line.', error: 'Error',
    addItem: 'Add', remove: 'Remove',
    alternativesOne: names => `Fill in exactly one of: ${names.join('; ')}.`, alternativesSome: names => `Fill in at least one of: ${names.join('; ')}.`,
    discardDraft: 'Discard draft', draftRestored: 'Your unsaved values of this form were restored (kept in this tab until they are saved).',
    draftDiscarded: 'The draft was discarded; the form shows its starting values.',
    navDiscover: 'Discover', discoverTitle: 'Find a service', discoverIntro: 'Single services that provide what you want, given what you have: full matches first, then near misses with what they lack.',
    findServices: 'Find services', minScore: 'Minimum score (0–1)', resultsToShow: 'Results to show', includePartial: 'Also show near misses',
    fullMatch: 'Full match', partialMatch: 'Partial match', missing: 'Missing', usesAvailable: n => `uses ${n} of your interfaces`
  },
  de: {
    skip: 'Zum Inhalt springen', mainNav: 'Hauptnavigation', language: 'Sprache', loading: 'Wird geladen …',
    navTickets: 'Störungen', navCatalog: 'Katalog', navCompose: 'Bündel', navConfigure: 'Konfigurieren', navVocabulary: 'Vokabular', navApi: 'API',
    catalogTitle: 'Dienstekatalog', serviceTypes: 'Diensttypen', allTypes: 'Alle Dienste', search: 'Suche',
    provider: 'Anbieter', anyProvider: 'Alle Anbieter', dataLocation: 'Datenstandort', anyLocation: 'Überall',
    services: 'Dienste', noServices: 'Kein Dienst passt zu diesen Filtern.', provides: 'Bietet', requires: 'Benötigt',
    shown: (from, to, total) => `${from}–${to} von ${total}`, previous: 'Zurück', next: 'Weiter', configureService: 'Konfigurieren',
    factLegend: 'Dienstmerkmale', factAdd: 'Bedingung hinzufügen', factRemove: 'Bedingung entfernen', factProperty: 'Eigenschaft', factTest: 'Prüfung',
    factValue: 'Wert', factChooseProperty: '— Eigenschaft wählen —', factChooseValue: '— bitte wählen —',
    factIn: 'einer von', factHasValue: 'hat den Wert', factMin: 'mindestens', factMax: 'höchstens',
    composeTitle: 'Ein Bündel anfragen', composeIntro: 'Sagen Sie, was Sie brauchen; Symphony findet Bündel von Diensten, die zusammenpassen und Ihre Bedingungen erfüllen.',
    goal: 'Ziel', wantedTypes: 'Gewünschte Diensttypen', wantedInterfaces: 'Gewünschte Schnittstellen', available: 'Schnittstellen, die Sie schon haben',
    constraints: 'Bedingungen', region: 'Daten nur in', anyRegion: 'Überall', countries: 'Oder in diesen Ländern (ISO-Codes wie DE, AT)',
    locationMode: 'Außerhalb dieser Region', modeSafeguarded: 'Mit Garantien (SCC) erlaubt, mit Warnhinweis',
    modeStrict: 'Nicht erlaubt (streng)', okWithCaveat: 'erfüllt, mit Vorbehalt', requireDPA: 'Auftragsverarbeitungsvertrag (AVV) erforderlich',
    professionalSecrecy: 'Geeignet für Berufsgeheimnisträger (§ 203 StGB)', certifications: 'Erforderliche Zertifizierungen', excludeProviders: 'Anbieter ausschließen',
    seats: 'Arbeitsplätze', budget: 'Budget pro Monat', currency: 'Währung', limit: 'Anzahl Bündel', findBundles: 'Bündel finden', searching: 'Suche läuft …',
    multiHint: 'Mit Strg (oder ⌘) mehrere auswählen.',
    bundles: 'Bündel', noBundle: 'Kein Bündel erfüllt die Anfrage.', issues: 'Was es verhindert', bundle: n => `Bündel ${n}`, score: 'Bewertung',
    perMonth: 'pro Monat', forSeats: n => `für ${n} ${n === 1 ? 'Arbeitsplatz' : 'Arbeitsplätze'}`, explanation: 'Erklärung', members: 'Mitglieder', links: 'Verbindungen', needEachOther: 'Brauchen einander',
    constraintChecks: 'Geprüfte Bedingungen', wiringOrder: 'Reihenfolge der Einrichtung', configureBundle: 'Dieses Bündel konfigurieren', unpriced: 'Ohne Preis',
    from: 'Von', to: 'Nach', degree: 'Grad', check: 'Prüfung', result: 'Ergebnis', ok: 'erfüllt', failed: 'nicht erfüllt',
    constraintNames: {
      dataLocation: 'Datenstandort', requireDPA: 'Auftragsverarbeitungsvertrag', certifications: 'Zertifizierungen',
      professionalSecrecy: 'Berufsgeheimnis', facts: 'Dienstmerkmale', excludeProviders: 'Ausgeschlossene Anbieter',
      currency: 'Währung', budget: 'Budget', personalData: 'Personenbezogene Daten'
    },
    configureTitle: 'Konfiguration', configureIntro: 'Ein Formular für die ganze Auswahl; gemeinsame Werte werden nur einmal abgefragt.',
    nothingToConfigure: 'Wählen Sie zuerst ein Bündel (oder einen Dienst im Katalog).', submit: 'Prüfen und speichern', saving: 'Wird gespeichert …',
    saved: 'Die Konfiguration ist gültig und wurde gespeichert.', fixErrors: n => `${n} Feld${n === 1 ? ' braucht' : 'er brauchen'} Ihre Aufmerksamkeit.`,
    required: 'Pflichtfeld', yes: 'Ja', no: 'Nein', choose: '— bitte wählen —', onePerLine: 'Ein Wert pro Zeile.', error: 'Fehler',
    addItem: 'Hinzufügen', remove: 'Entfernen',
    alternativesOne: names => `Genau eines davon ausfüllen: ${names.join('; ')}.`, alternativesSome: names => `Mindestens eines davon ausfüllen: ${names.join('; ')}.`,
    discardDraft: 'Entwurf verwerfen', draftRestored: 'Ihre noch nicht gespeicherten Eingaben in diesem Formular wurden wiederhergestellt (in diesem Tab aufbewahrt, bis sie gespeichert sind).',
    draftDiscarded: 'Der Entwurf wurde verworfen; das Formular zeigt seine Anfangswerte.',
    navDiscover: 'Suchen', discoverTitle: 'Einen Dienst finden', discoverIntro: 'Einzelne Dienste, die liefern, was Sie wollen, mit dem, was Sie haben: erst volle Treffer, dann knappe mit dem, was ihnen fehlt.',
    findServices: 'Dienste finden', minScore: 'Mindestbewertung (0–1)', resultsToShow: 'Anzahl Ergebnisse', includePartial: 'Auch knappe Treffer zeigen',
    fullMatch: 'Voller Treffer', partialMatch: 'Teiltreffer', missing: 'Es fehlt', usesAvailable: n => `nutzt ${n} Ihrer Schnittstellen`
  }
}

for (const code of ['en', 'de']) Object.assign(texts[code], operationsTexts[code], pagesTexts[code], providerTexts[code])

let language = (() => {
  try {
    const stored = globalThis.localStorage?.getItem('symphony.lang')
    if (stored === 'en' || stored === 'de') return stored
  } catch { /* storage unavailable */ }
  return (globalThis.navigator?.language ?? 'en').toLowerCase().startsWith('de') ? 'de' : 'en'
})()

export function lang () {
  return language
}

export function setLang (next) {
  language = next === 'de' ? 'de' : 'en'
  try { globalThis.localStorage?.setItem('symphony.lang', language) } catch { /* storage unavailable */ }
}

/** The text for a key in the current language; functions are called with `args`. */
export function t (key, ...args) {
  const value = texts[language][key] ?? texts.en[key] ?? key
  return typeof value === 'function' ? value(...args) : value
}

/** Applies `data-i18n` (text) and `data-i18n-attr="attr:key"` to the static page. */
export function translatePage (root = document) {
  document.documentElement.lang = language
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n)
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    const [attribute, key] = element.dataset.i18nAttr.split(':')
    element.setAttribute(attribute, t(key))
  }
}
