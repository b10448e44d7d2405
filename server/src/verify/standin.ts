import { literal, quoteIdent } from './sql-text';

/**
 * The Supabase stand-in: what a fresh Supabase project has before its first migration runs, rebuilt in
 * PGlite. Roles and grants follow Supabase's (anon, authenticated and service_role get everything in
 * `public` by default; RLS is what protects rows), `auth.uid()`/`auth.jwt()`/`auth.role()` read the
 * same `request.jwt.claims` settings PostgREST sets, and the extensions Supabase enables by default are
 * there.
 *
 * Extensions PGlite cannot load (pg_net, pg_cron, pgmq, pg_graphql, vault, pgvector, …) are stubbed:
 * `create extension` of one of them is intercepted by the replay and runs the stub below instead, so the
 * schema and functions migrations call exist (with the same signatures) but do nothing. They are not
 * pre-created, so a migration that uses `net.http_post` without enabling pg_net fails as on Supabase.
 */

const BASE_SQL = String.raw`
create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
create role authenticator login noinherit;
grant anon, authenticated, service_role to authenticator;
create role supabase_admin login superuser createdb createrole replication bypassrls;
create role supabase_auth_admin login noinherit createrole;
create role supabase_storage_admin login noinherit createrole;
create role supabase_realtime_admin nologin noinherit;
create role dashboard_user nologin createdb createrole replication;
create role pgbouncer login;

create schema extensions;
create extension "uuid-ossp" with schema extensions;
create extension pgcrypto with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;

grant usage on schema public to anon, authenticated, service_role;
grant all on schema public to postgres;
alter default privileges for role postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to anon, authenticated, service_role;

create schema auth;
grant usage on schema auth to anon, authenticated, service_role;
create table auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  phone text unique default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0,
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create table auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  unique (provider_id, provider)
);
create table auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  not_after timestamptz
);
alter table auth.users enable row level security;
alter table auth.identities enable row level security;
alter table auth.sessions enable row level security;
grant all on all tables in schema auth to supabase_auth_admin, dashboard_user, postgres;

create function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
create function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
create function auth.email() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
create function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;
grant execute on all functions in schema auth to anon, authenticated, service_role;

create schema storage;
grant usage on schema storage to anon, authenticated, service_role;
create table storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
create table storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  user_metadata jsonb,
  version text,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  unique (bucket_id, name)
);
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on all tables in schema storage to anon, authenticated, service_role, supabase_storage_admin;
create function storage.foldername(name text) returns text[] language sql immutable as $$
  select (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1]
$$;
create function storage.filename(name text) returns text language sql immutable as $$
  select (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)]
$$;
create function storage.extension(name text) returns text language sql immutable as $$
  select reverse(split_part(reverse(storage.filename(name)), '.', 1))
$$;
grant execute on all functions in schema storage to anon, authenticated, service_role;

create schema realtime;
grant usage on schema realtime to anon, authenticated, service_role;
create table realtime.messages (
  id uuid primary key default gen_random_uuid(),
  topic text not null,
  extension text not null default 'broadcast',
  payload jsonb,
  event text,
  private boolean default false,
  inserted_at timestamp not null default now(),
  updated_at timestamp not null default now()
);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;
create function realtime.topic() returns text language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
create function realtime.send(payload jsonb, event text, topic text, private boolean default true)
  returns void language sql as $$ select null::void $$;
create function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void language plpgsql as $$ begin end $$;
create publication supabase_realtime;

create schema supabase_functions;
create function supabase_functions.http_request() returns trigger language plpgsql as $$
begin
  return coalesce(new, old);
end
$$;

create schema graphql_public;
create function graphql_public.graphql(
  "operationName" text default null, query text default null, variables jsonb default null, extensions jsonb default null
) returns jsonb language sql as $$ select '{}'::jsonb $$;
grant usage on schema graphql_public to anon, authenticated, service_role;

create schema supaguard_standin;
create table supaguard_standin.stubbed_extensions (name text primary key, schema text not null);

-- On Supabase the auth, storage and realtime tables belong to those services' roles, not to the role
-- migrations run as: policies may be made on them (supautils grants that), but altering or indexing them
-- fails. The stand-in's superuser could; this makes the replay fail as \`supabase db reset\` does.
create function supaguard_standin.refuse_service_tables() returns event_trigger language plpgsql as $$
declare
  command record;
  target text;
begin
  for command in select * from pg_event_trigger_ddl_commands() loop
    if command.schema_name in ('auth', 'storage', 'realtime') then
      select c.relname into target from pg_class c
        where c.oid = coalesce((select i.indrelid from pg_index i where i.indexrelid = command.objid), command.objid);
      raise exception 'must be owner of table %', coalesce(target, command.object_identity) using errcode = '42501';
    end if;
  end loop;
end
$$;
create event trigger supaguard_refuse_service_tables on ddl_command_end
  when tag in ('ALTER TABLE', 'CREATE INDEX') execute function supaguard_standin.refuse_service_tables();
`;

