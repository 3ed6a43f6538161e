/** Answers shaped like what chat models write, for the settle, repair and streaming tests. */
export const ANSWERS: Record<string, string> = {
  paragraphs:
    'First paragraph.\n\nSecond paragraph\nwith a soft break.\n\n\nThird, after two blanks.',
  headings:
    '# Title\n\nIntro text.\n\n## Part\n\nSetext heading\n--------------\n\nBody **bold** and *em*.',
  fences:
    'Code:\n\n```ts\nconst a = 1\n\n\nconst b = 2\n```\n\nAfter.\n\n~~~python\ndef f():\n\n    return 1\n~~~\nRight after the fence.\n\n````md\n```\nnot the end\n```\n\n````\n\nDone.',
  unclosedFence: 'Start.\n\n```js\nconsole.log(1)\n\nstill code',
  tildeInsideBackticks: '```\n~~~\n\nstill code\n```\n\n~~~\n```\n\ncode too\n~~~\n\nend',
  backtickInfo: '``` not `a` fence\n\nparagraph\n\n```\ncode\n```',
  tightList: '- one\n- two\n- three\n\nAfter the list.',
  looseList: '- one\n\n- two\n\n- three\n\nAfter the loose list.',
  nestedList:
    '1. First\n   - nested a\n\n   - nested b\n\n     nested paragraph\n\n2. Second\n\n   ```bash\n   npm i\n\n   npm test\n   ```\n\n3. Third\n\nEnd.',
  listThenOther:
    '- a\n- b\n\n# Heading\n\n- c\n\n> quote\n\n* star\n\n+ plus\n\n10. ten\n11. eleven\n\nText.',
  indentedCode: 'Paragraph.\n\n    indented code\n\n    more indented code\n\nAfter.',
  table:
    '| Theme | Mood |\n| --- | :---: |\n| minimal | calm |\n| kawaii | playful |\n\nText after.\n\n| a |\n|---|\n| 1 |',
  quotes: '> one\n> two\n\n> separate\n\nplain\n\n> lazy\ncontinuation',
  mixed:
    "Hi! I'm the **demo bot**.\n\nHere is what a reply can hold:\n\n- **Markdown**: *emphasis*, `inline code` and [links](https://dify.ai)\n- Lists, tables and code blocks\n\n| Theme | Mood |\n| --- | --- |\n| minimal | calm |\n\n```ts\nconst reply = await chat.send('Hello!')\n```\n\n---\n\nAsk me ~~nothing~~ anything.",
  tasks: '- [ ] todo\n- [x] done\n\nText.',
  html: 'Some <b>bold</b> html.\n\n<div>\n\nblock</div>\n\n<!-- comment\n\nstill comment -->\n\nend',
  crlf: 'Windows\r\nlines\r\n\r\n- a\r\n- b\r\n\r\nend',
  hr: 'Above\n\n***\n\nBelow\n\n- - -\n\nEnd',
}
