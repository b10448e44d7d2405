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

interface Shape {
  kind: string;
  pattern: RegExp;
  classify(value: string, match: RegExpExecArray): { label: string; class: SecretClass } | undefined;
  /** The part of the match that is the secret, when the match carries context (a URI, a header). */
  secretGroup?: number;
}

const fixed = (label: string, cls: SecretClass = 'secret') => () => ({ label, class: cls });

const SHAPES: Shape[] = [
  {
    kind: 'supabase-jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
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
      if (role === 'authenticated' || payload.sub) return { label: 'a signed user JWT', class: 'secret' };
      return undefined;
    },
  },
  {
    kind: 'supabase-secret-key',
    pattern: /\bsb_secret_[A-Za-z0-9_-]{16,}/g,
    classify: (value) =>
      LOCAL_SECRET_KEYS.has(value)
        ? { label: 'the local development secret key', class: 'local' }
        : { label: 'a Supabase secret key', class: 'secret' },
  },
  {
    kind: 'supabase-publishable-key',
    pattern: /\bsb_publishable_[A-Za-z0-9_-]{16,}/g,
    classify: fixed('a Supabase publishable key', 'public'),
  },
  { kind: 'supabase-access-token', pattern: /\bsbp_[0-9a-f]{40}\b/g, classify: fixed('a Supabase access token') },
  {
    kind: 'postgres-password',
    pattern: /\bpostgres(?:ql)?:\/\/([^:@\/\s'"`]+):([^@\s'"`]+)@([^\/:?\s'"`]+)/g,
    secretGroup: 2,
    classify: (_value, m) => {
      const [, user, password, host] = m;
      if (isPlaceholder(password) || isPlaceholder(user)) return undefined;
      const local = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
      if (local && user === 'postgres' && password === 'postgres') return undefined;
      return { label: 'a database password', class: 'secret' };
    },
  },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, classify: fixed('an Anthropic API key') },
  {
    kind: 'openai-key',
    pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
    classify: fixed('an OpenAI API key'),
  },
  {
    kind: 'github-token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
    classify: fixed('a GitHub token'),
  },
  { kind: 'stripe-key', pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g, classify: fixed('a Stripe secret key') },
  {
    kind: 'bearer-token',
    pattern: /\bBearer\s+([A-Za-z0-9._~+\/-]{16,}=*)/g,
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
  const found: SecretMatch[] = [];
  for (const shape of SHAPES) {
    shape.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = shape.pattern.exec(text))) {
      const value = shape.secretGroup ? m[shape.secretGroup] : m[0];
      const start = shape.secretGroup ? m.index + m[0].lastIndexOf(value) : m.index;
      if (isPlaceholder(value) || found.some((f) => start < f.end && f.start < start + value.length)) continue;
      const verdict = shape.classify(value, m);
      if (verdict) found.push({ kind: shape.kind, ...verdict, start, end: start + value.length, value });
    }
  }
  return found.sort((a, b) => a.start - b.start);
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

/**
 * A secret known by its name rather than its shape: a variable named like a credential (`BRAVE_API_KEY`,
 * `NOTION_TOKEN`, `DB_PASSWORD`) holding a long generated-looking literal (letters and digits, no spaces,
 * not a placeholder, url or variable). For keys whose vendors use no recognisable prefix.
 */
export function classifyNamedSecret(name: string, value: string): SecretMatch | undefined {
  const trimmed = value.trim();
  if (!CREDENTIAL_NAME.test(name) || PUBLIC_NAME.test(name) || !GENERATED.test(trimmed) || FILE_PATH.test(trimmed) || isPlaceholder(trimmed)) return undefined;
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
    const payload = JSON.parse(json);
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}
