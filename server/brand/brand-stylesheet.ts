/** Hashed URLs of an endpoint's brand images. */
export interface BrandImageUrls {
  avatar?: string
  logo?: string
  favicon?: string
}

/**
 * The per-endpoint stylesheet over the pack: the derived tokens, and the avatar and logo drawn as
 * CSS images (image context: an SVG there can run nothing). `[data-brand]` outweighs the pack's
 * `:root[data-theme='…']` rules. URLs are ours (path and hex hash), so nothing here needs escaping.
 */
export function brandStylesheet(
  tokens: Readonly<Record<string, string>>,
  images: BrandImageUrls,
): string {
  const root = ':root[data-theme][data-brand]'
  const rules: string[] = []
  const declarations = Object.entries(tokens).map(([name, value]) => `  ${name}: ${value};`)
  if (declarations.length > 0) rules.push(`${root} {\n${declarations.join('\n')}\n}`)
  if (images.avatar) {
    rules.push(
      `${root} [data-part='avatar'][data-role='bot'] {\n` +
        `  background: url('${images.avatar}') center / cover no-repeat;\n}`,
      `${root} [data-part='avatar'][data-role='bot'] > [data-part='avatar-initial'] {\n` +
        '  visibility: hidden;\n}',
    )
  }
  if (images.logo) {
    rules.push(
      `${root} [data-part='bot-name']::before {\n` +
        "  content: '';\n  display: inline-block;\n  inline-size: 1.5em;\n  block-size: 1.5em;\n" +
        '  margin-inline-end: 0.4em;\n  vertical-align: middle;\n' +
        `  background: url('${images.logo}') center / contain no-repeat;\n}`,
    )
  }
  return rules.join('\n') + '\n'
}
