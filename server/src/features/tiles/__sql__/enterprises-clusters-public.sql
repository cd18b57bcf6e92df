with cells as (
      select s.id, ST_X(s.p) as x, ST_Y(s.p) as y,
        floor((ST_X(s.p) - $1::float8) / $2::float8)::int as cx,
        floor((ST_Y(s.p) - $3::float8) / $4::float8)::int as cy
      from (select e.id, ST_Transform(e.geom, 3857) as p from ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1 and e.geom && ST_MakeEnvelope($5::float8, $6::float8, $7::float8, $8::float8, 4326))) e) s
    ),
    counted as (select cx, cy, count(*)::int as n, avg(x) as x, avg(y) as y from cells where cx between $9 and $10 and cy between $11 and $12 group by cx, cy),
    tonnes as (
      select c.cx, c.cy, sum(w.tonnes)::float8 as total_t,
        coalesce(sum(w.tonnes) filter (where w.hazardous), 0)::float8 as hazardous_t
      from cells c join ((select "fw"."enterprise_id", "fw"."ewc_code", "fw"."hazardous", "fw"."route_code", "fw"."offered_as_byproduct", "fw"."basis", "fw"."survey_year", (fw.quantity_t_per_year * fw.noise_factor) as "tonnes" from "waste_streams" as "fw" where 1 = 1)) w on w.enterprise_id = c.id
      group by c.cx, c.cy
    )
    select ST_Transform(ST_SetSRID(ST_MakePoint((n.cx + 0.5) * $13::float8 + $14::float8, (n.cy + 0.5) * $15::float8 + $16::float8), 3857), 4326) as geom,
      n.n as "enterpriseCount",
      case when n.n >= $17 then (case when coalesce(t.total_t, 0) is null or coalesce(t.total_t, 0) = 0 then coalesce(t.total_t, 0)::float8
    when (floor(log(abs(coalesce(t.total_t, 0)::float8))) - 2) >= 0 then floor(coalesce(t.total_t, 0)::float8 / power(10::float8, (floor(log(abs(coalesce(t.total_t, 0)::float8))) - 2)) + 0.5) * power(10::float8, (floor(log(abs(coalesce(t.total_t, 0)::float8))) - 2))
    else floor(coalesce(t.total_t, 0)::float8 * power(10::float8, -(floor(log(abs(coalesce(t.total_t, 0)::float8))) - 2)) + 0.5) / power(10::float8, -(floor(log(abs(coalesce(t.total_t, 0)::float8))) - 2)) end) end as "totalTonnesPerYear",
      case when n.n >= $18 then (case when coalesce(t.hazardous_t, 0) is null or coalesce(t.hazardous_t, 0) = 0 then coalesce(t.hazardous_t, 0)::float8
    when (floor(log(abs(coalesce(t.hazardous_t, 0)::float8))) - 2) >= 0 then floor(coalesce(t.hazardous_t, 0)::float8 / power(10::float8, (floor(log(abs(coalesce(t.hazardous_t, 0)::float8))) - 2)) + 0.5) * power(10::float8, (floor(log(abs(coalesce(t.hazardous_t, 0)::float8))) - 2))
    else floor(coalesce(t.hazardous_t, 0)::float8 * power(10::float8, -(floor(log(abs(coalesce(t.hazardous_t, 0)::float8))) - 2)) + 0.5) / power(10::float8, -(floor(log(abs(coalesce(t.hazardous_t, 0)::float8))) - 2)) end) end as "hazardousTonnesPerYear"
    from counted n left join tonnes t on t.cx = n.cx and t.cy = n.cy
