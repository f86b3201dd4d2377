/** Local sandbox providers that answer order items and take fault tickets like real ones (for the demo and tests). */
export { startSandbox } from './sandbox-server.js'
export type { Sandbox, SandboxChange, SandboxEntry, SandboxOptions, SandboxTicketEntry } from './sandbox-server.js'
export { behaviors } from './behaviors.js'
export type { Behavior, ProviderSetup } from './behaviors.js'
export { exampleProviders, exampleSandboxUrl, sandboxPort, sandboxSecrets } from './example-providers.js'
