-- Map tiles carry an ETag that must change whenever the data they draw changes (issue 4).
-- One counter, bumped once per committing transaction that wrote a table the map reads, is far
-- cheaper than hashing the data on every tile request.
create table data_revision (
  only_row boolean primary key default true check (only_row),
  revision bigint not null
);
insert into data_revision (revision) values (1);

-- Runs at commit (deferred constraint trigger), so the row lock is held only for the commit and
-- a reader never sees the new revision before the new data. Once per transaction: the first
-- row's trigger marks the transaction, the others return at once.
create function loopmap_bump_data_revision() returns trigger language plpgsql as $$
begin
  if current_setting('loopmap.revision_bumped_in', true) is distinct from txid_current()::text then
    perform set_config('loopmap.revision_bumped_in', txid_current()::text, true);
    update data_revision set revision = revision + 1;
  end if;
  return null;
end $$;

create constraint trigger enterprises_data_revision after insert or update or delete on enterprises
  deferrable initially deferred for each row execute function loopmap_bump_data_revision();
create constraint trigger waste_streams_data_revision after insert or update or delete on waste_streams
  deferrable initially deferred for each row execute function loopmap_bump_data_revision();
create constraint trigger permits_data_revision after insert or update or delete on permits
  deferrable initially deferred for each row execute function loopmap_bump_data_revision();
create constraint trigger resource_needs_data_revision after insert or update or delete on resource_needs
  deferrable initially deferred for each row execute function loopmap_bump_data_revision();
create constraint trigger regions_data_revision after insert or update or delete on regions
  deferrable initially deferred for each row execute function loopmap_bump_data_revision();
