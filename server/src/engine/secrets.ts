/**
 * Secret shapes of SPEC §3, recognised in any string, and their redaction.
 * Every rule that reports a secret, and the runner's redaction of messages, use this one module.
 */

/** `secret` must be reported; `local` is a well-known development key (info); `public` is safe to ship. */
export type SecretClass = 'secret' | 'local' | 'public';

export interface SecretMatch {
  kind: string;
  /** Human words for messages: "a Supabase service-role key". Never the value. */
  label: string;
  class: SecretClass;
  /** UTF-16 offsets of the secret within the scanned string. */
  start: number;
  end: number;
  value: string;
}

/** The Supabase CLI's published local keys: known to everyone, only valid against `supabase start`. */
const LOCAL_SECRET_KEYS = new Set(['sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz']);

/** A match of a shape: where it starts in the text, the whole match and its groups. */
interface ShapeMatch {
  index: number;
  groups: string[];
}

interface Shape {
  kind: string;
  /** A global expression, or a finder for shapes an expression would match slowly on hostile text. */
  find: RegExp | ((text: string) => Iterable<ShapeMatch>);
  classify(value: string, match: string[]): { label: string; class: SecretClass } | undefined;
  /** The part of the match that is the secret, when the match carries context (a URI, a header). */
  secretGroup?: number;
}

const fixed = (label: string, cls: SecretClass = 'secret') => () => ({ label, class: cls });

/**
 * Legacy JWTs (`eyJ…` header, 8 to 512 characters; `.eyJ…` payload, up to 4096; `.` signature, 8 or more, of which
 * the first 1024 count), at a word boundary. Found run by run and segment by segment: a long dotless run of base64url
 * characters (a minified bundle, a hostile string) is read once, where the expression would rescan it from every
 * `eyJ` in it.
 */
function* jwtMatches(text: string): Generator<ShapeMatch> {
  for (const run of base64UrlRuns(text, 32)) {
    const segments = run.text.split('.');
    let offset = run.index;
    for (let i = 0; i + 2 < segments.length; offset += segments[i].length + 1, i++) {
      const [header, payload, signature] = segments.slice(i, i + 3);
      const start = headerStart(header);
      if (start < 0 || !payload.startsWith('eyJ') || payload.length < 11 || payload.length > 4099 || signature.length < 8) continue;
      const value = `${header.slice(start)}.${payload}.${signature.slice(0, 1024)}`;
      yield { index: offset + start, groups: [value] };
      offset += header.length + payload.length + 2;
      i += 2;
    }
  }
}

/** Runs of base64url characters and dots at least `minLength` long (a plain loop: a regular expression overflows its stack on megabyte runs). */
function* base64UrlRuns(text: string, minLength: number): Generator<{ index: number; text: string }> {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const inRun = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;
    if (inRun && start < 0) start = i;
    else if (!inRun && start >= 0) {
      if (i - start >= minLength) yield { index: start, text: text.slice(start, i) };
      start = -1;
    }
  }
}

/** Where a JWT header (`eyJ` + 8 to 512 characters) starts in a segment, at a word boundary; -1 if nowhere. */
function headerStart(segment: string): number {
  for (let at = segment.indexOf('eyJ', Math.max(0, segment.length - 515)); at >= 0; at = segment.indexOf('eyJ', at + 1)) {
    if (segment.length - at < 11) return -1;
    if (at === 0 || segment[at - 1] === '-') return at;
  }
  return -1;
}

/*
 * Every quantifier is bounded (real keys are at most a few kilobytes): an unbounded one backtracks through a
 * whole minified bundle or a megabyte string, which takes quadratic time and overflows the regexp stack.
 */
