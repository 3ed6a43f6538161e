/** What some answers carry beside their text; one chunk, loaded when an answer first has any. */
export { AgentSteps } from './AgentSteps.tsx'
export { Citations } from './Citations.tsx'
export { MessageFiles } from './MessageFiles.tsx'
export { WorkflowSteps } from './WorkflowSteps.tsx'