/** PGlite contrib extensions the stand-in loads, by the name `create extension` uses. */
export const CONTRIB_EXTENSIONS = [
  'uuid-ossp',
  'pgcrypto',
  'citext',
  'pg_trgm',
  'hstore',
  'ltree',
  'unaccent',
  'fuzzystrmatch',
  'btree_gist',
  'btree_gin',
  'moddatetime',
  'tablefunc',
] as const;

export type ContribExtension = (typeof CONTRIB_EXTENSIONS)[number];

/** The contrib extensions the stand-in itself creates (Supabase has them in every project). */
export const STANDIN_EXTENSIONS: readonly ContribExtension[] = ['uuid-ossp', 'pgcrypto'];

/**
 * Stubs of extensions PGlite lacks. Each is idempotent (a migration may enable an extension twice) and
 * receives the schema `create extension … with schema` named, when the extension lets users choose it.
 */
const STUBS: Record<string, (schema: string) => string> = {
  pg_net: () => String.raw`
    create schema if not exists net;
    grant usage on schema net to anon, authenticated, service_role;
    create or replace function net.http_post(url text, body jsonb default '{}'::jsonb, params jsonb default '{}'::jsonb,
      headers jsonb default '{"Content-Type": "application/json"}'::jsonb, timeout_milliseconds integer default 5000)
      returns bigint language sql as $$ select 1::bigint $$;
    create or replace function net.http_get(url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb,
      timeout_milliseconds integer default 5000) returns bigint language sql as $$ select 1::bigint $$;
    create or replace function net.http_delete(url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb,
      timeout_milliseconds integer default 5000) returns bigint language sql as $$ select 1::bigint $$;
    create table if not exists net._http_response (id bigint, status_code integer, content_type text, headers jsonb,
      content text, timed_out boolean, error_msg text, created timestamptz not null default now());
  `,
  pg_cron: () => String.raw`
    create schema if not exists cron;
    create table if not exists cron.job (jobid bigserial primary key, schedule text not null, command text not null,
      nodename text not null default 'localhost', nodeport integer not null default 5432, database text not null default 'postgres',
      username text not null default current_user, active boolean not null default true, jobname text);
    create table if not exists cron.job_run_details (jobid bigint, runid bigserial primary key, job_pid integer, database text,
      username text, command text, status text, return_message text, start_time timestamptz, end_time timestamptz);
    create or replace function cron.schedule(schedule text, command text) returns bigint language sql as $$
      insert into cron.job (schedule, command) values (schedule, command) returning jobid $$;
    create or replace function cron.schedule(job_name text, schedule text, command text) returns bigint language sql as $$
      insert into cron.job (jobname, schedule, command) values (job_name, schedule, command) returning jobid $$;
    create or replace function cron.schedule_in_database(job_name text, schedule text, command text, database text,
      username text default null, active boolean default true) returns bigint language sql as $$
      insert into cron.job (jobname, schedule, command) values (job_name, schedule, command) returning jobid $$;
    create or replace function cron.unschedule(job_id bigint) returns boolean language sql as $$
      with gone as (delete from cron.job where jobid = job_id returning 1) select exists (select 1 from gone) $$;
    create or replace function cron.unschedule(job_name text) returns boolean language sql as $$
      with gone as (delete from cron.job where jobname = job_name returning 1) select exists (select 1 from gone) $$;
    create or replace function cron.alter_job(job_id bigint, schedule text default null, command text default null,
      database text default null, username text default null, active boolean default null) returns void
      language sql as $$ select null::void $$;
  `,
  pgmq: () => String.raw`
    create schema if not exists pgmq;
    create table if not exists pgmq.meta (queue_name text primary key, created_at timestamptz not null default now());
    create or replace function pgmq.create(queue_name text) returns void language sql as $$
      insert into pgmq.meta (queue_name) values (queue_name) on conflict do nothing $$;
    create or replace function pgmq.drop_queue(queue_name text) returns boolean language sql as $$ select true $$;
    create or replace function pgmq.send(queue_name text, msg jsonb, delay integer default 0) returns setof bigint
      language sql as $$ select 1::bigint $$;
    create or replace function pgmq.send_batch(queue_name text, msgs jsonb[], delay integer default 0) returns setof bigint
      language sql as $$ select 1::bigint $$;
    create or replace function pgmq.read(queue_name text, vt integer, qty integer)
      returns table (msg_id bigint, read_ct integer, enqueued_at timestamptz, vt timestamptz, message jsonb)
      language sql as $$ select null::bigint, null::integer, null::timestamptz, null::timestamptz, null::jsonb where false $$;
    create or replace function pgmq.pop(queue_name text)
      returns table (msg_id bigint, read_ct integer, enqueued_at timestamptz, vt timestamptz, message jsonb)
      language sql as $$ select null::bigint, null::integer, null::timestamptz, null::timestamptz, null::jsonb where false $$;
    create or replace function pgmq.delete(queue_name text, msg_id bigint) returns boolean language sql as $$ select true $$;
    create or replace function pgmq.archive(queue_name text, msg_id bigint) returns boolean language sql as $$ select true $$;
  `,
  pg_graphql: () => String.raw`
    create schema if not exists graphql;
    create or replace function graphql.resolve(query text, variables jsonb default '{}', "operationName" text default null,
      extensions jsonb default null) returns jsonb language sql as $$ select '{}'::jsonb $$;
  `,
  supabase_vault: () => String.raw`
    create schema if not exists vault;
    create table if not exists vault.secrets (id uuid primary key default gen_random_uuid(), name text unique,
      description text not null default '', secret text not null, key_id uuid, nonce bytea,
      created_at timestamptz not null default now(), updated_at timestamptz not null default now());
    create or replace view vault.decrypted_secrets as select *, secret as decrypted_secret from vault.secrets;
    create or replace function vault.create_secret(new_secret text, new_name text default null,
      new_description text default '', new_key_id uuid default null) returns uuid language sql as $$
      insert into vault.secrets (secret, name, description) values (new_secret, new_name, new_description) returning id $$;
    create or replace function vault.update_secret(secret_id uuid, new_secret text default null, new_name text default null,
      new_description text default null, new_key_id uuid default null) returns void language sql as $$
      update vault.secrets set secret = coalesce(new_secret, secret), name = coalesce(new_name, name),
        description = coalesce(new_description, description), updated_at = now() where id = secret_id $$;
  `,
  pgsodium: () => `create schema if not exists pgsodium;`,
  pg_stat_statements: () => '',
  pg_stat_monitor: () => '',
  pgaudit: () => '',
  index_advisor: () => '',
  hypopg: () => '',
  plpgsql_check: () => '',
  pg_jsonschema: (schema) => String.raw`
    create or replace function ${schema}.jsonb_matches_schema(schema json, instance jsonb) returns boolean
      language sql immutable as $$ select true $$;
    create or replace function ${schema}.json_matches_schema(schema json, instance json) returns boolean
      language sql immutable as $$ select true $$;
  `,
  pg_hashids: (schema) => String.raw`
    create or replace function ${schema}.id_encode(bigint) returns text language sql immutable as $$ select $1::text $$;
    create or replace function ${schema}.id_encode(bigint, text) returns text language sql immutable as $$ select $1::text $$;
    create or replace function ${schema}.id_decode(text) returns bigint[] language sql immutable as $$ select array[$1::bigint] $$;
  `,
  http: (schema) => String.raw`
    create or replace function ${schema}.http_get(uri text) returns jsonb language sql as $$ select '{}'::jsonb $$;
    create or replace function ${schema}.http_post(uri text, content text, content_type text) returns jsonb
      language sql as $$ select '{}'::jsonb $$;
  `,
  pgjwt: (schema) => String.raw`
    create or replace function ${schema}.sign(payload json, secret text, algorithm text default 'HS256') returns text
      language sql immutable as $$ select 'stub.jwt.token'::text $$;
    create or replace function ${schema}.verify(token text, secret text, algorithm text default 'HS256')
      returns table (header json, payload json, valid boolean) language sql immutable as $$ select null::json, null::json, false $$;
  `,
  vector: (schema) => String.raw`
    do $stub$ begin
      if to_regtype('${schema}.vector') is null then
        create type ${schema}.vector;
        create function ${schema}.vector_in(cstring, oid, integer) returns ${schema}.vector
          language internal immutable strict as 'textin';
        create function ${schema}.vector_out(${schema}.vector) returns cstring language internal immutable strict as 'textout';
        create function ${schema}.vector_typmod_in(cstring[]) returns integer
          language internal immutable strict as 'varchartypmodin';
        create type ${schema}.vector (input = ${schema}.vector_in, output = ${schema}.vector_out,
          typmod_in = ${schema}.vector_typmod_in, internallength = variable, storage = extended);
        create function ${schema}.vector_distance(${schema}.vector, ${schema}.vector) returns double precision
          language sql immutable as 'select 0::double precision';
        create operator ${schema}.<=> (leftarg = ${schema}.vector, rightarg = ${schema}.vector, function = ${schema}.vector_distance);
        create operator ${schema}.<-> (leftarg = ${schema}.vector, rightarg = ${schema}.vector, function = ${schema}.vector_distance);
        create operator ${schema}.<#> (leftarg = ${schema}.vector, rightarg = ${schema}.vector, function = ${schema}.vector_distance);
        create function ${schema}.cosine_distance(${schema}.vector, ${schema}.vector) returns double precision
          language sql immutable as 'select 0::double precision';
        create function ${schema}.l2_distance(${schema}.vector, ${schema}.vector) returns double precision
          language sql immutable as 'select 0::double precision';
        create function ${schema}.inner_product(${schema}.vector, ${schema}.vector) returns double precision
          language sql immutable as 'select 0::double precision';
        create function ${schema}.vector_dims(${schema}.vector) returns integer language sql immutable as 'select 0';
        create cast (real[] as ${schema}.vector) with inout as implicit;
        create cast (double precision[] as ${schema}.vector) with inout as implicit;
        create cast (text as ${schema}.vector) with inout as implicit;
      end if;
    end $stub$;
  `,
};

