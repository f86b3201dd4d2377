/**
 * `npm run bench`: every benchmark, each printing its ratios against a baseline measured in the
 * same run. `npm run bench -- store match` runs only the named ones.
 */
const benches = {
  store: () => import('./store.js'),
  match: () => import('./match.js'),
  reasoner: () => import('./reasoner.js'),
  discovery: () => import('./discovery.js'),
  'discovery-quality': () => import('./discovery-quality.js'),
  compose: () => import('./compose.js'),
  'compose-wide': () => import('./compose-wide.js'),
  'ws-challenge': () => import('./ws-challenge.js'),
  http: () => import('./http.js'),
  load: () => import('./load.js'),
  remote: () => import('./remote.js'),
  cli: () => import('./cli.js')
} as const

type Name = keyof typeof benches

const requested = process.argv.slice(2)
const unknown = requested.filter(name => !(name in benches))
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`)
  process.exit(2)
}
for (const name of (requested.length > 0 ? requested : Object.keys(benches)) as Name[]) {
  console.log(`\n## ${name}\n`)
  const { run } = await benches[name]()
  console.log(await run())
}
