/**
 * Every sentence of a composition answer, in English and German: one template per stable code,
 * written from the values the sentence is built from. Things are named by their catalog label
 * in the sentence's language (services, providers, regions, classes), else by their local name;
 * the answer's structured fields keep the IRIs. Amounts are written as each language writes
 * them (`1234.50 EUR`, `1.234,50 EUR`).
 */
import type { MatchIssueCode } from '../matcher/index.js'
import { isIri, writerFor, type Language, type Namer, type Writer } from '../matcher/writer.js'
import type { LinkDegree, Texts } from './types.js'

export {
  languages, languageOf, localName, localNamer, catalogNamer, type Language, type Namer, type Writer
} from '../matcher/writer.js'

/** What an item of the search is: a service type, a wanted type or a member's requirement. */
export interface ItemFacts {
  readonly kind: 'serviceType' | 'wanted' | 'requires'
  readonly types: readonly string[]
}

/** A required and a provided interface the matcher found incompatible, and why. */
export interface MismatchFacts {
  readonly service: string
  /** The matcher's issue codes; none when only the degree (e.g. `subsumes`) fell short. */
  readonly issues: readonly MatchIssueCode[]
  readonly degree: string
  readonly required: { readonly id: string, readonly service: string, readonly protocols: readonly string[], readonly dataFormats: readonly string[], readonly versionRange?: string }
  readonly provided: { readonly id: string, readonly service: string, readonly types: readonly string[], readonly protocols: readonly string[], readonly dataFormats: readonly string[], readonly version?: string }
  readonly requiredTypes: readonly string[]
}

/** Where a personal-data check looks: a link, or the member chosen for a goal. */
export type PersonalDataPlace =
  | { readonly kind: 'link', readonly from: string, readonly to: string, readonly types: readonly string[] }
  | { readonly kind: 'wanted' | 'serviceType', readonly type: string }

interface Template<P> {
  readonly en: (p: P, w: Writer) => string
  readonly de: (p: P, w: Writer) => string
}

const template = <P>(t: Template<P>): Template<P> => t

type Empty = Record<string, never>

const types = (list: readonly string[], w: Writer): string =>
  list.length === 0 ? (w.language === 'de' ? '(eine Schnittstelle ohne Typ)' : '(an untyped interface)') : w.names(list)

/** Types of a link or member reason, comma-separated. */
const typeList = (list: readonly string[], w: Writer): string => list.map(w.name).join(', ')

const itemTypes = (item: ItemFacts, w: Writer): string => types(item.types, w)

interface LocationFacts {
  readonly locations: readonly string[]
  readonly outside: readonly string[]
  /** Country codes and region IRIs, as requested. */
  readonly allowed: readonly string[]
  readonly safeguards: readonly string[]
}

function where (p: LocationFacts, w: Writer): string {
  const allowed = p.allowed.map(w.name).join(', ')
  if (w.language === 'de') {
    if (p.locations.length === 0) return `nennt keinen Datenstandort und liegt daher nicht nachweislich innerhalb der erlaubten Standorte (${allowed})`
    return p.outside.length === 0
      ? `speichert Daten in ${p.locations.join(', ')}, innerhalb der erlaubten Standorte (${allowed})`
      : `speichert Daten in ${p.locations.join(', ')}; ${p.outside.join(', ')} ${p.outside.length === 1 ? 'liegt' : 'liegen'} außerhalb der erlaubten Standorte (${allowed})`
  }
  if (p.locations.length === 0) return `states no data location, so it cannot be shown to be within ${allowed}`
  return p.outside.length === 0
    ? `keeps data in ${p.locations.join(', ')}, within ${allowed}`
    : `keeps data in ${p.locations.join(', ')}; ${p.outside.join(', ')} ${p.outside.length === 1 ? 'is' : 'are'} outside ${allowed}`
}

function place (p: PersonalDataPlace, w: Writer): string {
  const de = w.language === 'de'
  if (p.kind === 'link') return `${de ? 'Verbindung' : 'link'} ${w.name(p.from)} → ${w.name(p.to)} (${typeList(p.types, w)})`
  if (p.kind === 'wanted') return `${de ? 'gewünschte Schnittstelle' : 'wanted'} ${w.name(p.type)}`
  return `${de ? 'Diensttyp' : 'service type'} ${w.name(p.type)}`
}

/** A fact constraint's value as written in the request: IRIs by label, literals quoted. */
function term (value: string | number | boolean, w: Writer): string {
  if (typeof value === 'number') return w.number(value)
  if (typeof value === 'boolean') return w.language === 'de' ? (value ? 'wahr' : 'falsch') : String(value)
  return isIri(value) ? w.name(value) : JSON.stringify(value)
}

function bounds (p: { readonly min?: number, readonly max?: number }, w: Writer): string {
  const parts: string[] = []
  if (p.min !== undefined) parts.push(`≥ ${w.number(p.min)}`)
  if (p.max !== undefined) parts.push(`≤ ${w.number(p.max)}`)
  return w.list(parts)
}

interface ProviderChoice {
  readonly item: ItemFacts
  readonly provider: string
  /** Other services that could be chosen instead. */
  readonly others: number
}

function chosen (p: ProviderChoice, w: Writer): string {
  const name = w.name(p.provider)
  if (w.language === 'de') {
    const others = p.others > 0 ? ` (und ${p.others} ${p.others === 1 ? 'weiteren Dienst' : 'weitere Dienste'})` : ''
    return p.item.kind === 'serviceType'
      ? `Diensttyp ${itemTypes(p.item, w)} hat die Instanz ${name}${others}`
      : `${itemTypes(p.item, w)} wird von ${name}${others} geliefert`
  }
  const others = p.others > 0 ? ` (and ${p.others} other service${p.others > 1 ? 's' : ''})` : ''
  return p.item.kind === 'serviceType'
    ? `service type ${itemTypes(p.item, w)} has instance ${name}${others}`
    : `${itemTypes(p.item, w)} is provided by ${name}${others}`
}

