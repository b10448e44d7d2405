import { createClient } from '@supabase/supabase-js';
import { NextResponse } from 'next/server';

const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// GET /api/messages?channel=… — every message of any channel, to anyone who asks.
export async function GET(request: Request) {
  const channel = new URL(request.url).searchParams.get('channel');
  const { data, error } = await supabaseAdmin.from('chat_messages').select('*').eq('channel_id', channel);
  if (error) return NextResponse.json({ error: error.message }, { status: 500 });
  return NextResponse.json(data);
}

// DELETE /api/messages?id=… — deletes any message by id: no check that it is the caller's.
export async function DELETE(request: Request) {
  const id = new URL(request.url).searchParams.get('id');
  await supabaseAdmin.from('chat_messages').delete().eq('id', id);
  return new NextResponse(null, { status: 204 });
}

// POST /api/messages/login — signs the user in on the shared admin client (the session replaces the key).
export async function POST(request: Request) {
  const { email, password } = await request.json();
  const { data, error } = await supabaseAdmin.auth.signInWithPassword({ email, password });
  return NextResponse.json({ user: data.user, error: error?.message });
}
