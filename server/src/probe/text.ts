/**
 * Characters a model reads but a person reviewing a tool does not see: zero-width and joiner characters,
 * bidirectional controls, Unicode tag characters (which can spell out a whole hidden ASCII text).
 */
export const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\u180E\uFEFF\u00AD\u061C\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]/g;

/** Terminal escape sequences (CSI, OSC and single-character escapes): they can hide or rewrite text on screen. */
export const ANSI_ESCAPE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[@-Z\\-_])|\u009B[0-?]*[ -/]*[@-~]/g;

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Text without escape sequences, hidden characters or control characters: for names a config or server chose. */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(ANSI_ESCAPE, '').replace(INVISIBLE, '').replace(CONTROL, '');
}

/** Text from a server made safe to print: hidden characters shown as `U+XXXX`, escapes and controls removed, cut to `max`. */
export function printable(text: string, max: number): string {
  const visible = text
    .replace(ANSI_ESCAPE, '')
    .replace(INVISIBLE, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim();
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}