/** `a …; and 2 more` / `a …; und 2 weitere`. */
function more (items: readonly string[], rest: number, w: Writer): string {
  const tail = rest > 0 ? `; ${w.language === 'de' ? 'und' : 'and'} ${rest} ${w.language === 'de' ? 'weitere' : 'more'}` : ''
  return `${items.join('; ')}${tail}`
}

interface LinkFacts {
  readonly from: string
  readonly to: string
  readonly available: boolean
  readonly provided: readonly string[]
  readonly required: readonly string[]
  readonly degree: LinkDegree
  readonly path: readonly string[]
  readonly mutual: boolean
}

const via = (p: LinkFacts, w: Writer): string =>
  p.path.length > 2 ? ` ${w.language === 'de' ? 'über' : 'via'} ${p.path.map(w.name).join(' ⊑ ')}` : ''

/** The mismatch of a provided interface with a requirement, and its fix. */
function mismatch (p: MismatchFacts, w: Writer): string {
  return `${w.name(p.service)}: ${p.issues.length === 0 ? w.degree(p.degree) : p.issues.map(code => mismatchIssue(p, code, w)).join('; ')}`
}

function mismatchIssue (p: MismatchFacts, code: MatchIssueCode, w: Writer): string {
  const de = w.language === 'de'
  const { required, provided } = p
  switch (code) {
    case 'UNTYPED_INTERFACE': return de
      ? `die benötigte Schnittstelle ${w.name(required.id)} von ${w.name(required.service)} nennt keinen Typ; nennen Sie ihren Schnittstellentyp`
      : `the required interface ${w.name(required.id)} of ${w.name(required.service)} states no type; state its interface type`
    case 'NO_TYPE_MATCH': return de
      ? `${w.name(provided.id)} ist ${provided.types.length === 0 ? 'ohne Typ' : w.names(provided.types)}, weder ${w.either(p.requiredTypes.map(w.name))} noch Unter- oder Oberklasse davon; liefern Sie eine Schnittstelle vom Typ ${w.names(p.requiredTypes)} (oder einer Unterklasse)`
      : `${w.name(provided.id)} is ${provided.types.length === 0 ? 'untyped' : w.names(provided.types)}, which is neither ${w.either(p.requiredTypes.map(w.name))}, a subclass nor a superclass of it; provide an interface of type ${w.names(p.requiredTypes)} (or a subclass)`
    case 'PROTOCOL_MISMATCH': return de
      ? `die Anforderung braucht das Protokoll ${w.either(required.protocols.map(w.name))}; die gelieferte Schnittstelle bietet ${w.either(provided.protocols.map(w.name))}; liefern Sie ${w.either(required.protocols.map(w.name))}`
      : `the requirement needs the protocol ${w.either(required.protocols.map(w.name))}; the provided interface offers ${w.either(provided.protocols.map(w.name))}; provide ${w.either(required.protocols.map(w.name))}`
    case 'DATA_FORMAT_MISMATCH': return de
      ? `die Anforderung braucht das Datenformat ${w.either(required.dataFormats.map(w.name))}; die gelieferte Schnittstelle bietet ${w.either(provided.dataFormats.map(w.name))}; liefern Sie ${w.either(required.dataFormats.map(w.name))}`
      : `the requirement needs the data format ${w.either(required.dataFormats.map(w.name))}; the provided interface offers ${w.either(provided.dataFormats.map(w.name))}; provide ${w.either(required.dataFormats.map(w.name))}`
    case 'VERSION_MISMATCH': return de
      ? `die gelieferte Version ${provided.version ?? ''} liegt nicht im geforderten Bereich ${required.versionRange ?? ''}; bieten Sie eine Version in ${required.versionRange ?? ''} an`
      : `the provided version ${provided.version ?? ''} is not in the required range ${required.versionRange ?? ''}; offer a version in ${required.versionRange ?? ''}`
    case 'INVALID_VERSION': return de
      ? `die gelieferte Version "${provided.version ?? ''}" ist keine semantische Version; nennen Sie sie wie "2.1.0"`
      : `the provided version "${provided.version ?? ''}" is not a semantic version; state it like "2.1.0"`
    case 'INVALID_VERSION_RANGE': return de
      ? `der geforderte Versionsbereich "${required.versionRange ?? ''}" ist kein Semver-Bereich; nennen Sie ihn wie ">=1.0.0 <2.0.0"`
      : `the requirement's version range "${required.versionRange ?? ''}" is not a semver range; state it like ">=1.0.0 <2.0.0"`
  }
}

/** The advice of a search that more time would not finish: a narrower request. */
const narrowEn = 'narrow the request (fewer wanted types or service types, more available types, stricter constraints)'
const narrowDe = 'schränken Sie die Anfrage ein (weniger gewünschte Typen oder Diensttypen, mehr verfügbare Typen, strengere Bedingungen)'

/**
 * Why a search ended unproven: its time budget ran out; the integer solver stopped for another
 * reason (`solverStatus`, HiGHS's model status); or the solver's call stopped at its share of the
 * time (`shareMs`: a call on a large program gets a part of what remains, so that it cannot
 * overrun the budget).
 */
interface SearchStop {
  readonly timeoutMs: number
  readonly raisable: boolean
  readonly solverStatus?: string
  readonly shareMs?: number
}

