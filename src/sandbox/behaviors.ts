/**
 * How a sandbox provider answers (pure): at once, later (polled or called back), slowly, or
 * never successfully. Each item's state follows from the time since it was received.
 */
export type Behavior = 'instant' | 'async' | 'slow' | 'failing'

export interface ProviderSetup {
  readonly behavior: Behavior
  /** Expected credential: `Authorization: Bearer <secret>` or the `X-API-Key` header; none when absent. */
  readonly secret?: string
  /** Delay before answering a request (slow providers), ms. */
  readonly answerDelayMs?: number
  /** When an async or slow item is in progress and completed, ms after it arrived. */
  readonly inProgressAfterMs?: number
  readonly completedAfterMs?: number
  /** Provider token for callbacks to the platform; without it the platform must poll. */
  readonly callbackToken?: string
  /** What a failing provider says about each item it fails (a default sentence when absent). */
  readonly failureReason?: string
}

/** The behaviors a sandbox provider can have. */
export const behaviors: readonly Behavior[] = ['instant', 'async', 'slow', 'failing']

export type SandboxState = 'acknowledged' | 'inProgress' | 'completed' | 'failed' | 'cancelled'

/** The state of an item `elapsed` ms after it arrived. */
export function stateAt (setup: ProviderSetup, action: string, elapsed: number): { state: SandboxState, reason?: string } {
  if (action === 'cancel') return { state: 'cancelled' }
  if (setup.behavior === 'failing') return { state: 'failed', reason: setup.failureReason ?? 'the sandbox provider has no capacity left in this region' }
  if (setup.behavior === 'instant') return { state: 'completed' }
  const inProgress = setup.inProgressAfterMs ?? 500
  const completed = setup.completedAfterMs ?? 2000
  if (elapsed >= completed) return { state: 'completed' }
  if (elapsed >= inProgress) return { state: 'inProgress' }
  return { state: 'acknowledged' }
}
