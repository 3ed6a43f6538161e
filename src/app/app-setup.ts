/**
 * The logic behind the app's parameters (parsing, the inputs form), loaded beside the
 * `/parameters` request it needs anyway, so it stays out of the first bundle.
 */
export { fillPlaceholders, hasFileInputs, parseAppParameters } from './app-parameters.ts'
export { createInputsState } from '../inputs/inputs-state.ts'
export { createInputsStorage } from '../inputs/inputs-storage.ts'
