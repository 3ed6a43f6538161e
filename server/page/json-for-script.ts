/**
 * Serialises data for `<script type="application/json">`. `<`, `>` and `&` become `\u003c`-style
 * escapes, so no string can close the script element or open a comment; JSON.parse reads them back.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