const stoppedEn = (p: SearchStop): string =>
  p.solverStatus !== undefined
    ? `the integer solver stopped before its time budget ran out, without a proof (HiGHS status ${p.solverStatus}),`
    : p.shareMs !== undefined
      ? `the integer solver's call stopped at its share of the time budget (${p.shareMs} of ${p.timeoutMs} ms: on a program this large one call gets a part of the time left, so that it cannot overrun the budget)`
      : `the time budget of ${p.timeoutMs} ms ran out`

/** The German clause; the time budget's case ends in "ab" after what follows it. */
const stoppedDe = (p: SearchStop, w: Writer): string =>
  p.solverStatus !== undefined
    ? `der Solver für ganzzahlige Programme hielt vor Ablauf des Zeitbudgets ohne Beweis an (HiGHS-Status ${p.solverStatus}),`
    : p.shareMs !== undefined
      ? `der Aufruf des Solvers für ganzzahlige Programme endete an seinem Anteil am Zeitbudget (${w.number(p.shareMs)} von ${w.number(p.timeoutMs)} ms: bei einem so großen Programm erhält ein Aufruf einen Teil der verbleibenden Zeit, damit er das Budget nicht überschreiten kann)`
      : `das Zeitbudget von ${w.number(p.timeoutMs)} ms lief`

/**
 * The sentence templates, by stable code. Member reasons, link explanations, constraint checks,
 * price notes, nearest-bundle needs and issues use them; fragments (`PHRASE_…`, `WHY_…`,
 * `MISMATCH`) are parts of longer sentences.
 */
