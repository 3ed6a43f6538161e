import { useApp } from '../app/app-context.ts'
import { focusComposer } from './Composer.tsx'

/** Questions as chips: a click sends one as the visitor's message. */
export function SuggestedQuestions({ questions, label }: { questions: string[]; label: string }) {
  const { store } = useApp()
  if (questions.length === 0) return null
  return (
    <div data-part="suggestions" role="group" aria-label={label}>
      {questions.map((question) => (
        <button
          key={question}
          type="button"
          data-part="suggestion"
          onClick={() => {
            void store.send(question)
            focusComposer()
          }}
        >
          {question}
        </button>
      ))}
    </div>
  )
}
