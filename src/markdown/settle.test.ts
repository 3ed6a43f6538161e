import { describe, expect, test } from 'vitest'
import { ANSWERS } from './answers.fixture.ts'
import {
  advanceSettle,
  closesFence,
  cutsBefore,
  INITIAL_SETTLE,
  opensFence,
  splitSettled,
  type SettleState,
} from './settle.ts'

const settledOf = (text: string) => splitSettled(text).settled

describe('splitSettled', () => {
  test.each([
    ['', ''],
    ['one line', ''],
    ['one\n', ''],
    ['one\n\n', ''],
    ['one\n\nt', 'one\n\n'],
    ['one\n\ntwo\n\nthree', 'one\n\ntwo\n\n'],
    ['one\n\n\n\ntwo', 'one\n\n\n\n'],
    ['one\n \t\ntwo', 'one\n \t\n'],
    ['one\r\n\r\ntwo', 'one\r\n\r\n'],
  ])('cuts %j before the last block', (text, settled) => {
    expect(settledOf(text)).toBe(settled)
  })

  test('never cuts inside a backtick fence, blank lines or not', () => {
    expect(settledOf('a\n\n```js\nx\n\ny\n\nz')).toBe('a\n\n')
    expect(settledOf('a\n\n```js\nx\n\ny\n```')).toBe('a\n\n')
  })

  test('cuts right after a fence that closes at column 0', () => {
    expect(settledOf('a\n\n```js\nx\n\ny\n```\n')).toBe('a\n\n```js\nx\n\ny\n```\n')
    expect(settledOf('```\nx\n```\nnext')).toBe('```\nx\n```\n')
  })

  test('handles tilde fences, longer fences and the other marker inside', () => {
    expect(settledOf('~~~\nx\n\n```\n\ny\n~~~\n')).toBe('~~~\nx\n\n```\n\ny\n~~~\n')
    expect(settledOf('````\n```\n\nx\n````\nafter')).toBe('````\n```\n\nx\n````\n')
    expect(settledOf('```\nx\n``\n\ny')).toBe('')
    expect(settledOf('~~~~\nx\n~~~\n\ny')).toBe('')
    expect(settledOf('```\nx\n`````\n\ny')).toBe('```\nx\n`````\n\n')
  })

  test('needs the closing fence alone on its line, spaces only', () => {
    expect(settledOf('```\nx\n``` y\n\nz')).toBe('')
    expect(settledOf('```\nx\n```\t\n\nz')).toBe('')
    expect(settledOf('```\nx\n```  \nz')).toBe('```\nx\n```  \n')
  })

  test('reads a backtick line with backticks in its info string as text, not a fence', () => {
    expect(settledOf('``` not `a` fence\n\nnext')).toBe('``` not `a` fence\n\n')
  })

  test('keeps a list open across blank lines while items or indented lines follow', () => {
    expect(settledOf('- a\n\n- b\n\n- c')).toBe('')
    expect(settledOf('- a\n\n  more a\n\n- b')).toBe('')
    expect(settledOf('1. a\n\n2. b\n\n10) c')).toBe('')
    expect(settledOf('- a\n\n- b\n\nafter\n\nnext')).toBe('- a\n\n- b\n\nafter\n\n')
  })

  test('cuts before a list that follows something else', () => {
    expect(settledOf('para\n\n- a')).toBe('para\n\n')
    expect(settledOf('- a\n\n# h\n\n- b')).toBe('- a\n\n# h\n\n')
  })

  test('keeps nested list content and fences inside items together', () => {
    const text = '1. a\n   - b\n\n   - c\n\n   ```sh\n   x\n\n   y\n   ```\n\n2. d\n'
    expect(settledOf(text)).toBe('')
    expect(settledOf(`${text}\nafter`)).toBe(text + '\n')
  })

  test('keeps an indented code block together', () => {
    expect(settledOf('p\n\n    code\n\n    code\n\nafter')).toBe('p\n\n    code\n\n    code\n\n')
  })

  test('ignores fence-like lines indented four spaces (indented code)', () => {
    expect(settledOf('p\n\n    ```\n\nafter\n\nz')).toBe('p\n\n    ```\n\nafter\n\n')
  })
})

describe('advanceSettle', () => {
  test('decides a cut from the start of an unfinished line', () => {
    expect(settledOf('a\n\nb')).toBe('a\n\n')
    expect(settledOf('a\n\n ')).toBe('')
    expect(settledOf('- a\n\n-')).toBe('')
    expect(settledOf('- a\n\n-x')).toBe('- a\n\n')
    expect(settledOf('- a\n\n12')).toBe('')
    expect(settledOf('- a\n\n12 apples')).toBe('- a\n\n')
  })

  test.each(Object.entries(ANSWERS))(
    'reading %s a character at a time agrees with reading each prefix at once',
    (_name, text) => {
      let state: SettleState = INITIAL_SETTLE
      for (let end = 0; end <= text.length; end++) {
        const prefix = text.slice(0, end)
        const previousCut = state.cut
        state = advanceSettle(prefix, state)
        expect(state).toEqual(advanceSettle(prefix, INITIAL_SETTLE))
        expect(state.cut).toBeGreaterThanOrEqual(previousCut)
        expect(state.pos).toBeLessThanOrEqual(end)
      }
    },
  )
})

describe('fences', () => {
  test.each([
    ['```', { marker: '`', length: 3, indent: 0 }],
    ['```ts title', { marker: '`', length: 3, indent: 0 }],
    ['   ~~~~ python', { marker: '~', length: 4, indent: 3 }],
    ['~~~ a`b', { marker: '~', length: 3, indent: 0 }],
  ])('%j opens a fence', (line, fence) => {
    expect(opensFence(line)).toEqual(fence)
  })

  test.each(['``', '    ```', '``` a`b', 'text ```', '- ```'])('%j opens none', (line) => {
    expect(opensFence(line)).toBeNull()
  })

  test('closes with the same marker, at least as long, nothing after but spaces', () => {
    const fence = { marker: '`', length: 3, indent: 0 } as const
    expect(closesFence('```', fence)).toBe(true)
    expect(closesFence('   ````  ', fence)).toBe(true)
    expect(closesFence('```\r', fence)).toBe(true)
    expect(closesFence('``', fence)).toBe(false)
    expect(closesFence('~~~', fence)).toBe(false)
    expect(closesFence('``` js', fence)).toBe(false)
    expect(closesFence('    ```', fence)).toBe(false)
  })
})

describe('cutsBefore', () => {
  test.each([
    ['text', false, true, true],
    [' indented', false, true, false],
    ['\tindented', true, true, false],
    ['', false, false, undefined],
    ['- item', false, true, true],
    ['- item', true, true, false],
    ['-', true, false, undefined],
    ['-', true, true, false],
    ['--', true, false, true],
    ['1', true, false, undefined],
    ['1.', true, false, undefined],
    ['1. x', true, false, false],
    ['1.5', true, false, true],
    ['1', true, true, true],
    ['1234567890', true, false, true],
  ])('%j (list open: %s, line complete: %s) → %s', (line, inList, complete, expected) => {
    expect(cutsBefore(line, inList, complete)).toBe(expected)
  })
})
