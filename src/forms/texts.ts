/** The few texts forms write themselves (section titles), in German and English. */

export interface FormTexts {
  readonly shared: string
  readonly configuration: string
  readonly link: (from: string, to: string) => string
}

const texts: Record<'en' | 'de', FormTexts> = {
  en: { shared: 'Shared settings', configuration: 'Configuration', link: (from: string, to: string) => `${from} → ${to}` },
  de: { shared: 'Gemeinsame Einstellungen', configuration: 'Konfiguration', link: (from: string, to: string) => `${from} → ${to}` }
}

/** The texts for a language (German for `de*`, else English). */
export function formTexts (language: string): FormTexts {
  return language.toLowerCase().startsWith('de') ? texts.de : texts.en
}
