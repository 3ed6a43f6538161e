/** What some answers carry beside their text; one chunk, loaded when an answer first has any. */
export { AgentSteps } from '../components/AgentSteps.tsx'
export { Citations } from '../components/Citations.tsx'
export { MessageFiles } from '../components/MessageFiles.tsx'
export { WorkflowSteps } from '../components/WorkflowSteps.tsx'
