import type { Io } from './io.js'

export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>

export interface CommandInput {
  readonly values: OptionValues
  readonly positionals: readonly string[]
}

/** A text a person reads, in both languages the CLI speaks. */
export interface Bilingual {
  readonly en: string
  readonly de: string
}

/** What `--help` says about one option. */
export interface OptionHelp {
  /** The shape of the option's argument, e.g. `<file.json>`; none for a flag. */
  readonly value?: string
  /** What it does, in one line. */
  readonly text: Bilingual
  /** What applies when it is not given: a bare value (`8080`) or words. */
  readonly default?: string | Bilingual
}

/**
 * One option: how `parseArgs` reads it, and its help. Whether it may be repeated is `multiple`,
 * which the help says too.
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly multiple?: boolean
  readonly short?: string
  readonly help: OptionHelp
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>

/** One `symphony <name>` command. */
export interface Command {
  readonly summary: Bilingual
  /** Arguments after the command name, e.g. `<file>…`: bare syntax, or words in both languages. */
  readonly usage: string | Bilingual
  readonly options?: OptionSpecs
  /** What this command makes of an option every command takes (e.g. which `--format`s it writes). */
  readonly common?: Readonly<Partial<Record<keyof typeof commonOptions, OptionHelp>>>
  /** How many positionals it takes. */
  readonly positionals?: { readonly min: number, readonly max?: number }
  /** Returns the exit code. */
  run (input: CommandInput, io: Io): Promise<number>
  /**
   * The process may end as soon as `run` has returned and its output is written: the command
   * closed everything it opened (no store write, worker or timer left that does useful work),
   * so tearing down its heap (seconds after a large `--data` catalog) would only delay the exit.
   */
  readonly endsWhenAnswered?: true
}

/**
 * `common.format` of a command that writes its answer in one form only (JSON, or the RDF or
 * TypeScript its help names): `--format json`, the default, is accepted, any other is refused
 * rather than ignored.
 */
export const oneFormat: OptionHelp = {
  value: '<format>',
  text: {
    en: 'no choice of format: the answer has the one form described above; json, the default, is accepted, text and others are refused',
    de: 'keine Formatwahl: die Antwort hat die eine oben beschriebene Form; json, die Voreinstellung, wird angenommen, text und andere werden abgelehnt'
  }
}

/** Options every command accepts. */
export const commonOptions = {
  data: {
    type: 'string',
    multiple: true,
    help: {
      value: '<file>',
      text: {
        en: 'an RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, by extension); with --data, the catalog is the built-in ontology plus these files instead of the data directory\'s',
        de: 'eine RDF-Datei (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, nach Endung); mit --data ist der Katalog die eingebaute Ontologie plus diese Dateien statt dem des Datenverzeichnisses'
      }
    }
  },
  rules: {
    type: 'string',
    multiple: true,
    help: {
      value: '<dir>',
      text: {
        en: 'a folder of inference rule files (*.rq) applied besides the built-in ones (docs/reasoning.md)',
        de: 'ein Ordner mit Inferenzregeln (*.rq), die zusätzlich zu den eingebauten gelten (docs/reasoning.md)'
      }
    }
  },
  'data-dir': {
    type: 'string',
    help: {
      value: '<dir>',
      text: { en: 'the data directory of the embedded store', de: 'das Datenverzeichnis des eingebetteten Speichers' },
      default: { en: '$SYMPHONY_DATA_DIR, else data/ in the Symphony installation', de: '$SYMPHONY_DATA_DIR, sonst data/ in der Symphony-Installation' }
    }
  },
  endpoint: {
    type: 'string',
    help: {
      value: '<url>',
      text: {
        en: 'a SPARQL 1.1 query endpoint to use instead of the embedded store (with --graph-store)',
        de: 'ein SPARQL-1.1-Abfrage-Endpunkt statt des eingebetteten Speichers (mit --graph-store)'
      },
      default: '$SYMPHONY_SPARQL_ENDPOINT'
    }
  },
  'graph-store': {
    type: 'string',
    help: {
      value: '<url>',
      text: { en: 'the graph store protocol endpoint beside --endpoint', de: 'der Endpunkt des Graph-Store-Protokolls zu --endpoint' },
      default: '$SYMPHONY_GRAPH_STORE'
    }
  },
  format: {
    type: 'string',
    help: {
      value: '<format>',
      text: {
        en: 'output format: json or text for answers; a command writing other formats, or only one, says so in its help',
        de: 'Ausgabeformat: json oder text für Antworten; ein Befehl mit anderen Formaten oder nur einem sagt es in seiner Hilfe'
      },
      default: 'json'
    }
  },
  lang: {
    type: 'string',
    help: {
      value: '<tag>',
      text: { en: 'language of labels and messages: en or de', de: 'Sprache von Bezeichnungen und Meldungen: en oder de' },
      default: {
        en: 'de when $LC_ALL, $LC_MESSAGES or $LANG (the first one set) starts with de, else en',
        de: 'de, wenn $LC_ALL, $LC_MESSAGES oder $LANG (die erste gesetzte) mit de beginnt, sonst en'
      }
    }
  },
  help: {
    type: 'boolean',
    short: 'h',
    help: {
      text: {
        en: 'this help; after a command name, the help of that command',
        de: 'diese Hilfe; nach einem Befehlsnamen die Hilfe dieses Befehls'
      }
    }
  }
} as const satisfies OptionSpecs

/** The options as `parseArgs` takes them: without their help. */
export function parseArgsOptions (specs: OptionSpecs): Record<string, { type: 'string' | 'boolean', multiple?: boolean, short?: string }> {
  return Object.fromEntries(Object.entries(specs).map(([name, { help: _help, ...config }]) => [name, config]))
}
