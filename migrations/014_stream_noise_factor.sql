-- The public's noise factor (migration 013, domain/disclosure/noise.ts) kept with each stream, so
-- the public's totals multiply a column instead of hashing the secret once per stream row (at
-- 100,000 enterprises a province's public totals took 1.4–1.9 times the exact ones).
-- The factor is its enterprise's: 1 ± d, d from 10 % to 25 %, sign and d from an MD5 of the secret
-- and the enterprise id (the bounds are NOISE_BOUNDS; noise.test.ts checks this function against
-- them and against Node's MD5).
create function loopmap_noise_factor(enterprise_id integer) returns float8
language sql stable as $$
  select 1 + (case when u < 0 then -1 else 1 end) * (0.1 + 0.15 * abs(u))
  from (
    select ('x' || substr(md5(secret || ':' || enterprise_id::text), 1, 8))::bit(32)::int::float8
           / 2147483648.0 as u
    from disclosure_secret
  ) s
$$;

-- Every ALTER before the UPDATE: the UPDATE queues waste_streams' deferred data-revision trigger
-- (migration 005) for each row, and PostgreSQL refuses to alter a table with trigger events
-- pending. The placeholder 1 is a catalogue default for the rows already there, replaced below.
alter table waste_streams add column noise_factor float8 not null default 1;
alter table waste_streams alter column noise_factor drop default;

-- set on every write, whatever a client sends: it follows the enterprise and nothing else
create function loopmap_set_noise_factor() returns trigger language plpgsql as $$
begin
  new.noise_factor := loopmap_noise_factor(new.enterprise_id);
  return new;
end $$;
create trigger waste_streams_noise_factor before insert or update on waste_streams
  for each row execute function loopmap_set_noise_factor();

-- the streams already recorded (the trigger sets their factor)
update waste_streams set noise_factor = loopmap_noise_factor(enterprise_id);
