/**
 * Every sentence of a matching answer, in English and German: one template per stable code,
 * written from the values the sentence is built from. Issues have a message and a fix; the
 * explanations of pairs, requirements, links and discovery results have a message. Things are
 * named as the namer names them (catalog labels in the sentence's language, else local names);
 * the answer's structured fields keep the IRIs.
 */
import type { MatchIssue, MatchIssueCode, TypeMatch } from './types.js'
import { writerFor, type Language, type Namer, type Texts, type Writer } from './writer.js'

interface Template<P> {
  readonly en: (p: P, w: Writer) => string
  readonly de: (p: P, w: Writer) => string
}

/** An issue's sentences: what disagrees, and what would fix it. */
interface IssueTemplate<P> {
  readonly code: MatchIssueCode
  readonly message: Template<P>
  readonly fix: Template<P>
}

const template = <P>(t: Template<P>): Template<P> => t
const issueTemplate = <P>(t: IssueTemplate<P>): IssueTemplate<P> => t

/** `Either A or B` of named IRIs. */
const either = (iris: readonly string[], w: Writer): string => w.either(iris.map(w.name))

/** Class chains as `A ⊑ B`, `; `-separated; only those with an edge. */
const chains = (paths: ReadonlyArray<readonly string[]>, w: Writer): string =>
  paths.filter(path => path.length > 1).map(path => path.map(w.name).join(' ⊑ ')).join('; ')

const via = (paths: ReadonlyArray<readonly string[]>, w: Writer): string => {
  const text = chains(paths, w)
  return text === '' ? '' : ` (${text})`
}

const types = (list: readonly string[], w: Writer): string =>
  list.length === 0 ? (w.language === 'de' ? 'einer Schnittstelle ohne Typ' : 'an untyped interface') : w.names(list)

interface AgreementFacts {
  readonly required: readonly string[]
  readonly provided: readonly string[]
}

const provideFix: Template<{ required: readonly string[] }> = {
  en: (p, w) => `provide an interface of type ${w.names(p.required)} (or a subclass)`,
  de: (p, w) => `liefern Sie eine Schnittstelle vom Typ ${w.names(p.required)} (oder einer Unterklasse)`
}

