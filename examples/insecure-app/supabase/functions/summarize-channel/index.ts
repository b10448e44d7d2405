import { createClient } from 'jsr:@supabase/supabase-js@2';

const OPENAI_API_KEY = 'sk-proj-T3amCh4tD3m0K3yN0tR3al0000abcd';

Deno.serve(async (req) => {
  const { channelId } = await req.json();
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);

  // Reads the whole channel with the service role: any caller can summarize any workspace's channel.
  const { data: messages } = await supabase.from('chat_messages').select('body').eq('channel_id', channelId);

  const completion = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${OPENAI_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `Summarize:\n${(messages ?? []).map((m) => m.body).join('\n')}` }],
    }),
  });
  return new Response(JSON.stringify(await completion.json()), { headers: { 'Content-Type': 'application/json' } });
});
