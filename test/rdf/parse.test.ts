import { describe, expect, it } from 'vitest'
import { formatOfFile, parseRdf, serializeRdf } from '../../src/rdf/index.js'
import type { RdfFormat } from '../../src/rdf/index.js'

const expected = [['https://example.org/a', 'https://example.org/p', 'https://example.org/b']]

const documents: Record<RdfFormat, string> = {
  turtle: '@prefix ex: <https://example.org/> .\nex:a ex:p ex:b .',
  trig: '@prefix ex: <https://example.org/> .\n{ ex:a ex:p ex:b . }',
  'n-triples': '<https://example.org/a> <https://example.org/p> <https://example.org/b> .',
  'n-quads': '<https://example.org/a> <https://example.org/p> <https://example.org/b> .',
  'json-ld': '{"@id": "https://example.org/a", "https://example.org/p": {"@id": "https://example.org/b"}}',
  'rdf-xml': `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="https://example.org/">
  <rdf:Description rdf:about="https://example.org/a"><ex:p rdf:resource="https://example.org/b"/></rdf:Description>
</rdf:RDF>`
}

describe('parseRdf', () => {
  for (const [format, text] of Object.entries(documents) as Array<[RdfFormat, string]>) {
    it(`parses ${format}`, async () => {
      const quads = await parseRdf(text, { format })
      expect(quads.map(q => [q.subject.value, q.predicate.value, q.object.value])).toEqual(expected)
    })
  }

  for (const [format, text] of Object.entries(documents) as Array<[RdfFormat, string]>) {
    it(`parses ${format} given as UTF-8 bytes as it parses the text`, async () => {
      const bytes = Buffer.from(text, 'utf8')
      const quads = await parseRdf(bytes.subarray(0), { format })
      expect(quads.map(q => [q.subject.value, q.predicate.value, q.object.value])).toEqual(expected)
    })
  }

  it('reads N-Triples as bytes with the terms of the text: non-ASCII literals, a byte-order mark, the graph asked for', async () => {
    const text = '\ufeff<https://example.org/a> <https://example.org/label> "Grüße"@de .\n<https://example.org/a> <https://example.org/label> "🎵 東京" .\n'
    const fromText = await parseRdf(text, { format: 'n-triples', graph: 'https://example.org/g' })
    const fromBytes = await parseRdf(new Uint8Array(Buffer.from(text, 'utf8')), { format: 'n-triples', graph: 'https://example.org/g' })
    const terms = (quads: typeof fromText) => quads.map(q => [q.subject.value, q.object.value, q.object.termType === 'Literal' ? q.object.language : '', q.graph.value])
    expect(terms(fromBytes)).toEqual([
      ['https://example.org/a', 'Grüße', 'de', 'https://example.org/g'],
      ['https://example.org/a', '🎵 東京', '', 'https://example.org/g']
    ])
    expect(terms(fromBytes)).toEqual(terms(fromText))
  })

  it('puts triples into the requested graph', async () => {
    const [quad] = await parseRdf(documents.turtle, { format: 'turtle', graph: 'https://example.org/g' })
    expect(quad!.graph.value).toBe('https://example.org/g')
  })

  it('names file and line for Turtle errors', async () => {
    await expect(parseRdf('@prefix ex: <https://example.org/> .\nex:a ex:p .', { format: 'turtle', source: 'x.ttl' }))
      .rejects.toMatchObject({ code: 'PARSE_ERROR', location: { file: 'x.ttl', line: 2 } })
  })

  it('names file, line and column for JSON errors', async () => {
    await expect(parseRdf('{\n  "@id": "https://example.org/a",\n  oops\n}', { format: 'json-ld', source: 'x.jsonld' }))
      .rejects.toMatchObject({ code: 'PARSE_ERROR', location: { file: 'x.jsonld', line: 3, column: 3 } })
  })

  it('names line and column for JSON errors whose message carries no position (a trailing comma)', async () => {
    const text = '{\n  "@id": "https://example.org/a",\n  "https://example.org/p": [1,\n  ]\n}'
    await expect(parseRdf(text, { format: 'json-ld', source: 'x.jsonld' }))
      .rejects.toMatchObject({ code: 'PARSE_ERROR', location: { file: 'x.jsonld', line: 4, column: 3 }, message: expect.stringMatching(/^x\.jsonld:4:3: invalid JSON — /) })
  })

  it('refuses remote JSON-LD contexts with advice', async () => {
    await expect(parseRdf('{"@context": "https://schema.org/", "@id": "https://example.org/a", "name": "A"}', { format: 'json-ld', source: 'x.jsonld' }))
      .rejects.toThrow('x.jsonld: invalid JSON-LD — remote context https://schema.org/ cannot be loaded (no network access); inline the @context instead')
  })

  it('says the refusal of a remote context and an undefined prefix in German too, with file and line', async () => {
    await expect(parseRdf('{"@context": "https://schema.org/", "@id": "https://example.org/a", "name": "A"}', { format: 'json-ld', source: 'x.jsonld' }))
      .rejects.toMatchObject({
        messages: { de: 'x.jsonld: ungültiges JSON-LD — der entfernte Kontext https://schema.org/ kann nicht geladen werden (kein Netzzugriff); betten Sie den @context stattdessen ein' }
      })
    await expect(parseRdf('@prefix ex: <https://example.org/> .\nex:a acme:p ex:b .', { format: 'turtle', source: 'x.ttl' }))
      .rejects.toMatchObject({
        code: 'UNKNOWN_PREFIX',
        messages: {
          en: 'x.ttl:2: undefined prefix "acme" — declare it with @prefix before its first use',
          de: 'x.ttl:2: nicht definiertes Präfix "acme" — deklarieren Sie es mit @prefix vor seiner ersten Verwendung'
        }
      })
  })

  it('names file and line for RDF/XML errors', async () => {
    await expect(parseRdf('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description></rdf:RDF>', { format: 'rdf-xml', source: 'x.rdf' }))
      .rejects.toMatchObject({ code: 'PARSE_ERROR', location: { file: 'x.rdf', line: 3 } })
  })
})

describe('formatOfFile', () => {
  it('knows every accepted extension', () => {
    expect(['a.ttl', 'a.nt', 'a.nq', 'a.trig', 'a.jsonld', 'a.rdf', 'a.owl'].map(formatOfFile))
      .toEqual(['turtle', 'n-triples', 'n-quads', 'trig', 'json-ld', 'rdf-xml', 'rdf-xml'])
  })
})

describe('serializeRdf', () => {
  it('round-trips through every writable format', async () => {
    const quads = await parseRdf(documents.turtle, { format: 'turtle' })
    for (const format of ['turtle', 'trig', 'n-triples', 'n-quads', 'json-ld'] as const) {
      const back = await parseRdf(await serializeRdf(quads, format), { format })
      expect(back.map(q => [q.subject.value, q.predicate.value, q.object.value])).toEqual(expected)
    }
  })
})
