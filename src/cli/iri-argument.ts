import { SymphonyError } from '../errors.js'
import { ns } from '../rdf/index.js'

/** A command-line IRI: a full IRI, or a prefixed name with one of Symphony's prefixes (`sym:VirtualPBX`). */
export function iriArgument (value: string): string {
  const colon = value.indexOf(':')
  const prefix = value.slice(0, colon)
  if (colon > 0 && prefix in ns && !value.startsWith(`${prefix}://`)) return ns[prefix as keyof typeof ns] + value.slice(colon + 1)
  if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) return value
  const prefixes = `${Object.keys(ns).join(':, ')}:`
  throw new SymphonyError('BAD_REQUEST', {
    en: `"${value}" is not an IRI; give a full IRI or a prefixed name (${prefixes})`,
    de: `"${value}" ist keine IRI; geben Sie eine vollständige IRI oder einen Namen mit Präfix an (${prefixes})`
  })
}