/** The issue sentences, by sentence code; `code` is the issue code they are given with. */
const issueTemplates = {
  UNTYPED_INTERFACE: issueTemplate<{ required: string, service: string }>({
    code: 'UNTYPED_INTERFACE',
    message: {
      en: (p, w) => `the required interface ${w.name(p.required)} of ${w.name(p.service)} states no type`,
      de: (p, w) => `die benötigte Schnittstelle ${w.name(p.required)} von ${w.name(p.service)} nennt keinen Typ`
    },
    fix: {
      en: (p, w) => `state the interface type of ${w.name(p.required)}`,
      de: (p, w) => `nennen Sie den Schnittstellentyp von ${w.name(p.required)}`
    }
  }),
  NO_TYPE_MATCH: issueTemplate<{ provided: string, service: string, offered: readonly string[], required: readonly string[] }>({
    code: 'NO_TYPE_MATCH',
    message: {
      en: (p, w) => `${w.name(p.provided)} of ${w.name(p.service)} is ${p.offered.length === 0 ? 'untyped' : w.names(p.offered)}, which is neither ${either(p.required, w)}, a subclass nor a superclass of it`,
      de: (p, w) => `${w.name(p.provided)} von ${w.name(p.service)} ist ${p.offered.length === 0 ? 'ohne Typ' : w.names(p.offered)} und damit weder ${either(p.required, w)} noch eine Unter- oder Oberklasse davon`
    },
    fix: provideFix
  }),
  NO_PROVIDED_INTERFACE: issueTemplate<{ provider: string, required: readonly string[], offered: readonly string[] }>({
    code: 'NO_TYPE_MATCH',
    message: {
      en: (p, w) => `${w.name(p.provider)} provides no interface of type ${w.names(p.required)}, a subclass or a superclass` +
        (p.offered.length === 0 ? ' (it provides no interface at all)' : ` (it provides ${w.names(p.offered)})`),
      de: (p, w) => `${w.name(p.provider)} liefert keine Schnittstelle vom Typ ${w.names(p.required)}, einer Unter- oder Oberklasse` +
        (p.offered.length === 0 ? ' (es liefert überhaupt keine Schnittstelle)' : ` (es liefert ${w.names(p.offered)})`)
    },
    fix: provideFix
  }),
  PROTOCOL_MISMATCH: issueTemplate<AgreementFacts>({
    code: 'PROTOCOL_MISMATCH',
    message: {
      en: (p, w) => `the requirement needs the protocol ${either(p.required, w)}; the provided interface offers ${either(p.provided, w)}`,
      de: (p, w) => `die Anforderung braucht das Protokoll ${either(p.required, w)}; die gelieferte Schnittstelle bietet ${either(p.provided, w)}`
    },
    fix: {
      en: (p, w) => `provide ${either(p.required, w)}`,
      de: (p, w) => `bieten Sie ${either(p.required, w)} an`
    }
  }),
  DATA_FORMAT_MISMATCH: issueTemplate<AgreementFacts>({
    code: 'DATA_FORMAT_MISMATCH',
    message: {
      en: (p, w) => `the requirement needs the data format ${either(p.required, w)}; the provided interface offers ${either(p.provided, w)}`,
      de: (p, w) => `die Anforderung braucht das Datenformat ${either(p.required, w)}; die gelieferte Schnittstelle bietet ${either(p.provided, w)}`
    },
    fix: {
      en: (p, w) => `provide ${either(p.required, w)}`,
      de: (p, w) => `bieten Sie ${either(p.required, w)} an`
    }
  }),
  VERSION_MISMATCH: issueTemplate<{ version: string, versionRange: string }>({
    code: 'VERSION_MISMATCH',
    message: {
      en: p => `the provided version ${p.version} is not in the required range ${p.versionRange}`,
      de: p => `die gelieferte Version ${p.version} liegt nicht im geforderten Bereich ${p.versionRange}`
    },
    fix: {
      en: p => `offer a version in ${p.versionRange}`,
      de: p => `bieten Sie eine Version in ${p.versionRange} an`
    }
  }),
  INVALID_VERSION: issueTemplate<{ version: string, service: string }>({
    code: 'INVALID_VERSION',
    message: {
      en: p => `the provided version "${p.version}" is not a semantic version`,
      de: p => `die gelieferte Version "${p.version}" ist keine semantische Version`
    },
    fix: {
      en: (p, w) => `state the version of the interface ${w.name(p.service)} provides as a semantic version such as "2.1.0"`,
      de: (p, w) => `nennen Sie die Version der Schnittstelle, die ${w.name(p.service)} liefert, als semantische Version wie "2.1.0"`
    }
  }),
  INVALID_VERSION_RANGE: issueTemplate<{ versionRange: string, service: string }>({
    code: 'INVALID_VERSION_RANGE',
    message: {
      en: p => `the requirement's version range "${p.versionRange}" is not a semver range`,
      de: p => `der geforderte Versionsbereich "${p.versionRange}" ist kein Semver-Bereich`
    },
    fix: {
      en: (p, w) => `state the version range of the interface ${w.name(p.service)} requires as a semver range such as ">=1.0.0 <2.0.0"`,
      de: (p, w) => `nennen Sie den Versionsbereich der Schnittstelle, die ${w.name(p.service)} benötigt, als Semver-Bereich wie ">=1.0.0 <2.0.0"`
    }
  })
}

/** Facts of a requirement's result in a pair check. */
interface RequirementFacts {
  readonly consumer: string
  readonly provider: string
  readonly types: readonly string[]
  readonly optional: boolean
}

/** The available types covering a requirement's types, each once. */
const availableTypes = (list: readonly TypeMatch[]): string[] => [...new Set(list.map(t => t.provided ?? t.required))]

const optionalMark = (optional: boolean): string => optional ? ' (optional)' : ''

/** How a similarity is written (`0.67` / `0,67`). */
const similarity = (n: number, w: Writer): string => w.language === 'de' ? n.toFixed(2).replace('.', ',') : n.toFixed(2)

/** What a discovery near miss lacks. */
interface MissingFacts {
  readonly kind: 'input' | 'output'
  readonly requirement: string
  readonly closest?: string
  readonly similarity: number
}

function missingText (item: MissingFacts, w: Writer): string {
  const de = w.language === 'de'
  const wanted = w.name(item.requirement)
  const closest = item.closest === undefined ? '?' : w.name(item.closest)
  const s = similarity(item.similarity, w)
  if (item.kind === 'output') return de ? `liefert ${closest} statt ${wanted} (Ähnlichkeit ${s})` : `provides ${closest} instead of ${wanted} (similarity ${s})`
  if (item.closest === undefined) return de ? `braucht ${wanted}, das Sie nicht haben` : `needs ${wanted}, which you do not have`
  return de ? `braucht ${wanted}, Sie haben ${closest} (Ähnlichkeit ${s})` : `needs ${wanted}, you have ${closest} (similarity ${s})`
}

