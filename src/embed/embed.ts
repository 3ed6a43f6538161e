/**
 * `/embed.js`: the launcher and panel on an operator's own site (docs/embed.md). One element with
 * a shadow root, one global (`chatskins`), no dependencies: it stays small and its work on the
 * host's main thread stays short. Everything the chat does runs in the panel's iframe.
 */
import baseCss from './launcher.css?inline'

type Listener = (detail?: unknown) => void
type Command = [string, ...unknown[]]
interface LauncherConfig {
  error?: string
  botName: string
  page: string
  theme: string
  scheme: string
  css: string
  cssBase: string
  brand: boolean
  icon: string | null
  labels: { open: string; close: string }
}

const PROTOCOL = 1
const NARROW = '(max-width: 640px)'
const SVG = 'http://www.w3.org/2000/svg'
const GLYPH = 'M4 5h16v11H9l-5 4z'

const script = document.currentScript as HTMLScriptElement
const data = script.dataset
const chat = new URL(script.src).origin
const queued = (window as unknown as { chatskins?: { q?: IArguments[] } }).chatskins?.q ?? []
const pending: Command[] = [...queued].map((args) => [...args] as Command)
const listeners: Record<string, Listener[]> = {}
let run = (command: Command) => void pending.push(command)
const chatskins = (...command: Command) => run(command)
;(window as unknown as { chatskins: unknown }).chatskins = chatskins

const locale = data.locale ? `?locale=${encodeURIComponent(data.locale)}` : ''
import(
  /* @vite-ignore */ `${chat}/${encodeURIComponent(data.endpoint ?? '')}/embed-config.js${locale}`
)
  .then(async (module: { default: LauncherConfig }) => {
    if (document.readyState === 'loading') {
      await new Promise((resolve) => addEventListener('DOMContentLoaded', resolve, { once: true }))
    }
    start(module.default)
  })
  .catch(() => console.error(`chatskins: could not load the chat from ${chat}`))

function start(config: LauncherConfig): void {
  if (config.error) return console.error(config.error)
  const inline = data.mode === 'inline'
  const target = inline ? document.querySelector(data.target ?? '') : document.body
  if (!target) return console.error(`chatskins: data-target ${data.target} matches nothing`)
  const element = document.createElement('chatskins-embed')
  const shadow = element.attachShadow({ mode: 'open' })
  const sheets = [baseCss, config.css].map((css, index) => {
    const sheet = new CSSStyleSheet(index ? { baseURL: config.cssBase } : {})
    sheet.replaceSync(css)
    return sheet
  })
  shadow.adoptedStyleSheets = sheets
  const root = make('div', { 'data-part': 'embed', 'data-theme': config.theme })
  root.dataset.mode = inline ? 'inline' : 'float'
  root.dataset.position = data.position === 'left' ? 'left' : 'right'
  if (config.scheme !== 'auto') root.dataset.scheme = config.scheme
  if (config.brand) root.dataset.brand = ''
  if (data.offset) root.style.setProperty('--cs-embed-offset', `${parseInt(data.offset, 10)}px`)
  const panel = make('div', { 'data-part': 'embed-panel', id: 'chatskins-panel' })
  const launcher = make('button', {
    type: 'button',
    'data-part': 'launcher',
    'aria-controls': 'chatskins-panel',
    'aria-expanded': 'false',
    'aria-label': config.labels.open,
  })
  launcher.append(icon(config.icon))
  root.append(panel)
  if (!inline) root.append(launcher)
  shadow.append(root)
  target.append(element)

  let frame: HTMLIFrameElement | null = null
  let ready = false
  let open = false
  let outbox: Command[] = []
  const post = (type: string, extra: object = {}) => {
    if (!ready) return void outbox.push([type, extra])
    frame!.contentWindow!.postMessage({ chatskins: PROTOCOL, type, ...extra }, chat)
  }
  const load = () => {
    if (frame) return
    frame = make('iframe', { title: config.labels.open, allow: 'clipboard-write; microphone' })
    const inputs = new URLSearchParams(data.inputs ? JSON.parse(data.inputs) : {})
    frame.src = `${chat}${config.page}${locale.replace('?', '&')}&${inputs}`
    panel.append(frame)
  }
  const focusPanel = () => {
    frame!.focus()
    post('open')
  }
  const emit = (name: string, detail?: unknown) => listeners[name]?.forEach((fn) => fn(detail))
  const narrow = matchMedia(NARROW)
  const scroll = document.documentElement.style
  const fitKeyboard = () =>
    root.style.setProperty('--cs-embed-viewport', `${visualViewport?.height ?? innerHeight}px`)
  const show = (value: boolean) => {
    if (value === open || inline) return
    open = value
    load()
    panel.toggleAttribute('data-open', open)
    launcher.setAttribute('aria-expanded', String(open))
    launcher.setAttribute('aria-label', open ? config.labels.close : config.labels.open)
    // A full-screen panel on a phone: the page behind stays put, the keyboard shrinks the panel.
    const lock = open && narrow.matches
    scroll.overflow = lock ? 'hidden' : ''
    if (lock) fitKeyboard()
    visualViewport?.[lock ? 'addEventListener' : 'removeEventListener']('resize', fitKeyboard)
    if (open) focusPanel()
    else launcher.focus()
    emit(open ? 'open' : 'close')
  }

  addEventListener('message', (event) => {
    const message = event.data as { chatskins?: number; type?: string; [key: string]: unknown }
    if (event.origin !== chat || event.source !== frame?.contentWindow) return
    if (message?.chatskins !== PROTOCOL) return
    if (message.type === 'ready') {
      ready = true
      const waiting = outbox
      outbox = []
      for (const [type, extra] of waiting) post(type, extra as object)
      if (open) focusPanel()
    } else if (message.type === 'close') show(false)
    else if (message.type === 'answer') emit('answer', message.text)
    else if (message.type === 'identity' && !message.ok) {
      console.warn(`chatskins: identify refused. ${message.message}`)
    }
  })
  launcher.addEventListener('click', () => show(!open))
  launcher.addEventListener('keydown', (event) => event.key === 'Escape' && show(false))
  // Instant: the panel loads when the pointer heads for the launcher, or when the page is idle.
  launcher.addEventListener('pointerenter', load)
  launcher.addEventListener('focus', load)
  ;(window.requestIdleCallback ?? setTimeout)(load, { timeout: 4000 })
  if (inline) load()

  run = ([name, ...args]) => {
    if (name === 'open' || name === 'close' || name === 'toggle') {
      show(name === 'toggle' ? !open : name === 'open')
    } else if (name === 'send') {
      show(true)
      post('send', { text: String(args[0]) })
    } else if (name === 'setInputs') post('inputs', { values: args[0] })
    else if (name === 'identify') post('identify', { token: String(args[0]) })
    else if (name === 'logout') post('logout')
    else if (name === 'on') (listeners[String(args[0])] ??= []).push(args[1] as Listener)
    else console.error(`chatskins: unknown command ${name}`)
  }
  pending.splice(0).forEach(run)
  if (data.open !== undefined && data.open !== 'false') show(true)
}

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const name in attributes) element.setAttribute(name, attributes[name]!)
  return element
}

/** The pack's icon; the built-in glyph where there is none or the host's CSP blocks it. */
function icon(src: string | null): Element {
  const svg = document.createElementNS(SVG, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('aria-hidden', 'true')
  svg.append(document.createElementNS(SVG, 'path'))
  svg.firstElementChild!.setAttribute('d', GLYPH)
  if (!src) return svg
  const image = make('img', { src, alt: '' })
  image.onerror = () => image.replaceWith(svg)
  return image
}
