import { describe, expect, test } from 'vitest'
import { ANSWERS } from './answers.fixture.ts'
import { repairInline, repairTail } from './repair-tail.ts'

describe('repairTail', () => {
  test.each([
    ['```js\nconst a', '```js\nconst a\n```\n'],
    ['```js\nconst a\n', '```js\nconst a\n```\n'],
    ['```js\n\n\nx', '```js\n\n\nx\n```\n'],
    ['```', '```\n```\n'],
    ['```py', '```py\n```\n'],
    ['````\n```\nx', '````\n```\nx\n````\n'],
    ['~~~\nx', '~~~\nx\n~~~\n'],
    ['   ```sh\n   ls', '   ```sh\n   ls\n   ```\n'],
    ['```js\nx\n``', '```js\nx\n```\n'],
    ['```js\nx\n```', '```js\nx\n```\n'],
    ['text\n```js\n**not bold', 'text\n```js\n**not bold\n```\n'],
  ])('closes the open fence in %j', (tail, shown) => {
    expect(repairTail(tail)).toBe(shown)
  })

  test('leaves a closed fence and what follows to the inline repair', () => {
    expect(repairTail('```\nx\n```\nsome **bold')).toBe('```\nx\n```\nsome **bold**')
  })

  test.each([
    ['text\n-', 'text\n'],
    ['text\n--', 'text\n'],
    ['text\n==', 'text\n'],
    ['- a\n-', '- a\n'],
    ['#', ''],
    ['###', ''],
    ['1.', ''],
    ['12', ''],
    ['>', ''],
    ['`', ''],
    ['``', ''],
    ['~', ''],
  ])('hides the marker-only last line of %j', (tail, shown) => {
    expect(repairTail(tail)).toBe(shown)
  })

  test.each([
    ['- item', '- item'],
    ['# Title', '# Title'],
    ['1. one', '1. one'],
    ['> quote', '> quote'],
    ['text\n---\n', 'text\n---\n'],
  ])('shows %j, which has content or is complete', (tail, shown) => {
    expect(repairTail(tail)).toBe(shown)
  })

  test.each([
    ['| a | b', ''],
    ['| a | b |\n', ''],
    ['| a | b |\n| --', ''],
    ['Intro:\n| a | b |\n| --- |', 'Intro:\n'],
    ['| a | b |\n| - | - |\n| 1', '| a | b |\n| - | - |\n| 1'],
    ['| a | b |\n| - | - |\n', '| a | b |\n| - | - |\n'],
    ['| not a table |\nnext line', '| not a table |\nnext line'],
  ])('holds back a table until its delimiter row is complete: %j', (tail, shown) => {
    expect(repairTail(tail)).toBe(shown)
  })

  test('repairs only the inline text of the last block', () => {
    expect(repairTail('**a\n\nb **c')).toBe('**a\n\nb **c**')
    expect(repairTail('- **a\n- b *c')).toBe('- **a\n- b *c*')
    expect(repairTail('## A **b')).toBe('## A **b**')
    expect(repairTail('| a | b |\n| - | - |\n| 1 | **2')).toBe('| a | b |\n| - | - |\n| 1 | **2**')
    expect(repairTail('para **bold\n')).toBe('para **bold**')
  })

  test.each(Object.entries(ANSWERS))('leaves the finished %s answer alone', (_name, text) => {
    const finished = text.endsWith('\n') ? text : `${text}\n`
    // Unclosed on purpose, or pipes that are text rather than a table.
    if (['unclosedFence', 'html'].includes(_name)) return
    expect(repairTail(finished)).toBe(finished)
  })
})

describe('repairInline', () => {
  test.each([
    ['plain', 'plain'],
    ['**bold', '**bold**'],
    ['**bold ', '**bold**'],
    ['*em', '*em*'],
    ['***both', '***both***'],
    ['**bold *both', '**bold *both***'],
    ['**bold** and *em', '**bold** and *em*'],
    ['**bold*', '**bold**'],
    ['*em**', '*em*'],
    ['~~gone', '~~gone~~'],
    ['~not del', '~not del'],
    ['`code', '`code`'],
    ['``co`de', '``co`de``'],
    ['``co`de`', '``co`de``'],
    ['~~gone~', '~~gone~~'],
    ['**see `x', '**see `x`**'],
    ['`a` and `b', '`a` and `b`'],
    ['`**` stays', '`**` stays'],
  ])('closes %j', (text, shown) => {
    expect(repairInline(text)).toBe(shown)
  })

  test.each([
    ['text **', 'text '],
    ['text *', 'text '],
    ['text `', 'text '],
    ['text ` ', 'text '],
    ['**bold** *', '**bold** '],
    ['text ~~', 'text '],
    ['a **b** **', 'a **b** '],
  ])('hides the dangling opener of %j', (text, shown) => {
    expect(repairInline(text)).toBe(shown)
  })

  test.each([
    ['2*3 = 6', '2*3 = 6'],
    ['a * b', 'a * b'],
    ['* item', '* item'],
    ['snake_case *', 'snake_case '],
    ['\\*not em', '\\*not em'],
    ['**done**', '**done**'],
  ])('leaves %j without a false close', (text, shown) => {
    expect(repairInline(text)).toBe(shown)
  })

  test.each([
    ['see [the docs](https://exa', 'see the docs'],
    ['see [the docs](', 'see the docs'],
    ['see [the docs', 'see the docs'],
    ['![a picture](https://x', 'a picture'],
    ['see [**docs', 'see **docs**'],
    ['[done](https://x.y) and more', '[done](https://x.y) and more'],
    ['- [ ] task', '- [ ] task'],
  ])('shows the text of the unfinished link in %j', (text, shown) => {
    expect(repairInline(text)).toBe(shown)
  })
})