const templates = {
  // Why a member is in the bundle.
  REASON_SERVICE_TYPE: template<{ serviceType: string }>({
    en: (p, w) => `covers service type ${w.name(p.serviceType)}`,
    de: (p, w) => `deckt den Diensttyp ${w.name(p.serviceType)} ab`
  }),
  REASON_WANTED: template<{ wanted: string, degree: LinkDegree }>({
    en: (p, w) => `provides wanted ${w.name(p.wanted)} (${w.degree(p.degree)})`,
    de: (p, w) => `liefert die gewünschte Schnittstelle ${w.name(p.wanted)} (${w.degree(p.degree)})`
  }),
  REASON_REQUIREMENT: template<{ interfaceTypes: readonly string[], of: string }>({
    en: (p, w) => `satisfies requirement ${typeList(p.interfaceTypes, w)} of ${w.name(p.of)}`,
    de: (p, w) => `erfüllt die Anforderung ${typeList(p.interfaceTypes, w)} von ${w.name(p.of)}`
  }),

  // A link, from the provider's and from the consumer's side.
  LINK: template<LinkFacts>({
    en: (p, w) => `${p.available ? `available ${w.name(p.from)}` : `${w.name(p.from)} provides ${typeList(p.provided, w)}`} for ${w.name(p.to)}'s requirement ${typeList(p.required, w)}: ${w.degree(p.degree)}${via(p, w)}${p.mutual ? `; ${w.name(p.to)} in turn feeds ${w.name(p.from)} (they need each other)` : ''}`,
    de: (p, w) => `${p.available ? `verfügbares ${w.name(p.from)}` : `${w.name(p.from)} liefert ${typeList(p.provided, w)}`} für die Anforderung ${typeList(p.required, w)} von ${w.name(p.to)}: ${w.degree(p.degree)}${via(p, w)}${p.mutual ? `; ${w.name(p.to)} beliefert seinerseits ${w.name(p.from)} (sie brauchen einander)` : ''}`
  }),
  LINK_CONSUMER: template<LinkFacts>({
    en: (p, w) => `${w.name(p.to)} requires ${typeList(p.required, w)}: met by ${p.available ? `the available ${w.name(p.from)}` : w.name(p.from)} (${w.degree(p.degree)}${via(p, w)})${p.mutual ? `, which in turn needs ${w.name(p.to)}` : ''}`,
    de: (p, w) => `${w.name(p.to)} benötigt ${typeList(p.required, w)}: erfüllt durch ${p.available ? `das verfügbare ${w.name(p.from)}` : w.name(p.from)} (${w.degree(p.degree)}${via(p, w)})${p.mutual ? `, das seinerseits ${w.name(p.to)} braucht` : ''}`
  }),

  // Constraint checks of a member, a link or the bundle.
  LOCATION_WITHIN: template<LocationFacts>({ en: where, de: where }),
  LOCATION_SAFEGUARDED: template<LocationFacts>({
    en: (p, w) => `${where(p, w)}; transfers under ${w.names(p.safeguards)}`,
    de: (p, w) => `${where(p, w)}; übermittelt unter ${w.names(p.safeguards)}`
  }),
  LOCATION_SAFEGUARD_REFUSED: template<LocationFacts>({
    en: (p, w) => `${where(p, w)}; it transfers under ${w.names(p.safeguards)}, which the strict location mode does not accept`,
    de: (p, w) => `${where(p, w)}; es übermittelt unter ${w.names(p.safeguards)}, was der strikte Standortmodus nicht annimmt`
  }),
  LOCATION_WITHOUT_PERSONAL_DATA: template<LocationFacts>({
    en: (p, w) => `${where(p, w)}, without transfer safeguard: allowed only because none of its links carries personal data`,
    de: (p, w) => `${where(p, w)}, ohne Übermittlungsgarantie: nur zulässig, weil keine seiner Verbindungen personenbezogene Daten überträgt`
  }),
  LOCATION_OUTSIDE: template<LocationFacts>({
    en: (p, w) => `${where(p, w)}, and it states no transfer safeguard (such as standard contractual clauses)`,
    de: (p, w) => `${where(p, w)}, und es nennt keine Übermittlungsgarantie (etwa Standardvertragsklauseln)`
  }),
  DPA_OFFERED: template<Empty>({
    en: () => 'offers a data-processing agreement',
    de: () => 'bietet einen Auftragsverarbeitungsvertrag an'
  }),
  DPA_MISSING: template<Empty>({
    en: () => 'offers no data-processing agreement',
    de: () => 'bietet keinen Auftragsverarbeitungsvertrag an'
  }),
  CERTIFIED: template<{ certifications: readonly string[] }>({
    en: (p, w) => `holds ${w.names(p.certifications)}`,
    de: (p, w) => `ist zertifiziert nach ${w.names(p.certifications)}`
  }),
  CERTIFICATION_MISSING: template<{ missing: readonly string[] }>({
    en: (p, w) => `lacks ${w.names(p.missing)}`,
    de: (p, w) => `ist nicht zertifiziert nach ${w.names(p.missing)}`
  }),
  SECRECY_SUITABLE: template<Empty>({
    en: () => 'suitable for professional-secrecy holders (§ 203 StGB)',
    de: () => 'geeignet für Berufsgeheimnisträger (§ 203 StGB)'
  }),
  SECRECY_NOT_DECLARED: template<Empty>({
    en: () => 'not declared suitable for professional-secrecy holders (§ 203 StGB)',
    de: () => 'nicht als geeignet für Berufsgeheimnisträger (§ 203 StGB) erklärt'
  }),
  PROVIDER_NOT_STATED: template<Empty>({
    en: () => 'states no provider',
    de: () => 'nennt keinen Anbieter'
  }),
  PROVIDER_EXCLUDED: template<{ provider: string }>({
    en: (p, w) => `provider ${w.name(p.provider)} is excluded`,
    de: (p, w) => `Anbieter ${w.name(p.provider)} ist ausgeschlossen`
  }),
  PROVIDER_NOT_EXCLUDED: template<{ provider: string }>({
    en: (p, w) => `provider ${w.name(p.provider)} is not excluded`,
    de: (p, w) => `Anbieter ${w.name(p.provider)} ist nicht ausgeschlossen`
  }),
  FACT_NOT_STATED: template<{ property: string }>({
    en: (p, w) => `states no ${w.name(p.property)}`,
    de: (p, w) => `nennt kein ${w.name(p.property)}`
  }),
  FACT_NOT_IN: template<{ property: string, values: ReadonlyArray<string | number | boolean>, in: ReadonlyArray<string | number | boolean> }>({
    en: (p, w) => `${w.name(p.property)} ${p.values.map(v => term(v, w)).join(', ')} is not one of ${p.in.map(t => term(t, w)).join(', ')}`,
    de: (p, w) => `${w.name(p.property)} ${p.values.map(v => term(v, w)).join(', ')} ist nicht eines von ${p.in.map(t => term(t, w)).join(', ')}`
  }),
  FACT_NOT_VALUE: template<{ property: string, values: ReadonlyArray<string | number | boolean>, hasValue: string | number | boolean }>({
    en: (p, w) => `${w.name(p.property)} is ${p.values.map(v => term(v, w)).join(', ')}, not ${term(p.hasValue, w)}`,
    de: (p, w) => `${w.name(p.property)} ist ${p.values.map(v => term(v, w)).join(', ')}, nicht ${term(p.hasValue, w)}`
  }),
  FACT_OUT_OF_BOUNDS: template<{ property: string, values: ReadonlyArray<string | number | boolean>, min?: number, max?: number }>({
    en: (p, w) => `${w.name(p.property)} ${p.values.map(v => term(v, w)).join(', ')} does not meet ${bounds(p, w)}`,
    de: (p, w) => `${w.name(p.property)} ${p.values.map(v => term(v, w)).join(', ')} erfüllt nicht ${bounds(p, w)}`
  }),
  FACT_HOLDS: template<{ property: string, values: ReadonlyArray<string | number | boolean> }>({
    en: (p, w) => `${w.name(p.property)} is ${p.values.map(v => term(v, w)).join(', ')}`,
    de: (p, w) => `${w.name(p.property)} ist ${p.values.map(v => term(v, w)).join(', ')}`
  }),
  PRICED_IN_CURRENCY: template<{ currency: string, offer: string }>({
    en: p => `priced in ${p.currency}`,
    de: p => `bepreist in ${p.currency}`
  }),
  NOT_PRICED_IN_CURRENCY: template<{ currency: string, note: Texts }>({
    en: (p, w) => `${w.pick(p.note)}; the budget is in ${p.currency}`,
    de: (p, w) => `${w.pick(p.note)}; das Budget ist in ${p.currency}`
  }),
  BUDGET: template<{ monthly: number, currency: string | null, seats: number, budget: number, budgetCurrency: string }>({
    en: (p, w) => `${w.money(p.monthly, p.currency)} a month for ${p.seats} seats, budget ${w.money(p.budget, p.budgetCurrency)}`,
    de: (p, w) => `${w.money(p.monthly, p.currency)} pro Monat für ${p.seats} ${p.seats === 1 ? 'Platz' : 'Plätze'}, Budget ${w.money(p.budget, p.budgetCurrency)}`
  }),
  BUDGET_UNCHECKED: template<{ unpriced: readonly string[], monthly: number, currency: string | null, seats: number, budget: number, budgetCurrency: string }>({
    en: (p, w) => `cannot be checked: ${p.unpriced.map(w.name).join(', ')} not priced in ${p.budgetCurrency}; the others cost ${w.money(p.monthly, p.currency)} a month for ${p.seats} seats, budget ${w.money(p.budget, p.budgetCurrency)}`,
    de: (p, w) => `nicht prüfbar: ${p.unpriced.map(w.name).join(', ')} ohne Preis in ${p.budgetCurrency}; die übrigen kosten ${w.money(p.monthly, p.currency)} pro Monat für ${p.seats} ${p.seats === 1 ? 'Platz' : 'Plätze'}, Budget ${w.money(p.budget, p.budgetCurrency)}`
  }),
  NO_PERSONAL_DATA: template<{ place: PersonalDataPlace }>({
    en: (p, w) => `${place(p.place, w)} carries no personal data`,
    de: (p, w) => `${place(p.place, w)} überträgt keine personenbezogenen Daten`
  }),
  PERSONAL_DATA: template<{ place: PersonalDataPlace, data: readonly string[] }>({
    en: (p, w) => `${place(p.place, w)} carries personal data (${p.data.map(w.name).join(', ')})`,
    de: (p, w) => `${place(p.place, w)} überträgt personenbezogene Daten (${p.data.map(w.name).join(', ')})`
  }),

  // Why a member has no price.
  NO_OFFER: template<Empty>({
    en: () => 'no offer: price unknown',
    de: () => 'kein Angebot: Preis unbekannt'
  }),
  UNDECLARED_COMPONENTS: template<{ currency: string | null, components: readonly string[] }>({
    en: (p, w) => `its offers in ${p.currency ?? 'the currency'} charge price components the vocabulary does not declare (${p.components.map(w.name).join(', ')}): price unknown`,
    de: (p, w) => `seine Angebote in ${p.currency ?? 'der Währung'} berechnen Preisbestandteile, die das Vokabular nicht deklariert (${p.components.map(w.name).join(', ')}): Preis unbekannt`
  }),
  UNREADABLE_PRICES: template<{ currency: string | null, amounts: readonly string[] }>({
    en: (p) => `its offers in ${p.currency ?? 'the currency'} state prices that are no non-negative number (${p.amounts.map(a => `"${a}"`).join(', ')}): price unknown`,
    de: (p) => `seine Angebote in ${p.currency ?? 'der Währung'} nennen Preise, die keine nicht-negative Zahl sind (${p.amounts.map(a => `"${a}"`).join(', ')}): Preis unbekannt`
  }),
  MIXED_CURRENCIES: template<Empty>({
    en: () => 'its offers mix currencies between price components: price unknown',
    de: () => 'seine Angebote mischen Währungen zwischen Preisbestandteilen: Preis unbekannt'
  }),
  OTHER_CURRENCIES: template<{ currency: string | null, currencies: readonly string[] }>({
    en: p => `no offer in ${p.currency ?? 'a common currency'}; priced only in ${p.currencies.join(', ')} (no conversion)`,
    de: p => `kein Angebot in ${p.currency ?? 'einer gemeinsamen Währung'}; nur bepreist in ${p.currencies.join(', ')} (keine Umrechnung)`
  }),

  // What a nearest bundle would need.
  NEED_BUDGET_AT_LEAST: template<{ cheapest: number, budget: number, currency: string }>({
    en: (p, w) => `a budget of at least ${w.money(p.cheapest, p.currency)} (is ${w.money(p.budget, p.currency)})`,
    de: (p, w) => `ein Budget von mindestens ${w.money(p.cheapest, p.currency)} (ist ${w.money(p.budget, p.currency)})`
  }),
  NEED_LARGER_BUDGET: template<{ detail: Texts }>({
    en: (p, w) => `a larger budget: ${w.pick(p.detail)}`,
    de: (p, w) => `ein größeres Budget: ${w.pick(p.detail)}`
  }),
  NEED_CONSTRAINT: template<{ service?: string, constraint: string, detail: Texts }>({
    en: (p, w) => `${p.service === undefined ? constraintName(p.constraint, w) : w.name(p.service)}: ${w.pick(p.detail)}`,
    de: (p, w) => `${p.service === undefined ? constraintName(p.constraint, w) : w.name(p.service)}: ${w.pick(p.detail)}`
  }),
  NEED_REQUIREMENT: template<{ service: string, interfaceTypes: readonly string[], why: Texts }>({
    en: (p, w) => `${w.name(p.service)} requires ${types(p.interfaceTypes, w)}: ${w.pick(p.why)}`,
    de: (p, w) => `${w.name(p.service)} benötigt ${types(p.interfaceTypes, w)}: ${w.pick(p.why)}`
  }),
  NEED_GOAL: template<{ why: Texts }>({
    en: (p, w) => w.pick(p.why),
    de: (p, w) => w.pick(p.why)
  }),

  // Why a goal or requirement cannot be met (GOAL_UNREACHABLE, nearest-bundle needs).
  WHY_NO_PROVIDER: template<{ item: ItemFacts }>({
    en: (p, w) => p.item.kind === 'serviceType'
      ? `no service in the catalog is of type ${itemTypes(p.item, w)}`
      : `no service in the catalog provides ${itemTypes(p.item, w)}${p.item.kind === 'requires' ? ' and no available interface type satisfies it' : ''}`,
    de: (p, w) => p.item.kind === 'serviceType'
      ? `kein Dienst im Katalog ist vom Typ ${itemTypes(p.item, w)}`
      : `kein Dienst im Katalog liefert ${itemTypes(p.item, w)}${p.item.kind === 'requires' ? ', und kein verfügbarer Schnittstellentyp erfüllt die Anforderung' : ''}`
  }),
  WHY_INCOMPATIBLE: template<{ item: ItemFacts, mismatches: readonly MismatchFacts[], more: number }>({
    en: (p, w) => `no service in the catalog provides ${itemTypes(p.item, w)} with a compatible protocol, data format or version (${more(p.mismatches.map(m => mismatch(m, w)), p.more, w)})`,
    de: (p, w) => `kein Dienst im Katalog liefert ${itemTypes(p.item, w)} mit passendem Protokoll, Datenformat oder passender Version (${more(p.mismatches.map(m => mismatch(m, w)), p.more, w)})`
  }),
  WHY_CONSTRAINTS: template<{ item: ItemFacts, constraints: readonly Texts[], candidates: ReadonlyArray<{ service: string, failed: readonly Texts[] }>, more: number }>({
    en: (p, w) => `no service in the catalog ${p.item.kind === 'serviceType' ? `is of type ${itemTypes(p.item, w)}` : `provides ${itemTypes(p.item, w)}`} ${p.constraints.map(w.pick).join(' and ')} (${more(p.candidates.map(c => `${w.name(c.service)}: ${c.failed.length > 0 ? c.failed.map(w.pick).join(', ') : 'personal data on the link'}`), p.more, w)})`,
    de: (p, w) => `kein Dienst im Katalog, der ${p.item.kind === 'serviceType' ? `vom Typ ${itemTypes(p.item, w)} ist` : `${itemTypes(p.item, w)} liefert`}, erfüllt: ${p.constraints.map(w.pick).join(' und ')} (${more(p.candidates.map(c => `${w.name(c.service)}: ${c.failed.length > 0 ? c.failed.map(w.pick).join(', ') : 'personenbezogene Daten auf der Verbindung'}`), p.more, w)})`
  }),
  WHY_REQUIREMENTS_OPEN: template<ProviderChoice>({
    en: (p, w) => `${chosen(p, w)}, but its requirements cannot all be satisfied`,
    de: (p, w) => `${chosen(p, w)}, dessen Anforderungen aber nicht alle erfüllbar sind`
  }),
  WHY_REQUIREMENT_BLOCKED: template<ProviderChoice & { requirement: readonly string[], below: Texts }>({
    en: (p, w) => `${chosen(p, w)}, but ${w.name(p.provider)} requires ${types(p.requirement, w)}: ${w.pick(p.below)}`,
    de: (p, w) => `${chosen(p, w)}, aber ${w.name(p.provider)} benötigt ${types(p.requirement, w)}: ${w.pick(p.below)}`
  }),

  // What a constraint demands, in "no service … <phrase>".
  PHRASE_DATA_LOCATION: template<{ allowed: readonly string[] }>({
    en: (p, w) => `within ${p.allowed.length === 0 ? 'the allowed locations' : p.allowed.map(w.name).join(', ')}`,
    de: (p, w) => `Datenstandort innerhalb der erlaubten Standorte${p.allowed.length === 0 ? '' : ` (${p.allowed.map(w.name).join(', ')})`}`
  }),
  PHRASE_DPA: template<Empty>({
    en: () => 'with a data-processing agreement',
    de: () => 'Auftragsverarbeitungsvertrag'
  }),
  PHRASE_CERTIFICATIONS: template<{ certifications: readonly string[] }>({
    en: (p, w) => `certified ${w.names(p.certifications)}`,
    de: (p, w) => `Zertifizierung nach ${w.names(p.certifications)}`
  }),
  PHRASE_SECRECY: template<Empty>({
    en: () => 'suitable for § 203 StGB',
    de: () => 'Eignung für Berufsgeheimnisträger (§ 203 StGB)'
  }),
  PHRASE_PROVIDER: template<Empty>({
    en: () => 'from a provider that is not excluded',
    de: () => 'ein nicht ausgeschlossener Anbieter'
  }),
  PHRASE_CURRENCY: template<{ currency: string | null }>({
    en: p => `priced in ${p.currency ?? 'the budget currency'}`,
    de: p => `Preis in ${p.currency ?? 'der Währung des Budgets'}`
  }),
  PHRASE_FACTS: template<{ facts: ReadonlyArray<{ property: string, in?: ReadonlyArray<string | number | boolean>, hasValue?: string | number | boolean, min?: number, max?: number }> }>({
    en: (p, w) => `with ${w.list(p.facts.map(f => `${w.name(f.property)} ${w.list([
      ...f.in === undefined ? [] : [`in ${f.in.map(t => term(t, w)).join(', ')}`],
      ...f.hasValue === undefined ? [] : [`has ${term(f.hasValue, w)}`],
      ...f.min === undefined && f.max === undefined ? [] : [bounds(f, w)]])}`))}`,
    de: (p, w) => w.list(p.facts.map(f => `${w.name(f.property)} ${w.list([
      ...f.in === undefined ? [] : [`aus ${f.in.map(t => term(t, w)).join(', ')}`],
      ...f.hasValue === undefined ? [] : [`enthält ${term(f.hasValue, w)}`],
      ...f.min === undefined && f.max === undefined ? [] : [bounds(f, w)]])}`))
  }),
  PHRASE_BUDGET: template<Empty>({
    en: () => 'within the budget',
    de: () => 'innerhalb des Budgets'
  }),
  PHRASE_PERSONAL_DATA: template<Empty>({
    en: () => 'without personal data leaving the allowed locations',
    de: () => 'keine personenbezogenen Daten außerhalb der erlaubten Standorte'
  }),

  // Issues.
  OVER_BUDGET: template<{ cheapest: number, budget: number, currency: string, seats: number }>({
    en: (p, w) => `cheapest valid bundle costs ${w.money(p.cheapest, p.currency)} a month for ${p.seats} seats, budget ${w.money(p.budget, p.currency)}`,
    de: (p, w) => `das günstigste gültige Bündel kostet ${w.money(p.cheapest, p.currency)} pro Monat für ${p.seats} ${p.seats === 1 ? 'Platz' : 'Plätze'}, Budget ${w.money(p.budget, p.currency)}`
  }),
  NEAREST_BUNDLE_BUDGET: template<{ services: readonly string[], cheapest: number, currency: string }>({
    en: (p, w) => `nearest bundle ${p.services.map(w.name).join(', ')} would need a budget of at least ${w.money(p.cheapest, p.currency)}`,
    de: (p, w) => `das nächste Bündel ${p.services.map(w.name).join(', ')} bräuchte ein Budget von mindestens ${w.money(p.cheapest, p.currency)}`
  }),
  NEAREST_BUNDLE: template<{ services: readonly string[], needs: readonly Texts[] }>({
    en: (p, w) => `nearest bundle ${p.services.map(w.name).join(', ')} would need: ${p.needs.map(w.pick).join('; ')}`,
    de: (p, w) => `das nächste Bündel ${p.services.map(w.name).join(', ')} bräuchte: ${p.needs.map(w.pick).join('; ')}`
  }),
  NO_VALID_WIRING: template<{ wiring: 'static' | 'dataflow' }>({
    en: p => `each goal is reachable on its own, but no set of services wires together: protocols, data formats or versions disagree, ${p.wiring === 'dataflow' ? 'links would form a cycle, ' : ''}or personal data would reach a member outside the allowed locations`,
    de: p => `jedes Ziel ist für sich erreichbar, aber keine Menge von Diensten lässt sich verdrahten: Protokolle, Datenformate oder Versionen passen nicht zusammen, ${p.wiring === 'dataflow' ? 'Verbindungen würden einen Zyklus bilden, ' : ''}oder personenbezogene Daten würden ein Mitglied außerhalb der erlaubten Standorte erreichen`
  }),
  WIRING_CYCLE: template<{ services: readonly string[], cycles: ReadonlyArray<readonly string[]>, needs: readonly Texts[] }>({
    en: (p, w) => `in dataflow wiring a member provides only after its own requirements are met, so members that need each other have no order to fire in: ${p.cycles.map(c => c.map(w.name).join(' ⇄ ')).join('; ')} (${p.needs.map(w.pick).join('; ')}). ` +
      `With static wiring ("wiring": "static", the default) the bundle ${p.services.map(w.name).join(', ')} is valid`,
    de: (p, w) => `bei Datenfluss-Verdrahtung liefert ein Mitglied erst, wenn seine eigenen Anforderungen erfüllt sind; Mitglieder, die einander brauchen, haben also keine Reihenfolge: ${p.cycles.map(c => c.map(w.name).join(' ⇄ ')).join('; ')} (${p.needs.map(w.pick).join('; ')}). ` +
      `Mit statischer Verdrahtung ("wiring": "static", die Voreinstellung) ist das Bündel ${p.services.map(w.name).join(', ')} gültig`
  }),
  CURRENCY_MISMATCH: template<{ services: readonly string[], currency: string }>({
    en: (p, w) => `${w.names(p.services)} ${p.services.length === 1 ? 'is' : 'are'} not priced in ${p.currency}, the budget's currency; prices are never converted`,
    de: (p, w) => `${w.names(p.services)} ${p.services.length === 1 ? 'ist' : 'sind'} nicht in ${p.currency} bepreist, der Währung des Budgets; Preise werden nie umgerechnet`
  }),
  SEARCH_LIMIT: template<SearchStop & { found: number, limit: number, bound: number }>({
    en: (p, w) => `${stoppedEn(p)} with ${p.found} of ${p.limit} bundles; further bundles may exist${p.bound > 0 ? `, none costing less than ${w.number(p.bound)}` : ''} — ` +
      (p.solverStatus !== undefined ? `a larger "timeoutMs" would not help: ${narrowEn}` : p.raisable ? `give the request a larger "timeoutMs"${p.shareMs === undefined ? '' : ' (the call then gets a larger share)'} or narrow it` : `${narrowEn}: ${p.timeoutMs} ms is the longest time budget allowed`),
    de: (p, w) => `${stoppedDe(p, w)} mit ${p.found} von ${p.limit} Bündeln${p.solverStatus === undefined && p.shareMs === undefined ? ' ab' : ''}; weitere Bündel kann es geben${p.bound > 0 ? `, keines mit Kosten unter ${w.number(p.bound)}` : ''} — ` +
      (p.solverStatus !== undefined ? `ein größeres "timeoutMs" hilft nicht: ${narrowDe}` : p.raisable ? `geben Sie der Anfrage ein größeres "timeoutMs"${p.shareMs === undefined ? '' : ' (der Aufruf erhält dann einen größeren Anteil)'} oder schränken Sie sie ein` : `${narrowDe}: ${w.number(p.timeoutMs)} ms ist das längste erlaubte Zeitbudget`)
  }),
  SEARCH_CUT: template<{ found: number, limit: number, bound: number, last?: number, gap?: number }>({
    en: (p, w) => `the search stopped at its size budget with ${p.found} of ${p.limit} bundles: the request reaches too much of the catalog to search it whole, so the bundles listed are valid and minimal but not proven the cheapest, and others may exist` +
      (p.last !== undefined && p.gap !== undefined ? `; any other bundle costs at least ${w.number(p.bound)} (the listed ones cost up to ${w.number(p.last)}, a gap of ${w.number(p.gap)})` : p.bound > 0 ? `, none costing less than ${w.number(p.bound)}` : '') +
      `; ${narrowEn}`,
    de: (p, w) => `die Suche endete an ihrer Größengrenze mit ${p.found} von ${p.limit} Bündeln: die Anfrage erreicht zu viel vom Katalog, um ihn ganz zu durchsuchen, daher sind die aufgeführten Bündel gültig und minimal, aber nicht als die günstigsten bewiesen, und es kann weitere geben` +
      (p.last !== undefined && p.gap !== undefined ? `; jedes andere Bündel kostet mindestens ${w.number(p.bound)} (die aufgeführten kosten bis zu ${w.number(p.last)}, ein Abstand von ${w.number(p.gap)})` : p.bound > 0 ? `, keines mit Kosten unter ${w.number(p.bound)}` : '') +
      `; ${narrowDe}`
  }),
  RANKING_UNPROVEN: template<SearchStop & { bound: number, last: number, gap: number }>({
    en: (p, w) => `the bundles are valid and minimal, but ${p.solverStatus === undefined ? stoppedEn(p) : `the integer solver stopped (HiGHS status ${p.solverStatus}) with time left`} before proving that none cheaper exists: any other bundle costs at least ${w.number(p.bound)} (the listed ones cost up to ${w.number(p.last)}, a gap of ${w.number(p.gap)}); ` +
      (p.solverStatus !== undefined ? `a larger "timeoutMs" would not help, only a narrower request can be proven` : p.raisable ? `give the request a larger "timeoutMs"${p.shareMs === undefined ? '' : ' (the call then gets a larger share)'} for a proof` : `${p.timeoutMs} ms is the longest time budget allowed, so only a narrower request can be proven`),
    de: (p, w) => `die Bündel sind gültig und minimal, aber ${p.solverStatus === undefined ? `${stoppedDe(p, w)}${p.shareMs === undefined ? ' ab' : ''}` : `der Solver für ganzzahlige Programme hielt mit verbleibender Zeit an (HiGHS-Status ${p.solverStatus})`}, bevor bewiesen war, dass es kein günstigeres gibt: jedes andere Bündel kostet mindestens ${w.number(p.bound)} (die aufgeführten kosten bis zu ${w.number(p.last)}, ein Abstand von ${w.number(p.gap)}); ` +
      (p.solverStatus !== undefined ? 'ein größeres "timeoutMs" hilft nicht, bewiesen werden kann nur eine engere Anfrage' : p.raisable ? `geben Sie der Anfrage für einen Beweis ein größeres "timeoutMs"${p.shareMs === undefined ? '' : ' (der Aufruf erhält dann einen größeren Anteil)'}` : `${w.number(p.timeoutMs)} ms ist das längste erlaubte Zeitbudget, bewiesen werden kann also nur eine engere Anfrage`)
  }),
  UNKNOWN_PRICE_COMPONENT: template<{ service: string, offer: string, component: string }>({
    en: (p, w) => `offer ${w.name(p.offer)} of ${w.name(p.service)} charges the price component ${w.name(p.component)}, which the vocabulary does not declare with what it counts and its billing period: that offer is not used for the price; declare the component or fix the IRI`,
    de: (p, w) => `Angebot ${w.name(p.offer)} von ${w.name(p.service)} berechnet den Preisbestandteil ${w.name(p.component)}, den das Vokabular nicht mit Zählgröße und Abrechnungszeitraum deklariert: dieses Angebot geht nicht in den Preis ein; deklarieren Sie den Bestandteil oder korrigieren Sie die IRI`
  }),
  UNREADABLE_PRICE: template<{ service: string, offer: string, component: string, amount: string }>({
    en: (p, w) => `offer ${w.name(p.offer)} of ${w.name(p.service)} states the price "${p.amount}" for ${w.name(p.component)}, which is no non-negative number: that offer is not used for the price; write the amount as a decimal number with a point, such as 19.00`,
    de: (p, w) => `Angebot ${w.name(p.offer)} von ${w.name(p.service)} nennt den Preis "${p.amount}" für ${w.name(p.component)}, keine nicht-negative Zahl: dieses Angebot geht nicht in den Preis ein; schreiben Sie den Betrag als Dezimalzahl mit Punkt, etwa 19.00`
  })
}

