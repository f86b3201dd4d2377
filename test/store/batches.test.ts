import { describe, expect, it } from 'vitest'
import { DataFactory } from 'n3'
import type { Quad } from '@rdfjs/types'
import { batchesOf } from '../../src/store/batches.js'

const { blankNode, namedNode, quad } = DataFactory
const ex = (name: string) => namedNode(`https://example.org/${name}`)

describe('batchesOf', () => {
  it('keeps quads linked through blank nodes in one batch', () => {
    const quads: Quad[] = []
    for (let i = 0; i < 10; i++) {
      // ex:s_i → _:a_i → _:b_i → "v", a chain of three quads per i, plus one plain quad.
      quads.push(quad(ex(`s${i}`), ex('p'), blankNode(`a${i}`)) as Quad)
      quads.push(quad(ex(`x${i}`), ex('p'), ex(`y${i}`)) as Quad)
      quads.push(quad(blankNode(`a${i}`), ex('q'), blankNode(`b${i}`)) as Quad)
      quads.push(quad(blankNode(`b${i}`), ex('r'), ex('v')) as Quad)
    }
    const batches = batchesOf(quads, 4)
    expect(batches.flat().length).toBe(quads.length)
    expect(new Set(batches.flat()).size).toBe(quads.length)
    for (let i = 0; i < 10; i++) {
      const holding = batches.filter(batch => batch.some(q => q.subject.value === `a${i}` || q.object.value === `a${i}` || q.subject.value === `b${i}`))
      expect(holding).toHaveLength(1)
      expect(holding[0]!.filter(q => [q.subject.value, q.object.value].some(v => v === `a${i}` || v === `b${i}`))).toHaveLength(3)
    }
    expect(batches.every(batch => batch.length <= 4 + 2)).toBe(true)
  })

  it('returns one batch for small inputs and none for nothing', () => {
    const one = [quad(ex('s'), ex('p'), ex('o')) as Quad]
    expect(batchesOf(one, 10)).toEqual([one])
    expect(batchesOf([], 10)).toEqual([])
  })
})
