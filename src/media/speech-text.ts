/**
 * What a text to speech voice should read of a markdown answer: its words, without the syntax
 * (`## `, `**`, backticks, list markers, link targets, table pipes, HTML tags), which a voice
 * would otherwise spell out or stumble over.
 */
export function speechText(markdown: string): string {
  return (
    markdown
      // Fenced code: its lines, without the fences and the language.
      .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^ {0,3}\1[ \t]*$/gm, '$2')
      // Pictures read as their description, links as their text.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/<\/?[a-z][^>]*>/gi, ' ')
      // A table's separator row, then the pipes between cells.
      .replace(/^ *\|?( *:?-+:? *\|)+ *:?-*:? *$/gm, '')
      .replace(/ *\| */g, ' ')
      // Rules, headings, quotes and list markers at the start of a line.
      .replace(/^ {0,3}([-*_])( *\1){2,} *$/gm, '')
      .replace(/^ {0,3}(#{1,6} +|(> ?)+|[-*+] +(\[[ xX]\] +)?|\d{1,9}[.)] +)/gm, '')
      // Emphasis, strike-through and code spans; a `*` between spaces (3 * 4) and a `_` inside
      // a word (snake_case) stay.
      .replace(/~~|`+|\*{1,3}(?=\S)|(?<=\S)\*{1,3}/g, '')
      .replace(/(^|[^\p{L}\p{N}_])_{1,3}(?=\S)|(?<=\S)_{1,3}(?=[^\p{L}\p{N}_]|$)/gmu, '$1')
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}
