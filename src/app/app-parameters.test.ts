import { describe, expect, it } from 'vitest'
import { NO_PARAMETERS } from './app-features.ts'
import { fillPlaceholders, parseAppParameters } from './app-parameters.ts'
import { parseInputForm } from '../inputs/inputs.ts'

describe('parseAppParameters', () => {
  it('reads the greeting, starters, follow-ups and form', () => {
    const parsed = parseAppParameters({
      opening_statement: '  Hello {{name}}!  ',
      suggested_questions: ['What can you do?', '', 7, ' Code? '],
      suggested_questions_after_answer: { enabled: true },
      user_input_form: [{ 'text-input': { variable: 'name', label: 'Name', required: true } }],
    })
    expect(parsed.openingStatement).toBe('Hello {{name}}!')
    expect(parsed.suggestedQuestions).toEqual(['What can you do?', 'Code?'])
    expect(parsed.suggestionsAfterAnswer).toBe(true)
    expect(parsed.fields).toHaveLength(1)
  })

  it('treats anything missing or odd as switched off', () => {
    expect(parseAppParameters(null)).toEqual(NO_PARAMETERS)
    expect(
      parseAppParameters({
        opening_statement: null,
        suggested_questions: 'nope',
        suggested_questions_after_answer: { enabled: 'yes' },
      }),
    ).toEqual(NO_PARAMETERS)
  })
})

describe('fillPlaceholders', () => {
  const { fields } = parseInputForm([
    { 'text-input': { variable: 'name', label: 'Your name' } },
    { select: { variable: 'lang', label: 'Language', options: ['en'] } },
  ])

  it('fills known variables, gives empty ones as their label, never in braces', () => {
    const template = 'Hi {{name}}, we speak {{ lang }}. {{unknown}} stays.'
    expect(fillPlaceholders(template, fields, { name: 'Ann', lang: 'en' })).toEqual([
      'Hi Ann, we speak en. {{unknown}} stays.',
    ])
    expect(fillPlaceholders(template, fields, { name: ' ' })).toEqual([
      'Hi ',
      { blank: 'Your name' },
      ', we speak ',
      { blank: 'Language' },
      '. {{unknown}} stays.',
    ])
    expect(fillPlaceholders('{{name}}', fields, {})).toEqual([{ blank: 'Your name' }])
  })

  it('inserts values literally', () => {
    expect(fillPlaceholders('{{name}}', fields, { name: '$& $1 <b>x</b>' })).toEqual([
      '$& $1 <b>x</b>',
    ])
  })
})
