/** The compiled catalog view: types and `compileCatalog`. */
export type * from './types.js'
export { catalogOfParts, compileCatalog, compileParts, indexCatalog, CatalogIndex, type CompileOptions, type CatalogParts } from './compile.js'
export { catalogSlices, CatalogAssembler, type CatalogSlice } from './transfer.js'
export { codeDigest, readSnapshot, removeSnapshotLeftovers, snapshotFileOf, snapshotKey, writeSnapshot, type SnapshotRead } from './snapshot.js'
export { isServiceNodePredicate, nameServiceNodes, serviceNodeRoles } from './service-node-names.js'
export { countriesOf, namedLocations, resolveLocation, type Location, type NamedLocations } from './locations.js'
export { priceModel, offerPriceModels, minorDigits, toMinorUnits, type OfferPriceModel, type PriceModelComponent } from './price-model.js'
export { checkFact, factEntryOfText, factTestNames, factTextSyntax, meetsFactTests, parseFactTest, parseFactTests, type FactConstraint, type FactProblem, type FactTerm, type FactVerdict } from './fact-tests.js'
