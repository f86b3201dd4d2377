export * from './namespaces.js'
export * from './parse.js'
export * from './files.js'
export * from './serialize.js'
