/** The UI of files and voice, loaded with their state (main.tsx) for apps that enable them. */
export { AttachButton, fileDrop } from './AttachButton.tsx'
export { Attachments, SentFiles } from './Attachments.tsx'
export { MicButton } from './MicButton.tsx'
export { ReadAloudButton } from './ReadAloudButton.tsx'
