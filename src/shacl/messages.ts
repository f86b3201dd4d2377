/**
 * Default messages for SHACL Core constraint components in German and English, used when a
 * shape has no `sh:message` in the requested language. Keyed by constraint component IRI
 * (SHACL §4); each entry names the parameters it quotes, read from the source shape.
 * shacl-engine's own messages are English only.
 */
import { ns } from '../rdf/index.js'

/** Parameter values of the failing shape, already formatted for display, by local name. */
export type MessageArgs = Readonly<Record<string, string>>

export interface ComponentMessages {
  /** Parameters (local names in `sh:`) whose values the messages quote. */
  readonly parameters: readonly string[]
  /** One message function per language. */
  readonly text: Readonly<Record<string, (args: MessageArgs) => string>>
}

const c = (local: string): string => `${ns.sh}${local}ConstraintComponent`

const nodeKinds: Record<string, Record<string, string>> = {
  en: { IRI: 'an IRI', Literal: 'a literal', BlankNode: 'a blank node', BlankNodeOrIRI: 'a blank node or an IRI', BlankNodeOrLiteral: 'a blank node or a literal', IRIOrLiteral: 'an IRI or a literal' },
  de: { IRI: 'eine IRI', Literal: 'ein Literal', BlankNode: 'ein leerer Knoten', BlankNodeOrIRI: 'ein leerer Knoten oder eine IRI', BlankNodeOrLiteral: 'ein leerer Knoten oder ein Literal', IRIOrLiteral: 'eine IRI oder ein Literal' }
}

const count = (n: string, one: string, many: string): string => n === '1' ? one : many

