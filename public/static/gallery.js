// The gallery's copy buttons: each copies the embed snippet of its card.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]')
  if (!button) return
  const code = button.closest('.card-embed').querySelector('code').textContent
  try {
    await navigator.clipboard.writeText(code)
    button.textContent = 'Copied'
  } catch {
    button.textContent = 'Select the snippet and copy it'
  }
})
