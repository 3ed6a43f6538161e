import type { Locale } from '../../contract/locales.ts'
import type { EndpointConfig } from '../config/types.ts'
import type { ThemePack } from '../themes/manifest.ts'
import { escapeHtml } from '../../contract/escape-html.ts'

/**
 * What a visitor reads when the endpoint's Dify app can't be reached to learn its type, or is
 * not the type the config says. Rendered without the client (there is nothing it could run), so
 * the words live here rather than in the client's dictionaries.
 */
const MESSAGES: Readonly<Record<Locale, { title: string; unreachable: string; mismatch: string }>> =
  {
    en: {
      title: 'Not available right now',
      unreachable: 'The app behind this page can’t be reached. Please try again in a minute.',
      mismatch: 'This page is set up for a different kind of app. Please tell the site’s owner.',
    },
    ja: {
      title: '現在ご利用いただけません',
      unreachable: 'このページのアプリに接続できません。しばらくしてからもう一度お試しください。',
      mismatch:
        'このページは別の種類のアプリ向けに設定されています。サイトの管理者にお知らせください。',
    },
    ko: {
      title: '지금은 이용할 수 없습니다',
      unreachable: '이 페이지의 앱에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
      mismatch:
        '이 페이지는 다른 종류의 앱에 맞게 설정되어 있습니다. 사이트 관리자에게 알려 주세요.',
    },
    'zh-Hans': {
      title: '暂时无法使用',
      unreachable: '无法连接到此页面的应用，请稍后再试。',
      mismatch: '此页面配置的应用类型不一致，请联系网站管理员。',
    },
    'zh-Hant': {
      title: '暫時無法使用',
      unreachable: '無法連線到此頁面的應用程式，請稍後再試。',
      mismatch: '此頁面設定的應用程式類型不一致，請聯絡網站管理員。',
    },
  }

export function renderUnavailablePage(
  endpoint: EndpointConfig,
  pack: ThemePack,
  problem: 'unreachable' | 'mismatch',
): string {
  const { manifest } = pack
  const locale = endpoint.locale ?? manifest.defaultLocale
  const words = MESSAGES[locale]
  const themeCss = `/themes/${encodeURIComponent(manifest.id)}/theme.css?v=${pack.version}`
  return `<!doctype html>
<html lang="${escapeHtml(locale)}" data-theme="${escapeHtml(manifest.id)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(endpoint.botName)}</title>
  <link rel="stylesheet" href="${escapeHtml(themeCss)}">
</head>
<body>
  <main data-part="app-unavailable" role="alert">
    <h1>${escapeHtml(words.title)}</h1>
    <p>${escapeHtml(words[problem])}</p>
  </main>
</body>
</html>`
}
