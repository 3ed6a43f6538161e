import { pickRecordingFormat } from './recording-format.ts'

/** A recording in progress. */
export interface Recording {
  /** Stops and gives the audio, as the file Dify's speech to text takes. */
  stop(): Promise<File>
}

/**
 * Asks for the microphone and starts recording (rejects with the browser's error, e.g. a
 * `NotAllowedError` when the visitor says no). Loaded on the first press of the mic button.
 */
export async function startRecording(): Promise<Recording> {
  const format = pickRecordingFormat((type) => MediaRecorder.isTypeSupported(type))
  if (!format) throw new Error('No supported recording format')
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true })
  const release = () => stream.getTracks().forEach((track) => track.stop())
  let recorder: MediaRecorder
  try {
    recorder = new MediaRecorder(stream, { mimeType: format.recorderType })
  } catch (error) {
    release()
    throw error
  }
  const chunks: Blob[] = []
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data)
  }
  recorder.start()
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        recorder.onstop = () => {
          release()
          resolve(new File(chunks, format.fileName, { type: format.fileType }))
        }
        recorder.onerror = () => {
          release()
          reject(new Error('Recording failed'))
        }
        try {
          recorder.stop()
        } catch (error) {
          release()
          reject(error)
        }
      }),
  }
}
