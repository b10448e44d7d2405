'use server';

import { createClient } from '@supabase/supabase-js';

// Server action behind the "Export conversations" button.
export async function exportConversations() {
  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const { data } = await admin.from('conversations').select('id, title, chat_messages(body, user_id)');
  return data;
}