/** What a link's sentence is written from. */
interface LinkFacts {
  readonly from: string
  readonly to: string
  readonly optional: boolean
  readonly degree: string
  readonly types: readonly TypeMatch[]
}

/**
 * A link's sentence between the two services' names: what is provided for which requirement.
 * It depends on the types and whether the requirement is optional, not on the services.
 */
const linkMiddle: Readonly<Record<Language, (p: Omit<LinkFacts, 'from' | 'to' | 'degree'>, w: Writer) => string>> = {
  en: (p, w) => ` provides ${w.names(p.types.map(t => t.provided ?? t.required))} for the${p.optional ? ' optional' : ''} requirement ${w.names(p.types.map(t => t.required))} of `,
  de: (p, w) => ` liefert ${w.names(p.types.map(t => t.provided ?? t.required))} für die ${p.optional ? 'optionale ' : ''}Anforderung ${w.names(p.types.map(t => t.required))} von `
}

/** A link's sentence after the consumer's name: the degree and the class chains proving it. */
const linkEnd = (p: Pick<LinkFacts, 'degree' | 'types'>, w: Writer): string => `: ${w.degree(p.degree)}${via(p.types.map(t => t.path), w)}`

/** The explanation sentences, by code. */
const templates = {
  // Does A fit B.
  PAIR_COMBINABLE: template<{ a: string, b: string, degree: string }>({
    en: (p, w) => `${w.name(p.a)} and ${w.name(p.b)} can be combined (${w.degree(p.degree)})`,
    de: (p, w) => `${w.name(p.a)} und ${w.name(p.b)} lassen sich verbinden (${w.degree(p.degree)})`
  }),
  PAIR_NOT_COMBINABLE: template<{ a: string, b: string }>({
    en: (p, w) => `${w.name(p.a)} and ${w.name(p.b)} cannot be combined: neither meets a requirement of the other`,
    de: (p, w) => `${w.name(p.a)} und ${w.name(p.b)} lassen sich nicht verbinden: keiner erfüllt eine Anforderung des anderen`
  }),
  DIRECTION: template<{ provider: string, consumer: string, degree: string, complete: boolean, requirements: number }>({
    en: (p, w) => `${w.name(p.provider)} for ${w.name(p.consumer)}: ${p.requirements === 0 ? `${w.name(p.consumer)} has no requirements` : `${w.degree(p.degree)}${p.complete ? ', every requirement met' : ', not every requirement met'}`}`,
    de: (p, w) => `${w.name(p.provider)} für ${w.name(p.consumer)}: ${p.requirements === 0 ? `${w.name(p.consumer)} hat keine Anforderungen` : `${w.degree(p.degree)}${p.complete ? ', jede Anforderung erfüllt' : ', nicht jede Anforderung erfüllt'}`}`
  }),
  REQUIREMENT_MET: template<RequirementFacts & { provided: string, degree: string, paths: ReadonlyArray<readonly string[]> }>({
    en: (p, w) => `requirement ${types(p.types, w)} of ${w.name(p.consumer)}${optionalMark(p.optional)}: met by ${w.name(p.provided)} of ${w.name(p.provider)}, ${w.degree(p.degree)}${via(p.paths, w)}`,
    de: (p, w) => `Anforderung ${types(p.types, w)} von ${w.name(p.consumer)}${optionalMark(p.optional)}: erfüllt durch ${w.name(p.provided)} von ${w.name(p.provider)}, ${w.degree(p.degree)}${via(p.paths, w)}`
  }),
  REQUIREMENT_UNMET: template<RequirementFacts & { issues: ReadonlyArray<{ messages: Texts, fixes: Texts }> }>({
    en: (p, w) => `requirement ${types(p.types, w)} of ${w.name(p.consumer)}${optionalMark(p.optional)}: not met by ${w.name(p.provider)}: ${p.issues.map(i => `${i.messages.en} — ${i.fixes.en}`).join('; ')}`,
    de: (p, w) => `Anforderung ${types(p.types, w)} von ${w.name(p.consumer)}${optionalMark(p.optional)}: von ${w.name(p.provider)} nicht erfüllt: ${p.issues.map(i => `${i.messages.de} — ${i.fixes.de}`).join('; ')}`
  }),

  // What can be combined with X.
  LINK: template<LinkFacts>({
    en: (p, w) => `${w.name(p.from)}${linkMiddle.en(p, w)}${w.name(p.to)}${linkEnd(p, w)}`,
    de: (p, w) => `${w.name(p.from)}${linkMiddle.de(p, w)}${w.name(p.to)}${linkEnd(p, w)}`
  }),
  NOTHING_COMBINABLE: template<{ service: string }>({
    en: (p, w) => `Nothing in the catalog can be combined with ${w.name(p.service)}.`,
    de: (p, w) => `Nichts im Katalog lässt sich mit ${w.name(p.service)} verbinden.`
  }),

  // Discovery: how a wanted type is provided and a requirement met, and the result's reason.
  WANTED_PROVIDED: template<{ wanted: string, degree: string, path: readonly string[] }>({
    en: (p, w) => `provides ${w.name(p.wanted)}: ${w.degree(p.degree)}${via([p.path], w)}`,
    de: (p, w) => `liefert ${w.name(p.wanted)}: ${w.degree(p.degree)}${via([p.path], w)}`
  }),
  REQUIRES_MET: template<{ optional: boolean, degree: string, types: readonly TypeMatch[] }>({
    en: (p, w) => {
      const available = availableTypes(p.types)
      return `requires ${types(p.types.map(t => t.required), w)}${optionalMark(p.optional)}: met by the available ${available.length === 1 ? 'type' : 'types'} ${w.names(available)}, ${w.degree(p.degree)}`
    },
    de: (p, w) => {
      const available = availableTypes(p.types)
      return `benötigt ${types(p.types.map(t => t.required), w)}${optionalMark(p.optional)}: erfüllt durch ${available.length === 1 ? 'den vorhandenen Typ' : 'die vorhandenen Typen'} ${w.names(available)}, ${w.degree(p.degree)}`
    }
  }),
  REQUIRES_UNMET: template<{ optional: boolean, types: readonly TypeMatch[] }>({
    en: (p, w) => `requires ${types(p.types.map(t => t.required), w)}${optionalMark(p.optional)}: not met by the available types`,
    de: (p, w) => `benötigt ${types(p.types.map(t => t.required), w)}${optionalMark(p.optional)}: von den vorhandenen Typen nicht erfüllt`
  }),
  RELATED_OUTPUT: template<{ missing: readonly MissingFacts[] }>({
    en: (p, w) => `Near miss: ${p.missing.map(m => missingText(m, w)).join('; ')}.`,
    de: (p, w) => `Knapp daneben: ${p.missing.map(m => missingText(m, w)).join('; ')}.`
  }),
  MISSING_INPUT: template<{ missing: readonly MissingFacts[] }>({
    en: (p, w) => `Near miss: ${p.missing.map(m => missingText(m, w)).join('; ')}.`,
    de: (p, w) => `Knapp daneben: ${p.missing.map(m => missingText(m, w)).join('; ')}.`
  }),
  NEEDS_NOTHING_OFFERED: template<Record<string, never>>({
    en: () => 'Partial match: provides what is wanted but uses none of the types you have.',
    de: () => 'Teiltreffer: liefert das Gewünschte, nutzt aber keinen der Typen, die Sie haben.'
  }),
  GENERAL_MATCH: template<{ general: string }>({
    en: (p, w) => `Partial match: ${w.name(p.general)} is met only by a more general type.`,
    de: (p, w) => `Teiltreffer: ${w.name(p.general)} wird nur durch einen allgemeineren Typ erfüllt.`
  }),
  FULL_MATCH_NEEDS_NOTHING: template<Record<string, never>>({
    en: () => 'Full match: provides what is wanted and needs nothing from you.',
    de: () => 'Volltreffer: liefert das Gewünschte und braucht nichts von Ihnen.'
  }),
  FULL_MATCH: template<{ uses: number, available: number }>({
    en: p => `Full match: provides what is wanted and uses ${p.uses} of the ${p.available} types you have.`,
    de: p => `Volltreffer: liefert das Gewünschte und nutzt ${p.uses} der ${p.available} Typen, die Sie haben.`
  })
}

