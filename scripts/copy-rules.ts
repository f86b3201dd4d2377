/** `npm run build` step: the SPARQL rule files are read at run time, so dist/ needs them too. */
import { cpSync } from 'node:fs'

for (const folder of ['reasoner/rules', 'matcher/rules']) {
  cpSync(new URL(`../src/${folder}`, import.meta.url), new URL(`../dist/${folder}`, import.meta.url), { recursive: true })
}
