with sel as ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1 and e.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)))
    select sel.geom, sel.id, sel.name,
      string_agg(distinct p.operation, ' ') as operations,
      count(*)::int as "permitCount",
      sum(p.capacity_t_per_year)::float8 as "capacityTonnesPerYear",
      bool_or(p.hazardous_allowed) as "hazardousAllowed",
      bool_or(p.operation like 'R%') as recovers,
      sel.is_demo as "isDemo"
    from sel join permits p on p.enterprise_id = sel.id
    where (p.valid_to is null or p.valid_to >= current_date) and true and (cardinality(p.accepted_ewc) = 0 or exists (
      select 1 from unnest(p.accepted_ewc) as a where $5 like a || '%' or a like $6 || '%'))
    group by sel.id, sel.geom, sel.name, sel.is_demo
