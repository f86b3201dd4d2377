/**
 * The link list a ranking of "combinable with X" notes its links in: kept between rankings,
 * emptied for each, and grown without losing what it holds.
 */
import { describe, expect, test } from 'vitest'
import { LinkList } from '../../src/matcher/combinable-index.js'

describe('LinkList', () => {
  test('keeps every link, in order, past its first capacity', () => {
    const list = new LinkList()
    const capacity = list.node.length
    for (let l = 0; l < 3 * capacity + 5; l++) expect(list.push(l * 2, l % 7, l - 1)).toBe(l)
    expect(list.length).toBe(3 * capacity + 5)
    for (const l of [0, capacity - 1, capacity, 3 * capacity + 4]) {
      expect([list.node[l], list.pairing[l], list.previous[l]]).toEqual([l * 2, l % 7, l - 1])
    }
  })

  test('chains a service\'s links through `previous`', () => {
    const list = new LinkList()
    let last = -1
    for (const node of [5, 9, 13]) {
      list.push(1, 0, -1)
      last = list.push(node, 2, last)
    }
    const chained: number[] = []
    for (let l = last; l !== -1; l = list.previous[l]!) chained.push(list.node[l]!)
    expect(chained).toEqual([13, 9, 5])
  })
})
