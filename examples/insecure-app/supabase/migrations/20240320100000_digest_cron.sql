-- Nightly digest: call the Edge Function from pg_cron through pg_net.
select cron.schedule(
  'nightly-digest',
  '0 6 * * *',
  $$
  select net.http_post(
    url := 'https://qzvkxwmtbtyrpnhgsdla.supabase.co/functions/v1/nightly-digest',
    headers := jsonb_build_object(
      'Content-Type', 'application/json',
      'Authorization', 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF6dmt4d210YnR5cnBuaGdzZGxhIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxNDAwMDAwMCwiZXhwIjoyMDI5NTc2MDAwfQ.Xq7pD2mZt9vK4wLc8RbN1sYf6HgJ3aUe0oTiQ5xWzEk'
    ),
    body := '{}'::jsonb
  );
  $$
);
