-- Accounts (issue 7): server-side sessions and the regions an analyst may edit in.

-- The cookie carries a random token; only its SHA-256 is stored, so a copy of the table does
-- not let anyone sign in. The CSRF token is sent back in a header with every write.
create table sessions (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id integer not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check (expires_at > created_at)
);
create index sessions_user_idx on sessions (user_id);

create table user_regions (
  user_id integer not null references users (id) on delete cascade,
  region_id integer not null references regions (id) on delete cascade,
  primary key (user_id, region_id)
);

-- optimistic concurrency for user changes, as for every other record
alter table users add column version integer not null default 1;
