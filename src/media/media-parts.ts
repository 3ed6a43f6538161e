/** The UI of files and voice, loaded with their state (main.tsx) for apps that enable them. */
export { AttachButton, fileDrop } from '../components/AttachButton.tsx'
export { Attachments, SentFiles } from '../components/Attachments.tsx'
export { MicButton } from '../components/MicButton.tsx'
export { ReadAloudButton } from '../components/ReadAloudButton.tsx'
