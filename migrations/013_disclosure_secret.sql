-- The secret behind the public's noise (issue 13, docs/disclosure.md "Differencing"): each
-- enterprise's tonnes of a survey year are multiplied, in everything the public and enterprise
-- users read, by a factor derived from this secret, the enterprise and the year. It lives in the
-- database, not the process, so the noise is the same after a restart and on every replica (a
-- new draw per start would let an attacker average it away), and no API reads this table.
-- gen_random_uuid() draws from the server's strong random source; two give 244 random bits.
create table disclosure_secret (
  singleton boolean primary key default true check (singleton),
  secret text not null
);
insert into disclosure_secret (secret)
  values (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
