// The host page's own script: the queue stub from docs/embed.md, then plain buttons.
window.chatskins =
  window.chatskins ||
  function () {
    ;(window.chatskins.q = window.chatskins.q || []).push(arguments)
  }
chatskins('on', 'answer', (text) => {
  const item = document.createElement('li')
  item.textContent = text
  document.getElementById('answers').append(item)
})
chatskins('on', 'open', () => (document.body.dataset.chat = 'open'))
chatskins('on', 'close', () => (document.body.dataset.chat = 'closed'))
document.addEventListener('click', (event) => {
  if (event.target.id === 'ask') chatskins('send', 'How long does shipping take?')
  if (event.target.id === 'open-chat') chatskins('open')
})
