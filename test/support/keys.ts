import { createHmac } from 'node:crypto';

/** A JWT shaped like Supabase's legacy keys, signed with a throwaway secret: realistic, never valid anywhere. */
export function supabaseJwt(role: 'anon' | 'service_role', ref = 'abcdefghijklmnopqrst', iss = 'supabase'): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ iss, ref, role, iat: 1716000000, exp: 2031576000 });
  const signature = createHmac('sha256', 'not-a-real-secret').update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** A new-style secret key (random-looking, fixed so tests are repeatable). */
export const SB_SECRET_KEY = 'sb_secret_Qm9vTXlTZWNyZXRLZXk_9f8e7d6c';
export const SB_PUBLISHABLE_KEY = 'sb_publishable_Zk3mPq8RtVwXyZ12AbCdEf_34GhIjK';
export const SUPABASE_ACCESS_TOKEN = 'sbp_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
