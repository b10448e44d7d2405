import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: one line to the user, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs, with its errors turned into one-line usage errors. */
export function parseCommandLine<O extends Options>(
  args: string[],
  options: O,
): { values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0].replace(/\. To specify .*$/, ''));
  }
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}
