with area as (select sel.id, sel.nace_code, 0 as area_id from ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1)) sel
      cross join (select ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) as geom) drawn
      where ("drawn"."geom" && "sel"."geom" and ST_Covers("drawn"."geom", "sel"."geom"))),
    streams as (
      select a.area_id, w.enterprise_id, w.ewc_code, left(w.ewc_code, 2) as chapter, n.section,
        w.survey_year, w.hazardous, w.tonnes, w.basis,
        case when w.route_code like 'R%' then 'recovery' when w.route_code like 'D%' then 'disposal'
             else 'unknown' end as route_family
      from ((select "fw"."enterprise_id", "fw"."ewc_code", "fw"."hazardous", "fw"."route_code", "fw"."offered_as_byproduct", "fw"."basis", "fw"."survey_year", fw.quantity_t_per_year as "tonnes" from "waste_streams" as "fw" where 1 = 1)) w
      join area a on a.id = w.enterprise_id
      join nace_codes n on n.code = a.nace_code
      where true
    )
    select area_id,
      case when grouping(chapter) = 0 then 'chapter' when grouping(section) = 0 then 'section'
           when grouping(route_family) = 0 then 'route' when grouping(survey_year) = 0 then 'year'
           when grouping(ewc_code) = 0 then 'code' else 'total' end as dimension,
      coalesce(chapter, section, route_family, survey_year::text, ewc_code) as key,
      count(distinct enterprise_id)::int as enterprise_count,
      coalesce(sum(tonnes), 0)::float8 as tonnes,
      coalesce(sum(tonnes) filter (where hazardous), 0)::float8 as hazardous_t,
      coalesce(sum(tonnes) filter (where route_family = 'recovery'), 0)::float8 as recovered_t,
      coalesce(sum(tonnes) filter (where basis = 'measured'), 0)::float8 as measured_t,
      coalesce(sum(tonnes) filter (where basis = 'estimated'), 0)::float8 as estimated_t,
      coalesce(sum(tonnes) filter (where basis = 'calculated'), 0)::float8 as calculated_t
    from streams
    group by grouping sets ((area_id), (area_id, chapter), (area_id, section), (area_id, route_family),
      (area_id, survey_year), (area_id, ewc_code))
    union all
    select area_id, 'registered', null, count(*)::int, 0, 0, 0, 0, 0, 0 from area group by area_id
