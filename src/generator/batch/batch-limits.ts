/** The largest CSV a batch takes: beyond this a file is refused before it is read. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024

/** The most data rows one batch runs (Dify's WebApp takes no more either). */
export const MAX_BATCH_ROWS = 1000
