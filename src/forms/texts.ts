/** The few texts forms write themselves (section titles, the region check), in German and English. */

export interface FormTexts {
  readonly shared: string
  readonly configuration: string
  readonly link: (from: string, to: string) => string
  /** A field's value lies outside the region the request demands (`{?value}` is filled in by SHACL). */
  readonly outsideRegion: (field: string, region: string, allowed: readonly string[]) => string
}

const texts: Record<'en' | 'de', FormTexts> = {
  en: {
    shared: 'Shared settings',
    configuration: 'Configuration',
    link: (from: string, to: string) => `${from} → ${to}`,
    outsideRegion: (field, region, allowed) => `${field}: {?value} is outside the region "${region}" the request demands; choose one of: ${allowed.join(', ')}.`
  },
  de: {
    shared: 'Gemeinsame Einstellungen',
    configuration: 'Konfiguration',
    link: (from: string, to: string) => `${from} → ${to}`,
    outsideRegion: (field, region, allowed) => `${field}: {?value} liegt außerhalb der Region „${region}“, die die Anfrage verlangt; wählen Sie einen dieser Werte: ${allowed.join(', ')}.`
  }
}

/** The texts for a language (German for `de*`, else English). */
export function formTexts (language: string): FormTexts {
  return language.toLowerCase().startsWith('de') ? texts.de : texts.en
}
