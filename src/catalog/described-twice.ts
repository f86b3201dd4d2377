/**
 * Services that two `--data` files both describe. Files are merged into one catalog, which is
 * often meant (one file the services, another their offers) and sometimes a copy that
 * disagrees (two prices, two providers). A file describes a service when it states the
 * service's `schema:provider`: the fact every description names once (the publishing shapes
 * ask for exactly one), and that a file adding only offers, interfaces or other facts to a
 * service described elsewhere does not state.
 */

/** A service that two files both describe: the first two such files, in the order given. */
export interface DescribedTwice {
  readonly service: string
  readonly files: readonly [string, string]
}

/**
 * The services (IRIs that are subjects of `schema:provider`) of more than one file, each with
 * the first two files that describe it, in the order of `files` and of first description.
 *
 * @example describedTwice([{ file: 'a.ttl', services: ['ex:S'] }, { file: 'b.ttl', services: ['ex:S'] }]) // [{ service: 'ex:S', files: ['a.ttl', 'b.ttl'] }]
 */
export function describedTwice (files: ReadonlyArray<{ readonly file: string, readonly services: Iterable<string> }>): DescribedTwice[] {
  const first = new Map<string, string>()
  const twice = new Map<string, DescribedTwice>()
  for (const { file, services } of files) {
    for (const service of services) {
      const earlier = first.get(service)
      if (earlier === undefined) first.set(service, file)
      else if (earlier !== file && !twice.has(service)) twice.set(service, { service, files: [earlier, file] })
    }
  }
  return [...twice.values()]
}
