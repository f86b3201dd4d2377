/**
 * Every construct docs/reasoning.md lists as refused is refused with `file:line` and its name,
 * in English and German, and so is everything else outside the supported language: nothing
 * is evaluated with a meaning SPARQL does not give it.
 */
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { compileRules, ruleFromText } from '../../src/reasoner/index.js'

const head = 'PREFIX ex: <https://example.org/>\nCONSTRUCT { ?s ex:out ?o }\nWHERE {\n  ?s ex:p ?o .\n'

/** The rest of the rule after its fourth line, the line the refusal names, and the construct in English and German. */
const refused: ReadonlyArray<[string, number, string, string]> = [
  ['  OPTIONAL { ?o ex:q ?z }\n}', 5, 'OPTIONAL', 'OPTIONAL'],
  ['  MINUS { ?o ex:q ?z }\n}', 5, 'MINUS', 'MINUS'],
  ['  FILTER EXISTS { ?o ex:q ?z }\n}', 5, "FILTER EXISTS (a rule's pattern must be monotonic)", 'FILTER EXISTS (das Muster einer Regel muss monoton sein)'],
  ['  FILTER NOT EXISTS { ?o ex:q ?z }\n}', 5, "FILTER NOT EXISTS (a rule's pattern must be monotonic)", 'FILTER NOT EXISTS (das Muster einer Regel muss monoton sein)'],
  ['  BIND (1 AS ?z)\n}', 5, 'BIND', 'BIND'],
  ['  VALUES ?o { ex:a }\n}', 5, 'VALUES', 'VALUES'],
  ['}\nVALUES ?o { ex:a }', 6, 'VALUES', 'VALUES'],
  ['  GRAPH ?g { ?o ex:q ?z }\n}', 5, 'GRAPH', 'GRAPH'],
  ['  SERVICE <urn:s> { ?o ex:q ?z }\n}', 5, 'SERVICE', 'SERVICE'],
  ['  { SELECT ?o WHERE { ?o ex:q ?z } }\n}', 5, 'a subquery', 'eine Unterabfrage'],
  ['}\nGROUP BY ?s ?o', 6, 'GROUP BY', 'GROUP BY'],
  ['}\nGROUP BY ?s ?o\nHAVING (COUNT(?o) > 1)', 6, 'GROUP BY', 'GROUP BY'],
  ['  ?o !ex:q ?z .\n}', 5, 'a negated property set (!)', 'eine negierte Property-Menge (!)'],
  ['  ?o !(^ex:q) ?z .\n}', 5, 'a negated property set (!)', 'eine negierte Property-Menge (!)'],
  ['  FILTER (<urn:f>(?o))\n}', 5, 'the function <urn:f>', 'die Funktion <urn:f>'],
  ['  FILTER (ex:f(?o))\n}', 5, 'the function <https://example.org/f>', 'die Funktion <https://example.org/f>'],
  ['  FILTER (STRLEN(?o) > 1)\n}', 5, 'the operator STRLEN', 'der Operator STRLEN'],
  ['  FILTER (COALESCE(?o, 1))\n}', 5, 'the operator COALESCE', 'der Operator COALESCE'],
  ['  FILTER (IF(?o, true, false))\n}', 5, 'the operator IF', 'der Operator IF'],
  ['  FILTER (?o + 1 > 2)\n}', 5, 'the operator +', 'der Operator +'],
  ['}\nLIMIT 1', 6, 'LIMIT', 'LIMIT'],
  ['}\nOFFSET 1', 6, 'OFFSET', 'OFFSET'],
  ['}\nORDER BY ?s', 6, 'ORDER BY', 'ORDER BY'],
  ['  FILTER (?z = 1)\n}', 5, "the variable ?z that no triple pattern of the FILTER's group binds", 'die Variable ?z, die kein Tripelmuster der Gruppe des FILTERs bindet'],
  ['  { ?o ex:q ?z\n    FILTER (?s = ex:a) }\n}', 6, "the variable ?s that no triple pattern of the FILTER's group binds", 'die Variable ?s, die kein Tripelmuster der Gruppe des FILTERs bindet'],
  ['  { ?o ex:q ?z } UNION { ?o ex:r ?w }\n  FILTER (bound(?z))\n}', 6, "the variable ?z that no triple pattern of the FILTER's group binds", 'die Variable ?z, die kein Tripelmuster der Gruppe des FILTERs bindet']
]

function refusal (text: string): SymphonyError {
  try {
    compileRules([ruleFromText('r', text, { source: 'r.rq' })])
  } catch (error) {
    if (error instanceof SymphonyError) return error
    throw error
  }
  throw new Error(`accepted:\n${text}`)
}

describe('refused constructs', () => {
  it.each(refused)('%s', (rest, line, en, de) => {
    const error = refusal(head + rest)
    expect([error.code, error.messages, error.location]).toEqual(['INVALID_QUERY', {
      en: `r.rq:${line}: ${en} is not supported in an inference rule (see docs/reasoning.md, "The rule language")`,
      de: `r.rq:${line}: in Inferenzregeln nicht unterstützt — ${de} (siehe docs/reasoning.md, "The rule language")`
    }, { file: 'r.rq', line }])
  })

  it('refuses a blank node in the template and a pattern that is only a zero-length path from a constant', () => {
    const blank = refusal('PREFIX ex: <https://example.org/>\nCONSTRUCT {\n  ?s ex:out [] }\nWHERE { ?s ex:p ?o }')
    expect([blank.messages.en, blank.location]).toEqual(['r.rq:3: a blank node in the template (it would be a fresh node for every solution, and the rules would never stop) is not supported in an inference rule (see docs/reasoning.md, "The rule language")', { file: 'r.rq', line: 3 }])
    expect(blank.messages.de).toBe('r.rq:3: in Inferenzregeln nicht unterstützt — ein leerer Knoten in der Vorlage (er wäre für jede Lösung ein neuer Knoten, und die Regeln kämen nie zum Ende) (siehe docs/reasoning.md, "The rule language")')
    const alone = refusal('PREFIX ex: <https://example.org/>\nCONSTRUCT { ex:a ex:out ?o }\nWHERE {\n  ex:a ex:p? ?o }')
    expect([alone.messages.en, alone.location]).toEqual(['r.rq:4: a pattern without a triple (a zero-length path alone) is not supported in an inference rule (see docs/reasoning.md, "The rule language")', { file: 'r.rq', line: 4 }])
  })

  it('refuses what SPARQL does not parse, such as a function in the template, with file:line:column', () => {
    expect(() => ruleFromText('r', 'PREFIX ex: <https://example.org/>\nCONSTRUCT { ?s ex:lang LANG(?o) }\nWHERE { ?s ex:p ?o }', { source: 'r.rq' })).toThrow(/^r\.rq:2:\d+: not a SPARQL query — /)
  })
})
