#!/usr/bin/env node
// Runs the compiled CLI when built (npm run build), the TypeScript sources otherwise.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/cli/bin.js', import.meta.url)
if (existsSync(compiled)) {
  await import(compiled.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('../src/cli/bin.ts', import.meta.url).href)
}
