import type { FakeRetrieverResource } from './fake-store.ts'

/**
 * Two citations in the shape of Dify's `metadata.retriever_resources` (docs/dify-wire.md#chat-messages), as a
 * knowledge-base app with citations on adds them to `message_end` and `/messages`.
 */
export function demoCitations(): FakeRetrieverResource[] {
  const item = (position: number, fields: Record<string, string | number>) => ({
    position,
    dataset_id: crypto.randomUUID(),
    dataset_name: 'chatskins handbook',
    document_id: crypto.randomUUID(),
    data_source_type: 'upload_file',
    segment_id: crypto.randomUUID(),
    retriever_from: 'api',
    hit_count: 1,
    index_node_hash: crypto.randomUUID().replace(/-/g, ''),
    ...fields,
  })
  return [
    item(1, {
      document_name: 'Theme packs.md',
      score: 0.92,
      word_count: 58,
      segment_position: 3,
      content:
        'A theme pack is a folder with theme.json and theme.css; it sets design tokens and styles the stable data-part hooks, and ships no JavaScript.',
    }),
    item(2, {
      document_name: 'Visitors and privacy.pdf',
      score: 0.81,
      word_count: 41,
      segment_position: 7,
      content:
        'Each visitor gets a signed cookie per endpoint; the Dify user is derived on the server, so one browser never sees another visitor’s conversations.',
    }),
  ]
}
