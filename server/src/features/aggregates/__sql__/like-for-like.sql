with area as (select sel.id, sel.nace_code, m.region_id as area_id from ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1)) sel
    join region_members m on m.enterprise_id = sel.id and m.region_id = $1),
    per_enterprise as (
      select a.area_id, w.enterprise_id,
        sum(w.tonnes) filter (where w.survey_year = $2) as from_t,
        sum(w.tonnes) filter (where w.survey_year = $3) as to_t
      from ((select "fw"."enterprise_id", "fw"."ewc_code", "fw"."hazardous", "fw"."route_code", "fw"."offered_as_byproduct", "fw"."basis", "fw"."survey_year", fw.quantity_t_per_year as "tonnes" from "waste_streams" as "fw" where 1 = 1)) w join area a on a.id = w.enterprise_id
      where w.survey_year in ($4, $5)
      group by a.area_id, w.enterprise_id
    )
    select area_id, count(*)::int as both_count,
      coalesce(sum(from_t), 0)::float8 as from_t, coalesce(sum(to_t), 0)::float8 as to_t
    from per_enterprise where from_t is not null and to_t is not null group by area_id
