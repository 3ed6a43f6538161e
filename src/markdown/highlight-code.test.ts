// @vitest-environment jsdom
import { describe, expect, test } from 'vitest'
import { highlightCode, languageOf } from './highlight-code.ts'

function code(language: string, text: string): HTMLElement {
  const element = document.createElement('code')
  if (language) element.className = `language-${language}`
  element.textContent = text
  return element
}

describe('languageOf', () => {
  test.each([
    ['js', 'js'],
    ['javascript', 'javascript'],
    ['ts', 'ts'],
    ['tsx', 'tsx'],
    ['python', 'python'],
    ['py', 'py'],
    ['bash', 'bash'],
    ['sh', 'sh'],
    ['json', 'json'],
    ['html', 'html'],
    ['xml', 'xml'],
    ['css', 'css'],
  ])('knows %s', (language, name) => {
    expect(languageOf(code(language, ''))).toBe(name)
  })

  test.each(['', 'rust', 'text', 'constructor', '__proto__'])('does not know %j', (language) => {
    expect(languageOf(code(language, ''))).toBeUndefined()
  })
})

describe('highlightCode', () => {
  test('colours the code, keeps its text and marks it done', () => {
    const element = code('python', 'def f():\n    return "x"  # c\n')
    highlightCode(element)
    expect(element.textContent).toBe('def f():\n    return "x"  # c\n')
    expect(element.classList).toContain('hljs')
    expect(element.querySelector('.hljs-keyword')?.textContent).toBe('def')
    expect(element.querySelector('.hljs-string')?.textContent).toBe('"x"')
    expect(element.querySelector('.hljs-comment')?.textContent).toBe('# c')
  })

  test('keeps markup in the code as text', () => {
    const element = code('html', '<script>alert(1)</script><img src=x onerror=alert(1)>')
    highlightCode(element)
    expect(element.querySelector('script, img')).toBeNull()
    expect(element.textContent).toBe('<script>alert(1)</script><img src=x onerror=alert(1)>')
  })

  test('runs once per element', () => {
    const element = code('js', 'let a')
    highlightCode(element)
    const html = element.innerHTML
    element.textContent = 'changed'
    highlightCode(element)
    expect(element.textContent).toBe('changed')
    expect(html).toContain('hljs-keyword')
  })

  test('leaves huge code plain', () => {
    const element = code('js', 'let a\n'.repeat(10_000))
    highlightCode(element)
    expect(element.children).toHaveLength(0)
  })
})
