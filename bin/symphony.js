#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` output is newer than every source file, the
// TypeScript sources (through tsx) otherwise, so a stale build never runs by mistake.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const compiled = new URL('../dist/cli/bin.js', import.meta.url)
const sources = fileURLToPath(new URL('../src/', import.meta.url))

function newestSource () {
  let newest = 0
  for (const entry of readdirSync(sources, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs)
  }
  return newest
}

if (existsSync(compiled) && statSync(compiled).mtimeMs >= newestSource()) {
  await import(compiled.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('../src/cli/bin.ts', import.meta.url).href)
}
