with sel as ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1)),
    streams as (select s.* from ((select "fw"."enterprise_id", "fw"."ewc_code", "fw"."hazardous", "fw"."route_code", "fw"."offered_as_byproduct", "fw"."basis", "fw"."survey_year", (fw.quantity_t_per_year * fw.noise_factor) as "tonnes" from "waste_streams" as "fw" where 1 = 1)) s where s.enterprise_id in (select id from sel)),
    totals as (select enterprise_id,
      count(*)::int as stream_count,
      coalesce(sum(tonnes), 0)::float8 as total_t,
      coalesce(sum(tonnes) filter (where hazardous), 0)::float8 as hazardous_t,
      coalesce(sum(tonnes) filter (where route_code like 'R%'), 0)::float8 as recovered_t,
      coalesce(sum(tonnes) filter (where route_code like 'D%'), 0)::float8 as disposed_t,
      coalesce(sum(tonnes) filter (where route_code is null), 0)::float8 as unrouted_t,
      bool_or(hazardous) as has_hazardous,
      bool_or(offered_as_byproduct) as offers_byproduct
    from "streams" group by enterprise_id)
    select m.region_id, count(*)::int as enterprise_count, count(t.enterprise_id)::int as reporting_count,
      coalesce(sum(t.total_t), 0)::float8 as total_t,
      coalesce(sum(t.hazardous_t), 0)::float8 as hazardous_t,
      coalesce(sum(t.recovered_t), 0)::float8 as recovered_t
    from sel join region_members m on m.enterprise_id = sel.id
    left join totals t on t.enterprise_id = sel.id
    group by m.region_id
