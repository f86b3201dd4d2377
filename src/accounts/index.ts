/** Accounts: operator, provider and customer principals, and their hashed bearer tokens. */
export { customerBase, customerIri, mayActFor, operatorId, roleOfId, type Principal, type Role } from './principal.js'
export { TokenRegistry, hashToken, newToken, parseTokenEnv, tokenPrefix, type AccountSpec, type TokenRecord } from './tokens.js'