/** Every issue sentence code. */
export type IssueTextCode = keyof typeof issueTemplates

/** The values an issue sentence of a code is written from. */
export type IssueTextParams<C extends IssueTextCode> = Parameters<(typeof issueTemplates)[C]['message']['en']>[0]

/** Every explanation sentence code. */
export type MatchTextCode = keyof typeof templates

/** The values an explanation sentence of a code is written from. */
export type MatchTextParams<C extends MatchTextCode> = Parameters<(typeof templates)[C]['en']>[0]

/** Every issue sentence code, for checks that each has its texts. */
export const issueTextCodes = Object.keys(issueTemplates) as IssueTextCode[]

/** Every explanation sentence code, for checks that each has its texts. */
export const matchTextCodes = Object.keys(templates) as MatchTextCode[]

/**
 * The issue of sentence code `code` from `params`: `message` and `fix` in English, `messages`
 * and `fixes` in every language.
 *
 * @example issue('VERSION_MISMATCH', { version: '1.4.0', versionRange: '>=2' }, localNamer).fixes.de // 'bieten Sie eine Version in >=2 an'
 */
export function issue<C extends IssueTextCode> (code: C, params: IssueTextParams<C>, namer: Namer): MatchIssue {
  const t = issueTemplates[code] as unknown as IssueTemplate<IssueTextParams<C>>
  const messages = write(t.message, params, namer)
  const fixes = write(t.fix, params, namer)
  return { code: t.code, message: messages.en, fix: fixes.en, messages, fixes }
}

