/** Resolves in a task of its own: the browser lays out, paints and answers input in between. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
