export { buildApp } from './app.js'
export type { ApiOptions, TokenVerifier } from './options.js'
export { problemMediaType, problemTypeBase } from './problem.js'
