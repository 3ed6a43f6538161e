export const COMPOSER_INPUT_ID = 'chatskins-input'

/** After an action whose button goes away (a chip, New chat, Dismiss), the next step is typing. */
export function focusComposer(): void {
  document.getElementById(COMPOSER_INPUT_ID)?.focus()
}