const SHAPES: Shape[] = [
  {
    kind: 'supabase-jwt',
    find: jwtMatches,
    classify: (value) => {
      const payload = decodeJwtPayload(value);
      if (!payload) return undefined;
      const role = payload.role;
      if (role === 'service_role') {
        return payload.iss === 'supabase-demo'
          ? { label: 'the local development service-role key', class: 'local' }
          : { label: 'a Supabase service-role key', class: 'secret' };
      }
      if (role === 'anon') return { label: 'a Supabase anon key', class: 'public' };
      // A signed-in user's token; a role-less `sub` token is no Supabase shape (jwt.io's famous sample is one).
      if (role === 'authenticated') return { label: 'a signed user JWT', class: 'secret' };
      return undefined;
    },
  },
  {
    kind: 'supabase-secret-key',
    find: /\bsb_secret_[A-Za-z0-9_-]{16,256}/g,
    classify: (value) =>
      LOCAL_SECRET_KEYS.has(value)
        ? { label: 'the local development secret key', class: 'local' }
        : { label: 'a Supabase secret key', class: 'secret' },
  },
  {
    kind: 'supabase-publishable-key',
    find: /\bsb_publishable_[A-Za-z0-9_-]{16,256}/g,
    classify: fixed('a Supabase publishable key', 'public'),
  },
  { kind: 'supabase-access-token', find: /\bsbp_[0-9a-f]{40}\b/g, classify: fixed('a Supabase access token') },
  {
    kind: 'postgres-password',
    find: /\bpostgres(?:ql)?:\/\/(?=([^:@\/\s'"`]{1,256}))\1:(?=([^@\s'"`]{1,512}))\2@([^\/:?\s'"`]{1,256})/g,
    secretGroup: 2,
    classify: (_value, m) => {
      const [, user, password, host] = m;
      if (isPlaceholder(password) || isPlaceholder(user)) return undefined;
      const local = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
      if (local && user === 'postgres' && password === 'postgres') return undefined;
      return { label: 'a database password', class: 'secret' };
    },
  },
  { kind: 'anthropic-key', find: /\bsk-ant-[A-Za-z0-9_-]{20,512}/g, classify: fixed('an Anthropic API key') },
  {
    kind: 'openai-key',
    find: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,512}/g,
    classify: fixed('an OpenAI API key'),
  },
  {
    kind: 'github-token',
    find: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/g,
    classify: fixed('a GitHub token'),
  },
  { kind: 'stripe-key', find: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,255}/g, classify: fixed('a Stripe secret key') },
  {
    kind: 'bearer-token',
    find: /\bBearer[ \t]{1,16}([A-Za-z0-9._~+\/-]{16,8192}=*)/g,
    secretGroup: 1,
    classify: fixed('a bearer token'),
  },
];

const PLACEHOLDER =
  /^(?:x+|\*+|\.+|-+|_+)$|your[-_ ]|<[^>]*>|\[[^\]]*\]|\$\{|\{env:|\{\{|\$\(|xxxx|changeme|change[-_]me|placeholder|example|redacted|dummy|replace[-_]?me|todo|^\$[A-Z_]+$|^(?:password|secret|pass|pwd|token|key)$/i;

/** Values that are variable references or obviously not real (`your-key-here`, `<token>`, `xxx`). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Every secret-shaped substring of `text`, public ones included (callers decide by `class`). */
export function findSecrets(text: string): SecretMatch[] {
  if (text.length < 16) return [];
  // One list per shape, each in text order without overlaps, so that overlap with an earlier shape's match is a
  // binary search: a file may hold a great many matches.
  const byShape: SecretMatch[][] = [];
  for (const shape of SHAPES) {
    const found: SecretMatch[] = [];
    for (const { index, groups: m } of typeof shape.find === 'function' ? shape.find(text) : regexMatches(shape.find, text)) {
      const value = shape.secretGroup ? m[shape.secretGroup] : m[0];
      const start = shape.secretGroup ? index + m[0].lastIndexOf(value) : index;
      const end = start + value.length;
      if (isPlaceholder(value) || byShape.some((earlier) => overlapsAny(earlier, start, end))) continue;
      const verdict = shape.classify(value, m);
      if (verdict) found.push({ kind: shape.kind, ...verdict, start, end, value });
    }
    byShape.push(found);
  }
  return byShape.flat().sort((a, b) => a.start - b.start);
}

function* regexMatches(pattern: RegExp, text: string): Generator<ShapeMatch> {
  pattern.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = pattern.exec(text)); ) yield { index: m.index, groups: [...m] };
}

/** Whether [start, end) overlaps a match of `sorted` (ordered by start, not overlapping each other). */
function overlapsAny(sorted: SecretMatch[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle].end <= start) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && sorted[low].start < end;
}

/** The secret a whole value is, if it is one (surrounding whitespace aside). */
export function classifySecret(value: string): SecretMatch | undefined {
  return findSecrets(value).find((s) => s.class !== 'public');
}

const CREDENTIAL_NAME =
  /(?:^|[_-])(?:TOKEN|SECRET|API_?KEY|APIKEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET_?KEY|SERVICE_?(?:ROLE_?)?KEY|PASSWORD|PASSWD|CREDENTIALS?|AUTH_?KEY)$/i;
const PUBLIC_NAME = /PUBLIC|PUBLISHABLE|ANON/i;
const GENERATED = /^[A-Za-z0-9_\-.+/=~]{20,}$/;
const FILE_PATH = /^(?:\/|\.{1,2}\/|~|[A-Za-z]:[\\/])|\.(?:json|pem|key|p12|crt|txt|env|ya?ml)$/i;
/** Three or more all-letter words joined by `-`/`_` read as a phrase someone typed (`super-secret-jwt-token-…`), not a generated key. */
const TYPED_PHRASE = /^(?:[a-z0-9]+[-_]){2,}[a-z0-9]+$/i;

function isTypedPhrase(value: string): boolean {
  return TYPED_PHRASE.test(value) && value.split(/[-_]/).filter((word) => /^[a-z]{2,}$/i.test(word)).length >= 3;
}

/**
 * A secret known by its name rather than its shape: a variable named like a credential (`BRAVE_API_KEY`,
 * `NOTION_TOKEN`, `DB_PASSWORD`) holding a long generated-looking literal (letters and digits, no spaces,
 * not a placeholder, url or variable). For keys whose vendors use no recognisable prefix.
 */
export function classifyNamedSecret(name: string, value: string): SecretMatch | undefined {
  const trimmed = value.trim();
  // Longer values are no key; the checks below would also take long on them.
  if (trimmed.length > 4096) return undefined;
  if (!CREDENTIAL_NAME.test(name) || PUBLIC_NAME.test(name) || !GENERATED.test(trimmed) || FILE_PATH.test(trimmed) || isPlaceholder(trimmed)) return undefined;
  if (isTypedPhrase(trimmed)) return undefined;
  if (!/[0-9]/.test(trimmed) || !/[A-Za-z]/.test(trimmed) || findSecrets(trimmed).length > 0) return undefined;
  const start = value.indexOf(trimmed);
  return { kind: 'named-credential', label: 'a credential', class: 'secret', start, end: start + trimmed.length, value: trimmed };
}

/** At most the first 6 characters (fewer for short values, so a short password is never shown whole). */
export function redact(value: string): string {
  const shown = Math.min(6, Math.floor(value.length / 3));
  return `${value.slice(0, shown)}…`;
}

/** Replaces every non-public secret in `text` with its redacted form. */
export function redactSecrets(text: string): string {
  const secrets = findSecrets(text).filter((s) => s.class !== 'public');
  let out = text;
  for (const s of secrets.reverse()) out = out.slice(0, s.start) + redact(s.value) + out.slice(s.end);
  return out;
}

export function containsSecret(text: string): boolean {
  return findSecrets(text).some((s) => s.class === 'secret');
}

export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = Buffer.from(parts[1], 'base64url').toString('utf8');
    // Most `eyJ…` strings are no JWT; a thrown parse error costs far more than this check.
    if (!json.trimEnd().endsWith('}')) return undefined;
    const payload = JSON.parse(json);
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}
