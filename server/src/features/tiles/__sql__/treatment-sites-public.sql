with sel as ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1 and e.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))),
    held as (
      select floor((ST_X(q.p) - $5::float8) / $6::float8)::int as cx,
        floor((ST_Y(q.p) - $7::float8) / $8::float8)::int as cy,
        p.operation, p.hazardous_allowed, sel.is_demo
      from sel cross join lateral (select ST_Transform(sel.geom, 3857) as p) q
      join permits p on p.enterprise_id = sel.id
      where (p.valid_to is null or p.valid_to >= current_date) and true and (cardinality(p.accepted_ewc) = 0 or exists (
      select 1 from unnest(p.accepted_ewc) as a where $9 like a || '%' or a like $10 || '%'))
    )
    select ST_Transform(ST_SetSRID(ST_MakePoint(
        (h.cx + 0.5) * $11::float8 + $12::float8,
        (h.cy + 0.5) * $13::float8 + $14::float8), 3857), 4326) as geom,
      string_agg(distinct left(h.operation, 1), ' ' order by left(h.operation, 1)) as operations,
      count(*)::int as "permitCount",
      bool_or(h.hazardous_allowed) as "hazardousAllowed",
      bool_or(h.operation like 'R%') as recovers,
      bool_and(h.is_demo) as "isDemo"
    from held h group by h.cx, h.cy
