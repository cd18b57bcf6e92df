-- Region membership (migration 010) re-derived with joins instead of `= any(array)` filters: with
-- thousands of enterprises to re-derive (a region drawn over a country, a bulk move), a filter
-- `id = any(ids)` is tested row by row against the whole array, which grows with the square of
-- the count; joining the unnested ids is one hash join.
create or replace function loopmap_rederive_enterprises(ids integer[]) returns void language plpgsql as $$
begin
  if cardinality(ids) = 0 then
    return;
  end if;
  delete from region_members m using unnest(ids) as a(id) where m.enterprise_id = a.id;
  insert into region_members (region_id, enterprise_id)
    select m.region_id, e.id from unnest(ids) as a(id) join enterprises e on e.id = a.id
    cross join lateral loopmap_member_regions(e.geom) m;
  update enterprises e set region_id = d.region_id
    from (select e2.id, loopmap_region_of(e2.geom) as region_id
            from unnest(ids) as a(id) join enterprises e2 on e2.id = a.id) d
   where e.id = d.id and e.region_id is distinct from d.region_id;
end $$;

-- A moved enterprise: its memberships re-derived by a row trigger that fires only when the point
-- changes. The statement trigger of migration 010 compared every updated row's old and new point
-- through a join of the two transition tables, which the planner (with no statistics on them)
-- may run as a nested loop: renaming 100,000 enterprises took minutes. region_id is set before
-- the row is written (enterprises_region), by the same rule.
create function loopmap_enterprise_moved() returns trigger language plpgsql as $$
begin
  delete from region_members where enterprise_id = new.id;
  insert into region_members (region_id, enterprise_id)
    select m.region_id, new.id from loopmap_member_regions(new.geom) m;
  return null;
end $$;
drop trigger enterprises_members_update on enterprises;
create trigger enterprises_members_moved after update of geom on enterprises
  for each row when (old.geom is distinct from new.geom)
  execute function loopmap_enterprise_moved();

-- The statement trigger now serves inserts only.
create or replace function loopmap_enterprises_members() returns trigger language plpgsql as $$
begin
  insert into region_members (region_id, enterprise_id)
    select m.region_id, n.id from new_enterprises n cross join lateral loopmap_member_regions(n.geom) m;
  return null;
end $$;
