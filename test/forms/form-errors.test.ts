/** Failures of form generation: what cannot be a form throws a SymphonyError that says what to fix; a field that cannot be one is noted. */
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { formForService, formForType, shapeToForm } from '../../src/forms/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const quads = await parseRdf(`
  @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/t#> .
  ex:Sequence a sh:NodeShape ; sh:property [ sh:path ( ex:address ex:postalCode ) ; sh:maxCount 1 ] .
  ex:Unconfigured a <http://www.w3.org/2002/07/owl#Class> .`, { format: 'turtle' })

function failure (run: () => unknown): SymphonyError {
  try {
    run()
  } catch (error) {
    if (error instanceof SymphonyError) return error
    throw error
  }
  throw new Error('expected a SymphonyError')
}

describe('form generation failures', () => {
  it('gives no field for a path that cannot be written as RDF, and notes it instead of failing', () => {
    const form = shapeToForm(quads, 'https://example.org/t#Sequence')
    expect(form.schema.properties).toEqual({})
    expect(form.uiSchema.sections[0]!.object.notes).toEqual([{
      constraint: 'http://www.w3.org/ns/shacl#path',
      value: 'address/postalCode',
      reason: 'no field: a value cannot be written through this path (sequence, alternative or repetition); it is checked when the configuration is submitted'
    }])
  })

  it('names an unknown shape, a type without a shape, a service without one', () => {
    expect(failure(() => shapeToForm(quads, 'https://example.org/t#Nope')).code).toBe('UNKNOWN_SHAPE')
    expect(failure(() => formForType(quads, 'https://example.org/t#Unconfigured')).message)
      .toBe('type <https://example.org/t#Unconfigured> has no sym:configurationShape, and neither has any of its superclasses; add one in shapes/configuration/')
    expect(failure(() => formForService(quads, { id: 'https://example.org/t#s', types: [] })).code).toBe('UNKNOWN_SHAPE')
  })
})
