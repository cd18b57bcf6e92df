-- Failed sign-ins (issue 14): the sign-in limits count these rows, so every instance sharing the
-- database enforces one limit (in memory, N instances behind a load balancer gave an attacker N
-- times the attempts). `key` is the SHA-256 of 'account:<e-mail>' or 'address:<client address>'
-- (features/accounts/sign-in-limits.ts): the table is replicated and backed up, and an e-mail field
-- sometimes holds a mistyped password. Rows older than the 15-minute window count for nothing and
-- are deleted as new failures arrive.
create table sign_in_failures (
  key text not null check (key ~ '^[0-9a-f]{64}$'),
  failed_at timestamptz not null
);
-- a key's failures in the window, newest first
create index sign_in_failures_key_idx on sign_in_failures (key, failed_at);
-- the expired rows, oldest first, for the bounded prune
create index sign_in_failures_failed_at_idx on sign_in_failures (failed_at);
