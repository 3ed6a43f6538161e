import type { Ref } from 'preact'

export interface HiddenFilePickerProps {
  part: string
  /** What the visible button clicks to open the picker. */
  inputRef: Ref<HTMLInputElement>
  multiple: boolean
  accept: string
  onFiles: (files: File[]) => void
}

/**
 * The file input behind a visible choose button: out of sight and out of the tab order. It
 * forgets each pick, so the same file can be chosen again.
 */
export function HiddenFilePicker({
  part,
  inputRef,
  multiple,
  accept,
  onFiles,
}: HiddenFilePickerProps) {
  return (
    <input
      ref={inputRef}
      type="file"
      data-part={part}
      class="sr-only"
      tabIndex={-1}
      aria-hidden="true"
      multiple={multiple}
      accept={accept}
      onChange={(event) => {
        const input = event.currentTarget
        onFiles([...(input.files ?? [])])
        input.value = ''
      }}
    />
  )
}
