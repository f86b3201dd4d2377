/**
 * Structural checks of a Factur-X / ZUGFeRD PDF against what PDF/A-3 and Factur-X 1.07 ask of
 * it, read with pdf-lib: the XMP metadata (PDF/A identification, the Factur-X extension schema
 * and its properties), the embedded XML with its relationship and the catalog's /AF array, the
 * output intent with its ICC profile, embedded fonts, and the document information dictionary
 * agreeing with the XMP. Each check yields the problems it found; an empty list is a pass.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFObject } from '@cantoo/pdf-lib'
import { XmlDocument } from 'libxml2-wasm'

const xmpNamespaces = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  pdfaExtension: 'http://www.aiim.org/pdfa/ns/extension/',
  pdfaSchema: 'http://www.aiim.org/pdfa/ns/schema#',
  pdfaProperty: 'http://www.aiim.org/pdfa/ns/property#',
  fx: 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#',
  dc: 'http://purl.org/dc/elements/1.1/',
  pdf: 'http://ns.adobe.com/pdf/1.3/'
}

/** The Factur-X / ZUGFeRD profiles (fx:ConformanceLevel) and the file name each embeds. */
const facturXFileNames: Readonly<Record<string, string>> = {
  MINIMUM: 'factur-x.xml',
  'BASIC WL': 'factur-x.xml',
  BASIC: 'factur-x.xml',
  'EN 16931': 'factur-x.xml',
  EXTENDED: 'factur-x.xml',
  XRECHNUNG: 'xrechnung.xml'
}

/** The result of every check, by name: the problems found (empty: passed). */
export type PdfaReport = Record<'xmpIdentification' | 'facturXSchema' | 'embeddedXml' | 'outputIntent' | 'fonts' | 'infoMatchesXmp', string[]>

/** Runs every check on a PDF. */
export async function checkFacturXPdf (bytes: Uint8Array): Promise<PdfaReport> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
  const xmp = xmpOf(pdf)
  const doc = xmp.text === undefined ? undefined : XmlDocument.fromString(xmp.text)
  try {
    const texts = (xpath: string): string[] => doc === undefined ? [] : doc.find(xpath, xmpNamespaces).map(n => n.content.trim())
    return {
      xmpIdentification: [...xmp.problems, ...xmpIdentification(texts)],
      facturXSchema: facturXSchema(texts),
      embeddedXml: embeddedXml(pdf, texts('//fx:DocumentFileName')[0]),
      outputIntent: outputIntent(pdf),
      fonts: fonts(pdf),
      infoMatchesXmp: infoMatchesXmp(pdf, texts)
    }
  } finally {
    doc?.dispose()
  }
}

function xmpOf (pdf: PDFDocument): { text?: string, problems: string[] } {
  const stream = pdf.catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream)
  if (stream === undefined) return { problems: ['the catalog has no /Metadata stream'] }
  const problems: string[] = []
  if (stream.dict.get(PDFName.of('Filter')) !== undefined) problems.push('the metadata stream is filtered (PDF/A: it must not be)')
  if (stream.dict.get(PDFName.of('Type'))?.toString() !== '/Metadata' || stream.dict.get(PDFName.of('Subtype'))?.toString() !== '/XML') problems.push('the metadata stream is not /Type /Metadata /Subtype /XML')
  const text = new TextDecoder().decode(stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents())
  return { text: text.replace(/^<\?xpacket[^>]*\?>/, '').replace(/<\?xpacket[^>]*\?>\s*$/, ''), problems }
}

function xmpIdentification (texts: (xpath: string) => string[]): string[] {
  const problems: string[] = []
  const part = texts('//rdf:Description/pdfaid:part | //rdf:Description/@pdfaid:part')
  const conformance = texts('//rdf:Description/pdfaid:conformance | //rdf:Description/@pdfaid:conformance')
  if (part.join() !== '3') problems.push(`pdfaid:part is ${JSON.stringify(part)}, expected ["3"]`)
  if (conformance.length !== 1 || !['A', 'B', 'U'].includes(conformance[0]!)) problems.push(`pdfaid:conformance is ${JSON.stringify(conformance)}, expected one of A, B, U`)
  return problems
}

