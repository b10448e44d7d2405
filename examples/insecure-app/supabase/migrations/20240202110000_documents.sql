-- Shared documents for the knowledge base the assistant searches.
create table public.documents (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  created_by uuid not null references auth.users (id),
  title text not null,
  content text not null,
  created_at timestamptz not null default now()
);
-- TODO: policies once the sharing model is decided.

create index documents_workspace_id_idx on public.documents (workspace_id);

-- Dashboard widget: document counts per workspace (runs with the owner's rights).
create view public.workspace_document_stats as
  select workspace_id, count(*) as documents, max(created_at) as last_update
  from public.documents
  group by workspace_id;
