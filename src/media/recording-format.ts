/** How a recording is made and sent: the MediaRecorder type, and the file Dify receives. */
export interface RecordingFormat {
  recorderType: string
  fileName: string
  fileType: string
}

/**
 * The first format the browser records that Dify takes (docs/dify-wire.md#audio: mp3, m4a, wav, amr,
 * mpga; recent Dify also webm). MP4 audio goes as `audio/m4a`, the documented name for it;
 * WebM (Chromium, Firefox) only where MP4 can't be recorded.
 */
export function pickRecordingFormat(
  isTypeSupported: (type: string) => boolean,
): RecordingFormat | undefined {
  const formats: RecordingFormat[] = [
    { recorderType: 'audio/mp4', fileName: 'voice.m4a', fileType: 'audio/m4a' },
    { recorderType: 'audio/wav', fileName: 'voice.wav', fileType: 'audio/wav' },
    { recorderType: 'audio/webm;codecs=opus', fileName: 'voice.webm', fileType: 'audio/webm' },
    { recorderType: 'audio/webm', fileName: 'voice.webm', fileType: 'audio/webm' },
  ]
  return formats.find((format) => {
    try {
      return isTypeSupported(format.recorderType)
    } catch {
      return false
    }
  })
}

/** Whether this browser can record at all (a secure page with a microphone API). */
export function canRecord(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function' &&
    typeof MediaRecorder !== 'undefined' &&
    pickRecordingFormat((type) => MediaRecorder.isTypeSupported(type)) !== undefined
  )
}
