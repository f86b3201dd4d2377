/**
 * Widget choice, as maps keyed by IRI: editor and viewer hints of DASH (`dash:editor`,
 * `dash:viewer`) and SHACL 1.2 UI (`shui:editor`, `shui:viewer`). Supporting another editor
 * is adding an entry here.
 */
import { ns } from '../rdf/index.js'
import type { Viewer, Widget } from './types.js'

const editorNames: Readonly<Record<string, Widget>> = {
  TextFieldEditor: 'text',
  TextAreaEditor: 'textarea',
  TextFieldWithLangEditor: 'langString',
  TextAreaWithLangEditor: 'langString',
  RichTextEditor: 'richText',
  BooleanSelectEditor: 'booleanSelect',
  BooleanCheckboxEditor: 'checkbox',
  DatePickerEditor: 'date',
  DateTimePickerEditor: 'dateTime',
  EnumSelectEditor: 'select',
  InstancesSelectEditor: 'instancesSelect',
  AutoCompleteEditor: 'autoComplete',
  URIEditor: 'uri',
  DetailsEditor: 'details',
  SubClassEditor: 'subClass',
  BlankNodeEditor: 'blankNode'
}

const viewerNames: Readonly<Record<string, Viewer>> = {
  LiteralViewer: 'literal',
  LabelViewer: 'label',
  URIViewer: 'uri',
  HyperlinkViewer: 'hyperlink',
  HTMLViewer: 'html',
  ImageViewer: 'image',
  LangStringViewer: 'langString',
  DetailsViewer: 'details',
  BlankNodeViewer: 'blankNode',
  ValueTableViewer: 'valueTable'
}

const uiNamespaces = [ns.dash, ns.shui, 'http://www.w3.org/ns/shacl-ui/']

function keyedByIri<T> (names: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.fromEntries(uiNamespaces.flatMap(namespace => Object.entries(names).map(([local, value]) => [namespace + local, value])))
}

/** Editor IRI (`dash:TextAreaEditor`, `shui:TextAreaEditor`, …) → widget. */
export const editorWidgets: Readonly<Record<string, Widget>> = keyedByIri(editorNames)

/** Viewer IRI → viewer. */
export const viewers: Readonly<Record<string, Viewer>> = keyedByIri(viewerNames)
