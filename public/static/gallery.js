// The gallery's switches and copy buttons (server/gallery/gallery-page.ts renders the page).
const root = document.documentElement
const form = document.querySelector('.switches')
const labels = JSON.parse(document.getElementById('gallery-labels').textContent)
const previews = () => document.querySelectorAll('.card-preview')

root.classList.add('js')

/** Every label in the gallery's words for `locale`: text, or the attribute it names. */
function relabel(locale) {
  const words = labels[locale]
  root.lang = locale
  for (const element of document.querySelectorAll('[data-label]')) {
    const text = words[element.dataset.label].replace('{name}', element.dataset.name ?? '')
    if (element.dataset.labelAttr) element.setAttribute(element.dataset.labelAttr, text)
    else element.textContent = text
  }
}

/** Scales each preview's frame (a phone's or a desktop's width) down to its card. */
const fit = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const frame = target.querySelector('iframe')
    if (frame.offsetWidth > 0) {
      target.style.setProperty('--fit', String(target.clientWidth / frame.offsetWidth))
    }
  }
})
for (const preview of previews()) fit.observe(preview)

/** The switches' state goes to every preview (a scheme or language change reloads it) and the URL. */
function apply() {
  const choice = new FormData(form)
  const scheme = choice.get('scheme')
  const locale = choice.get('locale')
  const frame = choice.get('frame')
  root.dataset.scheme = scheme
  root.dataset.frame = frame
  if (locale) relabel(locale)
  for (const preview of previews()) {
    const iframe = preview.querySelector('iframe')
    const url = new URL(iframe.getAttribute('src'), location.href)
    url.searchParams.set('scheme', scheme)
    if (locale) url.searchParams.set('locale', locale)
    else url.searchParams.delete('locale')
    const next = url.pathname + url.search
    if (next !== iframe.getAttribute('src')) iframe.setAttribute('src', next)
    fit.unobserve(preview)
    fit.observe(preview)
  }
  const query = new URLSearchParams({ scheme, frame })
  if (locale) query.set('locale', locale)
  history.replaceState(null, '', `?${query}`)
}

form.addEventListener('change', apply)
form.addEventListener('submit', (event) => {
  event.preventDefault()
  apply()
})

// Each copy button copies the snippet of its own section: the config, or the embed tag.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]')
  if (!button) return
  const code = button.closest('details').querySelector('code').textContent
  const words = labels[root.lang] ?? labels.en
  try {
    await navigator.clipboard.writeText(code)
    button.textContent = words.copied
  } catch {
    button.textContent = words.copyFailed
  }
})
