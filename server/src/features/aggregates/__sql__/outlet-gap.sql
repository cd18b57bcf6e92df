with area as (select sel.id, sel.nace_code, m.region_id as area_id from ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1)) sel
    join region_members m on m.enterprise_id = sel.id and m.region_id = $1),
    generated as (
      select left(w.ewc_code, 2) as chapter, count(distinct w.enterprise_id)::int as enterprise_count,
        sum(w.tonnes)::float8 as tonnes,
        coalesce(sum(w.tonnes) filter (where w.hazardous), 0)::float8 as hazardous_t,
        coalesce(sum(w.tonnes) filter (where w.basis = 'measured'), 0)::float8 as measured_t,
        coalesce(sum(w.tonnes) filter (where w.basis = 'estimated'), 0)::float8 as estimated_t,
        coalesce(sum(w.tonnes) filter (where w.basis = 'calculated'), 0)::float8 as calculated_t
      from ((select "fw"."enterprise_id", "fw"."ewc_code", "fw"."hazardous", "fw"."route_code", "fw"."offered_as_byproduct", "fw"."basis", "fw"."survey_year", fw.quantity_t_per_year as "tonnes" from "waste_streams" as "fw" where 1 = 1)) w join area a on a.id = w.enterprise_id
      where true and w.survey_year >= $2 and w.survey_year <= $3
      group by left(w.ewc_code, 2)
    ),
    outlets as (
      select p.id, p.enterprise_id, p.accepted_ewc, p.capacity_t_per_year
      from permits p
      join enterprises e on e.id = p.enterprise_id
      join regions r on r.id = $4
      where (p.valid_to is null or p.valid_to >= current_date)
        and (p.valid_from is null or p.valid_from <= current_date)
        and ST_DWithin(("r"."geom")::geography, ("e"."geom")::geography, $5::float8)
    )
    select g.*, count(o.id)::int as outlet_count,
      coalesce(sum(o.capacity_t_per_year), 0)::float8 as capacity_t,
      count(o.id) filter (where o.capacity_t_per_year is null)::int as without_capacity,
      count(distinct o.enterprise_id) filter (where o.capacity_t_per_year is not null)::int as capacity_holders
    from generated g
    left join outlets o on cardinality(o.accepted_ewc) = 0 or exists (
      select 1 from unnest(o.accepted_ewc) as a where g.chapter like a || '%' or a like g.chapter || '%')
    group by g.chapter, g.enterprise_count, g.tonnes, g.hazardous_t, g.measured_t, g.estimated_t, g.calculated_t
    order by g.tonnes desc, g.chapter
