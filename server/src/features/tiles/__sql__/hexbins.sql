select ST_Transform(ST_SetSRID(ST_Hexagon($1::float8, c.i, c.j), 3857), 4326) as geom,
      case when c.n >= $2 then c.n end as "enterpriseCount",
      case when c.n >= $3 then (case when c.total_t is null or c.total_t = 0 then c.total_t::float8
    when (floor(log(abs(c.total_t::float8))) - 2) >= 0 then floor(c.total_t::float8 / power(10::float8, (floor(log(abs(c.total_t::float8))) - 2)) + 0.5) * power(10::float8, (floor(log(abs(c.total_t::float8))) - 2))
    else floor(c.total_t::float8 * power(10::float8, -(floor(log(abs(c.total_t::float8))) - 2)) + 0.5) / power(10::float8, -(floor(log(abs(c.total_t::float8))) - 2)) end) end as "totalTonnesPerYear",
      case when c.n >= $4 then (case when c.hazardous_t is null or c.hazardous_t = 0 then c.hazardous_t::float8
    when (floor(log(abs(c.hazardous_t::float8))) - 2) >= 0 then floor(c.hazardous_t::float8 / power(10::float8, (floor(log(abs(c.hazardous_t::float8))) - 2)) + 0.5) * power(10::float8, (floor(log(abs(c.hazardous_t::float8))) - 2))
    else floor(c.hazardous_t::float8 * power(10::float8, -(floor(log(abs(c.hazardous_t::float8))) - 2)) + 0.5) / power(10::float8, -(floor(log(abs(c.hazardous_t::float8))) - 2)) end) end as "hazardousTonnesPerYear"
    from (with binned as (
      select s.id, h.i, h.j
      from (select e.id, ST_Transform(e.geom, 3857) as p from ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1 and e.geom && ST_MakeEnvelope($5::float8, $6::float8, $7::float8, $8::float8, 4326))) e) s
      cross join lateral (
        select hex.i, hex.j from ST_HexagonGrid($9::float8, s.p) as hex
        where ST_Intersects(hex.geom, s.p) order by hex.i, hex.j limit 1
      ) h
    ),
    tonnes as (
      select b.i, b.j, sum(w.tonnes)::float8 as total_t,
        coalesce(sum(w.tonnes) filter (where w.hazardous), 0)::float8 as hazardous_t
      from binned b join ((select "fw"."enterprise_id", "fw"."ewc_code", "fw"."hazardous", "fw"."route_code", "fw"."offered_as_byproduct", "fw"."basis", "fw"."survey_year", (fw.quantity_t_per_year * fw.noise_factor) as "tonnes" from "waste_streams" as "fw" where 1 = 1)) w on w.enterprise_id = b.id
      group by b.i, b.j
    )
    select c.i, c.j, c.n, coalesce(t.total_t, 0) as total_t, coalesce(t.hazardous_t, 0) as hazardous_t
    from (select i, j, count(*)::int as n from binned group by i, j) c
    left join tonnes t on t.i = c.i and t.j = c.j) c
    where ST_SetSRID(ST_Hexagon($10::float8, c.i, c.j), 3857) && ST_TileEnvelope($11, $12, $13, margin => $14::float8)
