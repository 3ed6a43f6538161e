import { describe, expect, it } from 'vitest'
import { speechText } from './speech-text.ts'

describe('speechText', () => {
  it('reads the words of a markdown answer, not its syntax', () => {
    const answer = [
      '## Green tea',
      '',
      'Here is a short piece about **green tea**, by *the demo*.',
      '',
      '- It streams, so you can press **Stop**.',
      '- It is markdown: `code` and ~~lists~~.',
      '1. See [the guide](https://example.com/guide) and ![a cup](cup.png).',
      '> Quoted <b>bold</b>',
      '',
      '---',
      '',
      '```python',
      'print(snake_case)',
      '```',
    ].join('\n')
    expect(speechText(answer)).toBe(
      [
        'Green tea',
        '',
        'Here is a short piece about green tea, by the demo.',
        '',
        'It streams, so you can press Stop.',
        'It is markdown: code and lists.',
        'See the guide and a cup.',
        'Quoted bold',
        '',
        'print(snake_case)',
      ].join('\n'),
    )
  })

  it('reads a table cell by cell and keeps plain text as it is', () => {
    expect(speechText('| Tea | Origin |\n| --- | :---: |\n| Sencha | Japan |')).toBe(
      'Tea Origin\n\nSencha Japan',
    )
    expect(speechText('Read me')).toBe('Read me')
    expect(speechText('안녕하세요, __반가워요__! 3 * 4 = 12')).toBe(
      '안녕하세요, 반가워요! 3 * 4 = 12',
    )
  })
})
