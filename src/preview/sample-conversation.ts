/**
 * The gallery's fixed sample, in each of the five locales: what the preview shows in the real
 * client. Written in Dify's terms: an app's greeting and starters, a conversation's turns (the
 * answers are markdown), the follow-up questions after the last answer.
 */
export interface SampleConversation {
  openingStatement: string
  starters: string[]
  /** The sample conversation's name first, then other names in the conversation list. */
  conversationNames: string[]
  turns: Array<{ query: string; answer: string }>
  followUps: string[]
}

const CODE = (comment: string) =>
  [
    '```ts',
    `// ${comment}`,
    'function greet(name: string): string {',
    '  return `Hello, ${name}!`',
    '}',
    '```',
  ].join('\n')

export const SAMPLES: Readonly<Record<string, SampleConversation>> = {
  en: {
    openingStatement: 'Hi! Ask me anything: I answer as I write.',
    starters: ['What can you do?', 'Write a greeting function', 'Plan a weekend trip'],
    conversationNames: ['Getting started', 'Weekend in Kyoto', 'Weekly report'],
    turns: [
      {
        query: 'What can you do?',
        answer:
          'Quite a lot. For example:\n\n- **Summaries** of long texts\n- *Drafts* for emails and posts\n- Step-by-step guides, see [the docs](https://docs.dify.ai/)',
      },
      {
        query: 'Show me a TypeScript function that greets someone.',
        answer: `Here you are:\n\n${CODE('greets by name')}\n\nCall it with \`greet('Ada')\`.`,
      },
    ],
    followUps: ['Explain it line by line', 'Write it in Python', 'Add a test'],
  },
  ja: {
    openingStatement: 'こんにちは！何でも聞いてください。書きながらお答えします。',
    starters: ['何ができますか？', 'あいさつ関数を書いて', '週末の旅行を計画して'],
    conversationNames: ['はじめに', '京都で週末', '週報'],
    turns: [
      {
        query: '何ができますか？',
        answer:
          'いろいろできます。たとえば：\n\n- 長い文章の**要約**\n- メールや投稿の*下書き*\n- 手順つきのガイド（[ドキュメント](https://docs.dify.ai/)）',
      },
      {
        query: '人にあいさつする TypeScript の関数を見せて。',
        answer: `どうぞ：\n\n${CODE('名前であいさつする')}\n\n\`greet('Ada')\` のように呼び出します。`,
      },
    ],
    followUps: ['一行ずつ説明して', 'Python で書いて', 'テストを追加して'],
  },
  ko: {
    openingStatement: '안녕하세요! 무엇이든 물어보세요. 쓰면서 바로 답해 드려요.',
    starters: ['무엇을 할 수 있나요?', '인사 함수를 써 줘', '주말 여행을 계획해 줘'],
    conversationNames: ['시작하기', '교토에서 주말', '주간 보고서'],
    turns: [
      {
        query: '무엇을 할 수 있나요?',
        answer:
          '꽤 많은 걸 할 수 있어요. 예를 들면:\n\n- 긴 글의 **요약**\n- 이메일과 게시물 *초안*\n- 단계별 안내 ([문서](https://docs.dify.ai/) 참고)',
      },
      {
        query: '누군가에게 인사하는 TypeScript 함수를 보여 줘.',
        answer: `여기 있어요:\n\n${CODE('이름으로 인사하기')}\n\n\`greet('Ada')\`처럼 호출하면 돼요.`,
      },
    ],
    followUps: ['한 줄씩 설명해 줘', 'Python으로 써 줘', '테스트를 추가해 줘'],
  },
  'zh-Hans': {
    openingStatement: '你好！有什么都可以问我，我边写边回答。',
    starters: ['你能做什么？', '写一个问候函数', '规划一次周末旅行'],
    conversationNames: ['入门', '京都周末', '周报'],
    turns: [
      {
        query: '你能做什么？',
        answer:
          '能做的事情不少，例如：\n\n- 长文的**摘要**\n- 邮件和帖子的*草稿*\n- 分步指南，见[文档](https://docs.dify.ai/)',
      },
      {
        query: '给我看一个向人问好的 TypeScript 函数。',
        answer: `给你：\n\n${CODE('按名字问好')}\n\n这样调用：\`greet('Ada')\`。`,
      },
    ],
    followUps: ['逐行解释一下', '用 Python 写', '加一个测试'],
  },
  'zh-Hant': {
    openingStatement: '你好！有什麼都可以問我，我邊寫邊回答。',
    starters: ['你能做什麼？', '寫一個問候函式', '規劃一次週末旅行'],
    conversationNames: ['入門', '京都週末', '週報'],
    turns: [
      {
        query: '你能做什麼？',
        answer:
          '能做的事情不少，例如：\n\n- 長文的**摘要**\n- 郵件和貼文的*草稿*\n- 分步指南，見[文件](https://docs.dify.ai/)',
      },
      {
        query: '給我看一個向人問好的 TypeScript 函式。',
        answer: `給你：\n\n${CODE('依名字問好')}\n\n這樣呼叫：\`greet('Ada')\`。`,
      },
    ],
    followUps: ['逐行解釋一下', '用 Python 寫', '加一個測試'],
  },
}