/** Extension names as Supabase's dashboard also spells them. */
const STUB_ALIASES: Record<string, string> = { vault: 'supabase_vault', pgvector: 'vector' };

/** Default schema of a stubbed extension created without `with schema`, where it matters. */
const STUB_DEFAULT_SCHEMA: Record<string, string> = { vector: 'public' };

/** The SQL that stands in for `create extension <name> [with schema <schema>]`, or undefined when it is not stubbed. */
export function extensionStub(name: string, schema: string | undefined): string | undefined {
  const canonical = STUB_ALIASES[name] ?? name;
  const stub = STUBS[canonical];
  if (!stub) return undefined;
  const target = schema ?? STUB_DEFAULT_SCHEMA[canonical] ?? 'extensions';
  const quoted = quoteIdent(target);
  return `create schema if not exists ${quoted};
${stub(quoted)}
insert into supaguard_standin.stubbed_extensions (name, schema) values (${literal(canonical)}, ${literal(target)})
  on conflict (name) do nothing;`;
}

/** The extension whose schema this is (`cron` → `pg_cron`), for stubs that own a schema. */
const SCHEMA_OWNERS: Record<string, string> = { net: 'pg_net', cron: 'pg_cron', pgmq: 'pgmq', graphql: 'pg_graphql', vault: 'supabase_vault' };

export function extensionOwningSchema(schema: string): string | undefined {
  return SCHEMA_OWNERS[schema];
}

export function isStubbedExtension(name: string): boolean {
  return (STUB_ALIASES[name] ?? name) in STUBS;
}



/** Supabase projects start with vault and pg_graphql enabled. */
export const STANDIN_SQL = [BASE_SQL, extensionStub('supabase_vault', 'vault'), extensionStub('pg_graphql', 'graphql')].join('\n');
