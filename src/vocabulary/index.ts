/** The vocabulary as data: which stored graphs are vocabulary, and the operator's vocabulary graphs. */
export { isVocabularyGraph, selectVocabulary } from './select.js'
export { deleteVocabulary, listVocabularies, putVocabulary, vocabularyContent, vocabularyGraphOf, type VocabularyGraph } from './manage.js'