function facturXSchema (texts: (xpath: string) => string[]): string[] {
  const problems: string[] = []
  const schema = `//pdfaExtension:schemas/rdf:Bag/rdf:li[pdfaSchema:namespaceURI='${xmpNamespaces.fx}']`
  if (texts(`${schema}/pdfaSchema:prefix`).join() !== 'fx') problems.push(`no PDF/A extension schema declares the prefix fx for ${xmpNamespaces.fx}`)
  const declared = texts(`${schema}/pdfaSchema:property/rdf:Seq/rdf:li/pdfaProperty:name`)
  for (const name of ['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel']) {
    if (!declared.includes(name)) problems.push(`the fx extension schema does not declare fx:${name}`)
    if (texts(`//rdf:Description/fx:${name}`).length !== 1) problems.push(`fx:${name} is not stated once`)
  }
  const type = texts('//rdf:Description/fx:DocumentType')
  if (type.join() !== 'INVOICE') problems.push(`fx:DocumentType is ${JSON.stringify(type)}, expected INVOICE`)
  const level = texts('//rdf:Description/fx:ConformanceLevel')[0] ?? ''
  const file = texts('//rdf:Description/fx:DocumentFileName')[0] ?? ''
  if (facturXFileNames[level] === undefined) problems.push(`fx:ConformanceLevel ${JSON.stringify(level)} is not a Factur-X profile (${Object.keys(facturXFileNames).join(', ')})`)
  else if (facturXFileNames[level] !== file) problems.push(`fx:DocumentFileName is ${JSON.stringify(file)}, the profile ${level} embeds ${facturXFileNames[level]}`)
  return problems
}

function embeddedXml (pdf: PDFDocument, fileName: string | undefined): string[] {
  const problems: string[] = []
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)?.lookupMaybe(PDFName.of('Names'), PDFArray)
  const specs = new Map<string, PDFObject>()
  for (let i = 0; names !== undefined && i + 1 < names.size(); i += 2) specs.set(textOf(names.lookup(i)) ?? '', names.get(i + 1))
  const ref = fileName === undefined ? undefined : specs.get(fileName)
  if (ref === undefined) return [`no embedded file named ${JSON.stringify(fileName)} (the XMP's fx:DocumentFileName); embedded: ${JSON.stringify([...specs.keys()])}`]
  const spec = pdf.context.lookup(ref, PDFDict)
  if (spec.get(PDFName.of('Type'))?.toString() !== '/Filespec') problems.push('the file specification is not /Type /Filespec')
  for (const key of ['F', 'UF']) {
    if (textOf(spec.lookup(PDFName.of(key))) !== fileName) problems.push(`the file specification's /${key} is not ${fileName}`)
  }
  const relationship = spec.get(PDFName.of('AFRelationship'))?.toString()
  if (!['/Alternative', '/Data', '/Source'].includes(relationship ?? '')) problems.push(`/AFRelationship is ${relationship ?? 'missing'}, expected /Alternative, /Data or /Source`)
  const file = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookupMaybe(PDFName.of('F'), PDFStream)
  if (file === undefined) problems.push('the file specification has no /EF /F stream')
  else {
    if (file.dict.get(PDFName.of('Type'))?.toString() !== '/EmbeddedFile') problems.push('the embedded stream is not /Type /EmbeddedFile')
    const subtype = file.dict.get(PDFName.of('Subtype'))
    if (!(subtype instanceof PDFName) || !['text/xml', 'application/xml'].includes(subtype.decodeText())) problems.push(`the embedded stream's /Subtype is ${subtype?.toString() ?? 'missing'}, expected text/xml or application/xml`)
    if (file.dict.lookupMaybe(PDFName.of('Params'), PDFDict)?.get(PDFName.of('ModDate')) === undefined) problems.push('the embedded stream has no /Params /ModDate')
  }
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray)
  if (af === undefined) problems.push('the catalog has no /AF array')
  else if (!af.asArray().some(entry => entry === ref || (entry instanceof PDFRef && ref instanceof PDFRef && entry.toString() === ref.toString()))) problems.push('the catalog\'s /AF array does not list the embedded XML\'s file specification')
  return problems
}