/** The explanation sentence of `code` from `params`, in every language. */
export function say<C extends MatchTextCode> (code: C, params: MatchTextParams<C>, namer: Namer): Texts {
  return write(templates[code] as unknown as Template<MatchTextParams<C>>, params, namer)
}

function write<P> (t: Template<P>, params: P, namer: Namer): Texts {
  return { en: t.en(params, writerFor(namer, 'en')), de: t.de(params, writerFor(namer, 'de')) }
}

/** What one type match decides of a link: its `types` and its sentence's parts, per language (see `linkParts`). */
export interface LinkParts {
  /** The link's `types`: the one match, shared by every link of that match. */
  readonly types: readonly TypeMatch[]
  readonly en: LinkSentenceParts
  readonly de: LinkSentenceParts
}

interface LinkSentenceParts {
  readonly mandatory: string
  readonly optional: string
  readonly end: string
}

const linkPartsByNamer = new WeakMap<Namer, WeakMap<TypeMatch, LinkParts>>()

/**
 * The parts of the sentence of a link whose requirement and provided interface state one type
 * each (code `LINK`), kept per namer and type match: "combinable with X" writes thousands of
 * links over a few hundred type matches, and each link then only adds the services' names
 * (`linkFrame`). Type matches are kept per class hierarchy (`typeMatch`), so the parts live
 * as long as the catalog's matches do.
 */
export function linkParts (match: TypeMatch, namer: Namer): LinkParts {
  let byMatch = linkPartsByNamer.get(namer)
  if (byMatch === undefined) linkPartsByNamer.set(namer, byMatch = new WeakMap())
  let parts = byMatch.get(match)
  if (parts === undefined) {
    const types = [match]
    const of = (w: Writer): LinkSentenceParts => ({
      mandatory: linkMiddle[w.language]({ optional: false, types }, w),
      optional: linkMiddle[w.language]({ optional: true, types }, w),
      end: linkEnd({ degree: match.degree, types }, w)
    })
    byMatch.set(match, parts = { types, en: of(writerFor(namer, 'en')), de: of(writerFor(namer, 'de')) })
  }
  return parts
}

/** A link's sentence in every language around one service's name: `[before, after]` it. */
export type LinkFrame = Readonly<Record<Language, readonly [string, string]>>

/**
 * A link's sentence with one service named already (`fixed`: the providing service when
 * `fixedProvides`, else the consuming one), so that the links of one service to many others
 * only add the other's name (`framedSentence`); the same text `say('LINK', …)` writes.
 */
export function linkFrame (parts: LinkParts, optional: boolean, fixed: Texts, fixedProvides: boolean): LinkFrame {
  const frame = (language: Language): readonly [string, string] => {
    const { mandatory, optional: optionalMiddle, end } = parts[language]
    const middle = optional ? optionalMiddle : mandatory
    return fixedProvides ? [fixed[language] + middle, end] : ['', middle + fixed[language] + end]
  }
  return { en: frame('en'), de: frame('de') }
}

/** The sentence of a link framed by `linkFrame`, with the other service's name in every language. */
export function framedSentence (frame: LinkFrame, other: Texts): Texts {
  return { en: frame.en[0] + other.en + frame.en[1], de: frame.de[0] + other.de + frame.de[1] }
}
