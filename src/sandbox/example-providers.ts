/**
 * The sandbox providers the example catalog's adapters point at (examples/catalog/*.ttl), and
 * the credentials the platform uses for them while the sandbox runs.
 */
import type { ProviderSetup } from './behaviors.js'

/** Default port of the sandbox; the example adapters' URLs use it. */
export const sandboxPort = 8091

/** The sandbox's address as the example adapters name it; a sandbox elsewhere takes their requests. */
export const exampleSandboxUrl = `http://127.0.0.1:${sandboxPort}`

/** Provider path → behavior and credential. */
export const exampleProviders: Readonly<Record<string, ProviderSetup & { secretName?: string }>> = {
  nordlicht: { behavior: 'async', secret: 'sandbox-nordlicht', secretName: 'nordlicht-orders', inProgressAfterMs: 1000, completedAfterMs: 4000 },
  telvana: { behavior: 'async', secret: 'sandbox-telvana', secretName: 'telvana-provisioning', inProgressAfterMs: 800, completedAfterMs: 3000 },
  relata: { behavior: 'instant', secret: 'sandbox-relata', secretName: 'relata-api-key' },
  kundenwerk: { behavior: 'instant', secret: 'sandbox-kundenwerk', secretName: 'kundenwerk-orders' },
  vaultline: { behavior: 'slow', secret: 'sandbox-vaultline', secretName: 'vaultline-orders', answerDelayMs: 1500, inProgressAfterMs: 2000, completedAfterMs: 8000 },
  callstream: { behavior: 'instant', secret: 'sandbox-callstream', secretName: 'callstream-orders' },
  klingel: { behavior: 'failing', secret: 'sandbox-klingel', secretName: 'klingel-orders' }
}

/** The credentials as `SYMPHONY_SECRET_<NAME>` variables (the operator's real settings win). */
export function sandboxSecrets (): Record<string, string> {
  const out: Record<string, string> = {}
  for (const setup of Object.values(exampleProviders)) {
    if (setup.secretName !== undefined && setup.secret !== undefined) out[`SYMPHONY_SECRET_${setup.secretName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = setup.secret
  }
  return out
}