function outputIntent (pdf: PDFDocument): string[] {
  const intents = pdf.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)
  if (intents === undefined || intents.size() === 0) return ['the catalog has no /OutputIntents']
  const problems: string[] = []
  const pdfa = intents.asArray().map(i => pdf.context.lookup(i, PDFDict)).filter(i => i.get(PDFName.of('S'))?.toString() === '/GTS_PDFA1')
  if (pdfa.length !== 1) return [`${pdfa.length} output intents have /S /GTS_PDFA1, expected one`]
  const intent = pdfa[0]!
  if (textOf(intent.lookup(PDFName.of('OutputConditionIdentifier'))) === undefined) problems.push('the output intent has no /OutputConditionIdentifier')
  const profile = intent.lookupMaybe(PDFName.of('DestOutputProfile'), PDFStream)
  if (profile === undefined) return [...problems, 'the output intent has no /DestOutputProfile stream']
  const bytes = profile instanceof PDFRawStream ? decodePDFRawStream(profile).decode() : profile.getContents()
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.slice(from, to))
  if (ascii(36, 40) !== 'acsp') problems.push('the /DestOutputProfile is not an ICC profile (no acsp signature)')
  const size = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)
  if (size !== bytes.length) problems.push(`the ICC profile says it has ${size} bytes, the stream holds ${bytes.length}`)
  const components: Record<string, number> = { 'RGB ': 3, 'GRAY': 1, 'CMYK': 4 }
  const expected = components[ascii(16, 20)]
  const n = profile.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber()
  if (expected === undefined) problems.push(`the ICC profile's colour space ${JSON.stringify(ascii(16, 20))} is not RGB, GRAY or CMYK`)
  else if (n !== expected) problems.push(`the ICC profile stream's /N is ${n ?? 'missing'}, its colour space ${ascii(16, 20).trim()} has ${expected} components`)
  return problems
}

function fonts (pdf: PDFDocument): string[] {
  const problems: string[] = []
  let count = 0
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/Font') continue
    const subtype = object.get(PDFName.of('Subtype'))?.toString()
    if (subtype === '/Type0' || subtype === '/Type3') continue // checked through their descendant, or drawn by glyph procedures
    count++
    const name = object.get(PDFName.of('BaseFont'))?.toString() ?? ref.toString()
    const descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    if (descriptor === undefined) problems.push(`font ${name} has no font descriptor (not embedded)`)
    else if (!['FontFile', 'FontFile2', 'FontFile3'].some(key => descriptor.get(PDFName.of(key)) !== undefined)) problems.push(`font ${name} is not embedded (no FontFile, FontFile2 or FontFile3)`)
  }
  if (count === 0) problems.push('the PDF has no font')
  return problems
}

/** PDF/A-3 (6.6.3): the document information entries that have an XMP counterpart state the same. */
function infoMatchesXmp (pdf: PDFDocument, texts: (xpath: string) => string[]): string[] {
  const problems: string[] = []
  const pairs: Array<[string, string | undefined, string[]]> = [
    ['Title', pdf.getTitle(), texts('//dc:title/rdf:Alt/rdf:li')],
    ['Author', pdf.getAuthor(), texts('//dc:creator/rdf:Seq/rdf:li')],
    ['Subject', pdf.getSubject(), texts('//dc:description/rdf:Alt/rdf:li')],
    ['Producer', pdf.getProducer(), texts('//pdf:Producer')],
    ['Keywords', pdf.getKeywords(), texts('//pdf:Keywords')]
  ]
  for (const [key, info, xmp] of pairs) {
    if (info === undefined) continue
    if (xmp.length !== 1 || xmp[0] !== info) problems.push(`the document information's /${key} ${JSON.stringify(info)} differs from the XMP's ${JSON.stringify(xmp)}`)
  }
  return problems
}

function textOf (object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined
}
