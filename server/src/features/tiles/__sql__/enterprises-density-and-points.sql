with
      tile_enterprises as materialized ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1 and e.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) limit $5)),
      d as materialized (select count(*)::int as n from tile_enterprises)
      select (select revision from data_revision)::float8 as revision, d.n,
        case when d.n <= $6 then (
          with f as (with sel as (select * from tile_enterprises),
    streams as (select s.* from ((select "fw"."enterprise_id", "fw"."ewc_code", "fw"."hazardous", "fw"."route_code", "fw"."offered_as_byproduct", "fw"."basis", "fw"."survey_year", fw.quantity_t_per_year as "tonnes" from "waste_streams" as "fw" where 1 = 1)) s where s.enterprise_id in (select id from sel)),
    totals as (select enterprise_id,
      count(*)::int as stream_count,
      coalesce(sum(tonnes), 0)::float8 as total_t,
      coalesce(sum(tonnes) filter (where hazardous), 0)::float8 as hazardous_t,
      coalesce(sum(tonnes) filter (where route_code like 'R%'), 0)::float8 as recovered_t,
      coalesce(sum(tonnes) filter (where route_code like 'D%'), 0)::float8 as disposed_t,
      coalesce(sum(tonnes) filter (where route_code is null), 0)::float8 as unrouted_t,
      bool_or(hazardous) as has_hazardous,
      bool_or(offered_as_byproduct) as offers_byproduct
    from "streams" group by enterprise_id),
    chapters as (
      select distinct on (enterprise_id) enterprise_id, left(ewc_code, 2) as chapter
      from streams group by enterprise_id, left(ewc_code, 2)
      order by enterprise_id, sum(tonnes) desc, left(ewc_code, 2)
    )
    select sel.geom, sel.id, sel.name, sel.nace_code as "naceCode", n.section as "naceSection",
      sel.size_class as "sizeClass",
      coalesce(t.total_t, 0) as "totalTonnesPerYear",
      coalesce(t.hazardous_t, 0) as "hazardousTonnesPerYear",
      coalesce(t.recovered_t, 0) as "recoveredTonnesPerYear",
      coalesce(t.stream_count, 0) as "streamCount",
      c.chapter as "dominantEwcChapter",
      case
        when coalesce(t.total_t, 0) = 0 then 'unknown'
        when t.recovered_t >= t.disposed_t and t.recovered_t >= t.unrouted_t then 'recovery'
        when t.disposed_t >= t.unrouted_t then 'disposal'
        else 'unknown'
      end as "dominantRoute",
      coalesce(t.has_hazardous, false) as "hasHazardous",
      coalesce(t.offers_byproduct, false) as "offersByproduct",
      sel.is_demo as "isDemo"
    from sel
    join nace_codes n on n.code = sel.nace_code
    left join totals t on t.enterprise_id = sel.id
    left join chapters c on c.enterprise_id = sel.id)
          select ST_AsMVT(m, $7, $8, 'mvt_geom', 'id')
    from (
      select f.id, f."id", f."name", f."naceCode", f."naceSection", f."sizeClass", f."totalTonnesPerYear", f."hazardousTonnesPerYear", f."recoveredTonnesPerYear", f."streamCount", f."dominantEwcChapter", f."dominantRoute", f."hasHazardous", f."offersByproduct", f."isDemo",
        ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope($9, $10, $11), $12, $13, true) as mvt_geom
      from "f" f
    ) m
    where m.mvt_geom is not null
        ) end as tile
      from d
