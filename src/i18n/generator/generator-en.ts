/**
 * The text generator's words (completion and workflow pages), apart from the chat's dictionary
 * so a chat page never loads them. English is the source of the keys; other locales must match.
 */
export const generatorEn = {
  'gen.title': '{bot}',
  'gen.tabs': 'What to do',
  'gen.tab.run': 'Run once',
  'gen.tab.saved': 'Saved',
  'gen.tab.batch': 'Run a batch',
  'gen.form': 'Your input',
  'gen.noFields': 'This app needs no input: press Run.',
  'gen.run': 'Run',
  'gen.stop': 'Stop',
  'gen.files': 'Files for the app',
  'gen.results': 'Results',
  'gen.empty': 'Fill in the form and press Run. The result appears here.',
  'gen.running': 'Generating…',
  'gen.partial': 'Finished with errors',
  'gen.tokens': '{count} tokens',
  'gen.seconds': '{seconds} s',
  'gen.steps': '{count} steps',
  'gen.copy': 'Copy result',
  'gen.save': 'Save result',
  'gen.savedNote': 'Saved',
  'gen.saveFailed': 'Could not save here',
  'gen.resultActions': 'Result actions',
  'gen.savedEmpty': 'Results you save appear here. They stay in this browser only.',
  'gen.remove': 'Remove saved result',
  'gen.nodes': 'Progress',
  'gen.rounds': '{count} rounds',
  'gen.outputs': 'Outputs',
  'gen.noOutput': 'The run gave no output.',
  'gen.restored': 'Your last run',
  'gen.file': 'File: {name}',
}

export type GeneratorKey = keyof typeof generatorEn
export type GeneratorDictionary = Record<GeneratorKey, string>
