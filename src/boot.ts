import type { BootData } from '../contract/dify-wire.ts'

/** Reads the boot data the server put in `<script type="application/json" id="chatskins-boot">`. */
export function readBootData(doc: Document): BootData {
  const element = doc.getElementById('chatskins-boot')
  if (!element?.textContent) throw new Error('chatskins: boot data is missing from the page')
  return JSON.parse(element.textContent) as BootData
}
