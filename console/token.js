// The signed-in account's bearer token: kept in sessionStorage (gone with the tab), never in the URL.
const key = 'symphony.token'

/** The token of this tab, or null when nobody is signed in. */
export function token () {
  try { return globalThis.sessionStorage?.getItem(key) ?? null } catch { return null }
}

export function setToken (value) {
  try { globalThis.sessionStorage?.setItem(key, value) } catch { /* storage unavailable: the token lives until reload */ }
}

export function clearToken () {
  try { globalThis.sessionStorage?.removeItem(key) } catch { /* storage unavailable */ }
}