/** Constraint names as people read them (text output, needs without a member). */
const constraintNames: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: {
    dataLocation: 'data location', requireDPA: 'data-processing agreement', certifications: 'certifications',
    professionalSecrecy: 'professional secrecy', facts: 'facts', excludeProviders: 'excluded providers',
    currency: 'currency', budget: 'budget', personalData: 'personal data'
  },
  de: {
    dataLocation: 'Datenstandort', requireDPA: 'Auftragsverarbeitungsvertrag', certifications: 'Zertifizierungen',
    professionalSecrecy: 'Berufsgeheimnis', facts: 'Fakten', excludeProviders: 'ausgeschlossene Anbieter',
    currency: 'Währung', budget: 'Budget', personalData: 'personenbezogene Daten'
  }
}

/** The readable name of a constraint (`dataLocation` → `data location` / `Datenstandort`). */
export function constraintName (constraint: string, w: Pick<Writer, 'language'>): string {
  return constraintNames[w.language][constraint] ?? constraint
}

/** Every sentence code. */
export type TextCode = keyof typeof templates

/** The values a sentence of a code is written from. */
export type TextParams<C extends TextCode> = Parameters<(typeof templates)[C]['en']>[0]

/** Every sentence code, for checks that each has its texts. */
export const textCodes = Object.keys(templates) as TextCode[]

/** The sentence of `code` from `params`, in every language. */
export function say<C extends TextCode> (code: C, params: TextParams<C>, namer: Namer): Texts {
  const t = templates[code] as unknown as Template<TextParams<C>>
  return { en: t.en(params, writerFor(namer, 'en')), de: t.de(params, writerFor(namer, 'de')) }
}

/** Texts joined per language (`; ` between member reasons). */
export function joinTexts (parts: readonly Texts[], separator: string): Texts {
  return { en: parts.map(p => p.en).join(separator), de: parts.map(p => p.de).join(separator) }
}

export { writerFor }
