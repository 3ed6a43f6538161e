/**
 * How many of the calls the fake records for tests (stops, speech requests) it keeps, oldest
 * out: the demo bot records them too, and runs for as long as `npm start` does.
 */
export const FAKE_RECORD_BOUNDS = { stops: 2000, speechRequests: 200 }

/** Appends `record` to `records`, dropping the oldest past `max`. */
export function keepRecent<T>(records: T[], record: T, max: number): void {
  records.push(record)
  if (records.length > max) records.splice(0, records.length - max)
}
