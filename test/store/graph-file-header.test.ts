import { describe, expect, it } from 'vitest'
import { graphFileHeader, splitGraphFile } from '../../src/store/graph-file-header.js'

describe('a graph file\'s header line', () => {
  it('names the graph whose text follows it', () => {
    const text = '<https://example.org/s> <https://example.org/p> "o" <https://example.org/g> .\n'
    const parts = splitGraphFile(Buffer.from(graphFileHeader('https://example.org/g') + text, 'utf8'))
    expect(parts?.graph).toBe('https://example.org/g')
    expect(parts?.text.toString('utf8')).toBe(text)
  })

  it('is refused when the first line is not one, or there is no line at all', () => {
    expect(splitGraphFile(Buffer.from('<https://example.org/s> <https://example.org/p> "o" .\n', 'utf8'))).toBeUndefined()
    expect(splitGraphFile(Buffer.from('# graph <https://example.org/g>', 'utf8'))).toBeUndefined()
    expect(splitGraphFile(Buffer.from('# graph https://example.org/g\n', 'utf8'))).toBeUndefined()
  })

  it('keeps an empty graph empty', () => {
    expect(splitGraphFile(Buffer.from(graphFileHeader('urn:x:g'), 'utf8'))?.text.length).toBe(0)
  })
})
