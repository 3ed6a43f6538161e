/** What the built-in demo bot says: friendly markdown that shows off what the chat UI renders. */

const HANGUL = /[\uac00-\ud7a3]/
const KANA = /[\u3040-\u30ff]/
const HAN = /[\u4e00-\u9fff]/

const WELCOME = `Hi! I'm the **chatskins demo bot**, answering from inside the server, so no Dify key is needed.

Here is what a reply can hold:

- **Markdown**: *emphasis*, \`inline code\` and [links](https://dify.ai)
- Lists, tables and code blocks
- Streaming, token by token: press **Stop** to cut me short

| Theme | Mood |
| --- | --- |
| minimal | calm |
| kawaii | playful |
| korean | messenger |
| western | messenger |

\`\`\`ts
const reply = await chat.send('Hello!')
\`\`\`

Ask me anything, or open another theme from the gallery.`

const FOLLOW_UP = [
  `Good question! This is turn **{turn}** of our conversation, and the server remembers it: reload the page and keep going.

1. Your message went to \`POST /talk\`
2. The server added the Dify key and your visitor id
3. The answer streamed back as Server-Sent Events

> Tip: **Shift+Enter** makes a new line; **Enter** sends.`,
  `Here's a tiny code sample while we chat (turn **{turn}**):

\`\`\`python
def greet(name: str) -> str:
    return f"Hello, {name}!"
\`\`\`

Press **New chat** to start a fresh conversation.`,
]

const LOCALIZED: Array<[RegExp, string]> = [
  [
    HANGUL,
    `안녕하세요! 저는 **chatskins 데모 봇**이에요. 😊\n\n- 답변은 한 글자씩 스트리밍돼요\n- 새로고침해도 대화가 이어져요\n\n무엇이든 물어보세요!`,
  ],
  [
    KANA,
    `こんにちは！**chatskins デモボット**です。🌸\n\n- 回答はストリーミングで届きます\n- ページを再読み込みしても会話は続きます\n\nなんでも聞いてくださいね。`,
  ],
  [
    HAN,
    `你好！我是 **chatskins 演示机器人**。✨\n\n- 回答以流式方式逐字显示\n- 刷新页面后对话仍会继续\n\n请随便问我吧！`,
  ],
]

/** The demo answer for a query; `turn` is 1 for the first message of a conversation. */
export function demoAnswer(query: string, turn: number): string {
  for (const [script, answer] of LOCALIZED) if (script.test(query)) return answer
  if (turn === 1) return WELCOME
  const template = FOLLOW_UP[(turn - 2) % FOLLOW_UP.length] ?? ''
  return template.replaceAll('{turn}', String(turn))
}

/** A long markdown answer of about `chars` characters, for load and rendering tests. */
export function longAnswer(chars: number): string {
  const blocks = [
    '## Section {n}\n\nSome **bold** text, some *italic* text and a [link](https://example.com).\n\n',
    '- item one of {n}\n- item two\n- item three with `code`\n\n',
    '| a | b |\n| --- | --- |\n| {n} | cell |\n\n',
    '```js\nconsole.log({n})\n```\n\n',
  ]
  let text = ''
  for (let n = 0; text.length < chars; n++) {
    text += (blocks[n % blocks.length] ?? '').replaceAll('{n}', String(n))
  }
  return text.slice(0, chars)
}

/** Cuts text into streaming tokens of 1-4 characters, never inside a surrogate pair. */
export function tokenize(text: string): string[] {
  const chars = Array.from(text)
  const tokens: string[] = []
  for (let at = 0; at < chars.length;) {
    const size = 1 + ((at * 7) % 4)
    tokens.push(chars.slice(at, at + size).join(''))
    at += size
  }
  return tokens
}
