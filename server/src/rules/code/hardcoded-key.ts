import ts from 'typescript';
import type { Fix } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { findSecrets, type SecretMatch } from '../../engine/secrets';
import type { CodeUnit } from '../../languages/code';
import { envStyleOf } from '../../languages/code/anon-key';
import type { ParsedFile } from '../../languages/code/parse';
import { editAt, replaceNode } from '../../languages/code/refactor';

/** The variable a secret of each kind usually lives in. */
const DEFAULT_NAMES: Record<string, string> = {
  'supabase-jwt': 'SUPABASE_SERVICE_ROLE_KEY',
  'supabase-secret-key': 'SUPABASE_SECRET_KEY',
  'supabase-access-token': 'SUPABASE_ACCESS_TOKEN',
  'postgres-password': 'DATABASE_URL',
  'anthropic-key': 'ANTHROPIC_API_KEY',
  'openai-key': 'OPENAI_API_KEY',
  'github-token': 'GITHUB_TOKEN',
  'stripe-key': 'STRIPE_SECRET_KEY',
  'bearer-token': 'API_TOKEN',
};

export const hardcodedKey: Rule<CodeUnit> = {
  meta: {
    id: 'code/hardcoded-key',
    defaultSeverity: 'error',
    description: 'A secret key or credential is written into the code instead of read from the environment.',
  },
  language: 'code',
  check({ unit, report }) {
    const { parsed } = unit;
    const text = parsed.file.text;
    for (const literal of parsed.strings) {
      const start = literal.getStart(parsed.ast);
      const raw = text.slice(start, literal.end);
      for (const secret of findSecrets(raw)) {
        if (secret.class === 'public') continue;
        const local = secret.class === 'local';
        report({
          message: local
            ? `${capitalize(secret.label)} is hardcoded: it only works against a local Supabase, but read it from the environment so real keys never land here.`
            : `${capitalize(secret.label)} is hardcoded here: everyone with the source or the bundle has it; read it from the environment instead.`,
          range: parsed.file.lines.rangeOf(start + secret.start, start + secret.end),
          severity: local ? 'info' : undefined,
          fixes: moveToEnvironment(parsed, literal, secret),
        });
      }
    }
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Replaces the literal with `process.env.X` (`Deno.env.get('X')` in Edge Functions), or splices it into a template. */
function moveToEnvironment(parsed: ParsedFile, literal: ts.StringLiteralLike, secret: SecretMatch): Fix[] | undefined {
  if (!ts.isStringLiteral(literal) && !ts.isNoSubstitutionTemplateLiteral(literal)) return undefined;
  const name = variableNameFor(literal, secret);
  const deno = envStyleOf(parsed) === 'deno';
  const read = deno ? `Deno.env.get('${name}')` : `process.env.${name}`;
  const value = literal.text;
  const whole = value.trim() === secret.value || (secret.kind === 'postgres-password' && /^postgres(ql)?:\/\//.test(value));
  let edit;
  if (whole) {
    const bang = parsed.isTypeScript && !ts.isNonNullExpression(literal.parent) ? '!' : '';
    edit = replaceNode(parsed, literal, `${read}${bang}`);
  } else {
    const at = value.indexOf(secret.value);
    if (at < 0) return undefined;
    const escape = (part: string) => part.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${');
    edit = editAt(parsed, literal.getStart(parsed.ast), literal.end, `\`${escape(value.slice(0, at))}\${${read}}${escape(value.slice(at + secret.value.length))}\``);
  }
  return [{ title: `Read it from the environment: ${deno ? `Deno.env.get('${name}')` : `process.env.${name}`}`, safe: false, edits: [edit] }];
}

/** `const OPENAI_API_KEY = 'sk-…'` keeps its name; otherwise the usual name for the secret's kind. */
function variableNameFor(literal: ts.Node, secret: SecretMatch): string {
  const holder = literal.parent;
  const name =
    holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && (ts.isIdentifier(holder.name) || ts.isStringLiteral(holder.name))
      ? holder.name.text
      : undefined;
  if (name && /^[A-Z][A-Z0-9_]*$/.test(name) && name.length > 3) return name;
  return DEFAULT_NAMES[secret.kind] ?? 'SECRET_KEY';
}
