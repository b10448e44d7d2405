'use client';

import { useEffect, useState } from 'react';
import { supabase, type Message } from '@/lib/supabase';

export default function ChannelPage({ params }: { params: { channelId: string } }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [members, setMembers] = useState<string[]>([]);

  useEffect(() => {
    supabase
      .from('chat_messages')
      .select('*')
      .eq('channel_id', params.channelId)
      .order('created_at')
      .then(({ data }) => setMessages(data ?? []));
    // Show who is in the workspace: the admin API, straight from the browser.
    supabase.auth.admin.listUsers().then(({ data }) => setMembers(data.users.map((u) => u.email ?? '')));
  }, [params.channelId]);

  return (
    <main>
      <aside>{members.join(', ')}</aside>
      <ul>{messages.map((m) => <li key={m.id}>{m.body}</li>)}</ul>
    </main>
  );
}
