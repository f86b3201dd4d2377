/**
 * Finding `serve`'s door process (`src/api/starting-door.ts`) from a test, by the process tree
 * in `/proc` (Linux).
 */
import { readFile, readdir } from 'node:fs/promises'
import { setTimeout as delay } from 'node:timers/promises'

/** The pids of `pid`'s child processes. */
export async function childrenOf (pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [])
  const lists = await Promise.all(tasks.map(task => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')))
  return lists.flatMap(list => list.split(' ').filter(word => word !== '').map(Number))
}

/** Whether `pid` runs (a zombie nobody reaped has ended). */
export async function running (pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  return stat !== undefined && !/^\d+ \(.*\) Z/.test(stat)
}

/** The pid of the door `pid` started, once it runs. */
export async function doorOf (pid: number): Promise<number> {
  for (;;) {
    for (const child of await childrenOf(pid)) {
      if ((await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '')).includes('starting-door')) return child
    }
    await delay(50)
  }
}
