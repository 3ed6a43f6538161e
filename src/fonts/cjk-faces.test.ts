import { describe, expect, it } from 'vitest'
import { createCjkFaces, parseFontSlices, type FontSlice } from './cjk-faces.ts'

// Three faces in the build's format: Hangul syllables, Latin, then a later face that also covers
// "a" (a later rule wins, as in CSS).
const CSS = [
  "@font-face{font-family:'Noto Sans KR';font-weight:100 900;font-display:swap;src:local('Noto Sans KR'),url(/fonts/kr-5.3.1/0.woff2) format('woff2');unicode-range:U+ac00-ac0f,U+ac11}",
  "@font-face{font-family:'Noto Sans KR';font-weight:100 900;font-display:swap;src:local('Noto Sans KR'),url(/fonts/kr-5.3.1/1.woff2) format('woff2');unicode-range:U+0000-00FF}",
  "@font-face{font-family:'Noto Sans KR';font-weight:100 900;font-display:swap;src:local('Noto Sans KR'),url(/fonts/kr-5.3.1/2.woff2) format('woff2');unicode-range:U+61}",
  '',
].join('\n')

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function registry(pageText = '') {
  const added: string[] = []
  const loads: string[] = []
  const faces = createCjkFaces({
    fonts: { add: (face) => (added.push(face as unknown as string), undefined as never) },
    loadCss: async (font) => (loads.push(font), CSS),
    pageText: () => pageText,
    createFace: (slice: FontSlice) => /\/(\d+)\.woff2/.exec(slice.source)![1] as never,
  })
  return { faces, added, loads }
}

describe('parseFontSlices', () => {
  it('reads each face of the build stylesheet with its ranges', () => {
    const [hangul, latin] = parseFontSlices(CSS)
    expect(hangul).toEqual({
      family: 'Noto Sans KR',
      source: "local('Noto Sans KR'),url(/fonts/kr-5.3.1/0.woff2) format('woff2')",
      descriptors: { weight: '100 900', display: 'swap', unicodeRange: 'U+ac00-ac0f,U+ac11' },
      ranges: [
        [0xac00, 0xac0f],
        [0xac11, 0xac11],
      ],
    })
    expect(latin!.ranges).toEqual([[0, 0xff]])
    expect(parseFontSlices('/* nothing */\n@font-face{font-family:x}')).toEqual([])
  })
})

describe('createCjkFaces', () => {
  it('registers only the slices the text on the page uses, once each', async () => {
    const { faces, added, loads } = registry('가 Hello')
    faces.show('가', ['kr'])
    await settle()
    // "가" is in slice 0; "H", "e", "l", "o", " " in the Latin slice 1; no "a", so no slice 2.
    expect(added).toEqual(['0', '1'])
    faces.show('가 Hello again', [])
    await settle()
    expect(added).toEqual(['0', '1', '2'])
    faces.show('갑', ['kr'])
    expect(loads).toEqual(['kr'])
    // U+AC11 is in slice 0, already there; U+AC10 is in no slice (the browser falls back).
    faces.show('갑갑\uac10', [])
    expect(added).toEqual(['0', '1', '2'])
  })

  it('keeps text shown while the stylesheet loads', async () => {
    const { faces, added } = registry('')
    faces.show('가', ['kr'])
    faces.show('a', [])
    await settle()
    expect(added.sort()).toEqual(['0', '2'])
  })

  it('registers nothing when the stylesheet fails to load', async () => {
    const added: unknown[] = []
    const faces = createCjkFaces({
      fonts: { add: (face) => (added.push(face), undefined as never) },
      loadCss: () => Promise.reject(new Error('404')),
      pageText: () => '가',
    })
    faces.show('가', ['kr'])
    await settle()
    faces.show('가', [])
    expect(added).toEqual([])
  })
})