/** Message catalogue, keyed by constraint component IRI. */
export const componentMessages: Readonly<Record<string, ComponentMessages>> = {
  [c('MinCount')]: {
    parameters: ['minCount'],
    text: {
      en: a => count(a.minCount!, 'A value is required.', `At least ${a.minCount} values are required.`),
      de: a => count(a.minCount!, 'Ein Wert ist erforderlich.', `Mindestens ${a.minCount} Werte sind erforderlich.`)
    }
  },
  [c('MaxCount')]: {
    parameters: ['maxCount'],
    text: {
      en: a => count(a.maxCount!, 'Only one value is allowed.', `At most ${a.maxCount} values are allowed.`),
      de: a => count(a.maxCount!, 'Nur ein Wert ist erlaubt.', `Höchstens ${a.maxCount} Werte sind erlaubt.`)
    }
  },
  [c('Datatype')]: {
    parameters: ['datatype'],
    text: { en: a => `The value must be a valid ${a.datatype}.`, de: a => `Der Wert muss ein gültiger Wert vom Typ ${a.datatype} sein.` }
  },
  [c('NodeKind')]: {
    parameters: ['nodeKind'],
    text: {
      en: a => `The value must be ${nodeKinds.en![a.nodeKind!] ?? a.nodeKind}.`,
      de: a => `Der Wert muss ${nodeKinds.de![a.nodeKind!] ?? a.nodeKind} sein.`
    }
  },
  [c('Class')]: {
    parameters: ['class'],
    text: { en: a => `The value must be an instance of ${a.class}.`, de: a => `Der Wert muss eine Instanz von ${a.class} sein.` }
  },
  [c('MinInclusive')]: {
    parameters: ['minInclusive'],
    text: { en: a => `The value must be at least ${a.minInclusive}.`, de: a => `Der Wert muss mindestens ${a.minInclusive} sein.` }
  },
  [c('MaxInclusive')]: {
    parameters: ['maxInclusive'],
    text: { en: a => `The value must be at most ${a.maxInclusive}.`, de: a => `Der Wert darf höchstens ${a.maxInclusive} sein.` }
  },
  [c('MinExclusive')]: {
    parameters: ['minExclusive'],
    text: { en: a => `The value must be greater than ${a.minExclusive}.`, de: a => `Der Wert muss größer als ${a.minExclusive} sein.` }
  },
  [c('MaxExclusive')]: {
    parameters: ['maxExclusive'],
    text: { en: a => `The value must be less than ${a.maxExclusive}.`, de: a => `Der Wert muss kleiner als ${a.maxExclusive} sein.` }
  },
  [c('MinLength')]: {
    parameters: ['minLength'],
    text: { en: a => `The value must be at least ${a.minLength} characters long.`, de: a => `Der Wert muss mindestens ${a.minLength} Zeichen lang sein.` }
  },
  [c('MaxLength')]: {
    parameters: ['maxLength'],
    text: { en: a => `The value must be at most ${a.maxLength} characters long.`, de: a => `Der Wert darf höchstens ${a.maxLength} Zeichen lang sein.` }
  },
  [c('Pattern')]: {
    parameters: ['pattern'],
    text: { en: a => `The value does not match the pattern ${a.pattern}.`, de: a => `Der Wert entspricht nicht dem Muster ${a.pattern}.` }
  },
  [c('LanguageIn')]: {
    parameters: ['languageIn'],
    text: { en: a => `The language must be one of ${a.languageIn}.`, de: a => `Die Sprache muss eine von ${a.languageIn} sein.` }
  },
  [c('UniqueLang')]: {
    parameters: [],
    text: { en: () => 'Only one value per language is allowed.', de: () => 'Pro Sprache ist nur ein Wert erlaubt.' }
  },
  [c('In')]: {
    parameters: ['in'],
    text: { en: a => `The value must be one of ${a.in}.`, de: a => `Der Wert muss einer von ${a.in} sein.` }
  },
  [c('HasValue')]: {
    parameters: ['hasValue'],
    text: { en: a => `The value ${a.hasValue} is required.`, de: a => `Der Wert ${a.hasValue} ist erforderlich.` }
  },
  [c('Node')]: {
    parameters: ['node'],
    text: { en: a => `The value does not conform to ${a.node}.`, de: a => `Der Wert entspricht nicht ${a.node}.` }
  },
  [c('Not')]: {
    parameters: ['not'],
    text: { en: a => `The value must not conform to ${a.not}.`, de: a => `Der Wert darf nicht ${a.not} entsprechen.` }
  },
  [c('And')]: {
    parameters: [],
    text: { en: () => 'The value must meet all of the conditions.', de: () => 'Der Wert muss alle Bedingungen erfüllen.' }
  },
  [c('Or')]: {
    parameters: [],
    text: { en: () => 'The value must meet at least one of the alternatives.', de: () => 'Der Wert muss mindestens eine der Alternativen erfüllen.' }
  },
  [c('Xone')]: {
    parameters: [],
    text: { en: () => 'The value must meet exactly one of the alternatives.', de: () => 'Der Wert muss genau eine der Alternativen erfüllen.' }
  },
  [c('Closed')]: {
    parameters: [],
    text: { en: () => 'This property is not allowed here.', de: () => 'Diese Eigenschaft ist hier nicht erlaubt.' }
  },
  [c('Equals')]: {
    parameters: ['equals'],
    text: { en: a => `The values must equal those of ${a.equals}.`, de: a => `Die Werte müssen denen von ${a.equals} gleichen.` }
  },
  [c('Disjoint')]: {
    parameters: ['disjoint'],
    text: { en: a => `The value must not also be a value of ${a.disjoint}.`, de: a => `Der Wert darf nicht zugleich ein Wert von ${a.disjoint} sein.` }
  },
  [c('LessThan')]: {
    parameters: ['lessThan'],
    text: { en: a => `The value must be less than the values of ${a.lessThan}.`, de: a => `Der Wert muss kleiner als die Werte von ${a.lessThan} sein.` }
  },
  [c('LessThanOrEquals')]: {
    parameters: ['lessThanOrEquals'],
    text: { en: a => `The value must be at most the values of ${a.lessThanOrEquals}.`, de: a => `Der Wert darf höchstens so groß wie die Werte von ${a.lessThanOrEquals} sein.` }
  },
  [c('QualifiedMinCount')]: {
    parameters: ['qualifiedMinCount', 'qualifiedValueShape'],
    text: { en: a => `At least ${a.qualifiedMinCount} values must conform to ${a.qualifiedValueShape}.`, de: a => `Mindestens ${a.qualifiedMinCount} Werte müssen ${a.qualifiedValueShape} entsprechen.` }
  },
  [c('QualifiedMaxCount')]: {
    parameters: ['qualifiedMaxCount', 'qualifiedValueShape'],
    text: { en: a => `At most ${a.qualifiedMaxCount} values may conform to ${a.qualifiedValueShape}.`, de: a => `Höchstens ${a.qualifiedMaxCount} Werte dürfen ${a.qualifiedValueShape} entsprechen.` }
  }
}
