/**
 * Completes the PDF/A-3 conformance of the ZUGFeRD PDF `@e-invoice-eu/core` writes: its ICC
 * output profile stream lacks the number of colour components (/N), and its document
 * information dictionary states a title, producer and keywords other than its XMP metadata,
 * which PDF/A requires to agree.
 */
import { PDFDocument, PDFDict, PDFName, PDFNumber, PDFArray, PDFStream, PDFRawStream, decodePDFRawStream } from '@cantoo/pdf-lib'

/** The number of colour components of an ICC profile's data colour space (header bytes 16–19). */
const iccComponents: Readonly<Record<string, number>> = { 'RGB ': 3, GRAY: 1, CMYK: 4 }

/**
 * The PDF with each output intent's ICC profile stream stating /N, and the document
 * information's /Title and /Producer taken from the XMP (dc:title, pdf:Producer), /Keywords
 * dropped (the XMP has none).
 */
export async function completePdfA (bytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
  const intents = pdf.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)
  for (const entry of intents?.asArray() ?? []) {
    const profile = pdf.context.lookup(entry, PDFDict).lookupMaybe(PDFName.of('DestOutputProfile'), PDFStream)
    if (profile === undefined || profile.dict.get(PDFName.of('N')) !== undefined) continue
    const header = profile instanceof PDFRawStream ? decodePDFRawStream(profile).decode() : profile.getContents()
    const components = iccComponents[String.fromCharCode(...header.slice(16, 20))]
    if (components !== undefined) profile.dict.set(PDFName.of('N'), PDFNumber.of(components))
  }
  const xmp = xmpText(pdf)
  const title = xmp === undefined ? undefined : firstText(xmp, /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/)
  const producer = xmp === undefined ? undefined : firstText(xmp, /<pdf:Producer>([^<]*)<\/pdf:Producer>/)
  if (title !== undefined) pdf.setTitle(title)
  if (producer !== undefined) pdf.setProducer(producer)
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info)
  if (info instanceof PDFDict && xmp !== undefined && !xmp.includes('<pdf:Keywords>')) info.delete(PDFName.of('Keywords'))
  return await pdf.save({ updateFieldAppearances: false })
}

function xmpText (pdf: PDFDocument): string | undefined {
  const stream = pdf.catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream)
  if (stream === undefined) return undefined
  return new TextDecoder().decode(stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents())
}

function firstText (xmp: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(xmp)?.[1]
  if (match === undefined) return undefined
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return match.trim().replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : entities[e]!)
}
