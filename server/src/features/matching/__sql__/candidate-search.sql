with  src as materialized (
      select w.id as stream_id, w.enterprise_id, w.ewc_code, w.hazardous, c.category_id, e.geom
      from waste_streams w join enterprises e on e.id = w.enterprise_id
      join ewc_material_categories c on c.ewc_code = w.ewc_code
      where w.id = $1
    ),
    src_keys as (
      select s.stream_id, k.key from src s
      cross join lateral unnest(array[s.ewc_code, left(s.ewc_code, 4), left(s.ewc_code, 2), 'cat:' || s.category_id]) k(key)
    ),
    -- materialized: pairs first (few), distances after; else the planner, misjudging ST_DWithin,
    -- reads every enterprise within the radius
    need_pairs as materialized (
      select distinct sk.stream_id, n.id as need_id from resource_needs n
      cross join lateral unnest(n.ewc_codes || case when n.material_category is null then '{}'::text[]
        else array['cat:' || n.material_category] end) nk(key)
      join src_keys sk on sk.key = nk.key
      where true and true
    ),
    permit_pairs as materialized (
      select distinct sk.stream_id, p.id as permit_id from permits p
      cross join lateral unnest(p.accepted_ewc) pk(key)
      join src_keys sk on sk.key = pk.key
      where p.operation like 'R%' and ("p"."valid_from" is null or "p"."valid_from" <= current_date)
    and ("p"."valid_to" is null or "p"."valid_to" >= current_date) and true and true
    ),
    sector_sites as materialized (
      select r.id, r.geom, u.category_id, u.operation, u.use from enterprises r
      join material_category_users u on u.nace_code = r.nace_code
      where u.category_id in (select category_id from src) and true and true
    ),
    -- each pair with both places, materialized too, so the distance is the last filter
    need_cands as materialized (
      select s.stream_id, s.enterprise_id as supplier_id, s.ewc_code, s.hazardous, s.geom as supplier_geom,
        n.id, n.ewc_codes, n.description, n.quantity_t_per_year, n.max_distance_km, r.id as receiver_id,
        r.geom as receiver_geom
      from need_pairs np join src s on s.stream_id = np.stream_id
      join resource_needs n on n.id = np.need_id
      join enterprises r on r.id = n.enterprise_id
      where r.id <> s.enterprise_id
    ),
    permit_cands as materialized (
      select s.stream_id, s.ewc_code, s.hazardous, s.geom as supplier_geom, p.id, p.accepted_ewc, p.permit_number,
        p.operation, p.capacity_t_per_year, p.hazardous_allowed, r.id as receiver_id, r.geom as receiver_geom
      from permit_pairs pp join src s on s.stream_id = pp.stream_id
      join permits p on p.id = pp.permit_id
      join enterprises r on r.id = p.enterprise_id
      where r.id <> s.enterprise_id
    ),
    cand as materialized (
      select c.stream_id, 'need' as source,
        case when c.ewc_code = any(c.ewc_codes) then 'need_exact'
          when left(c.ewc_code, 4) = any(c.ewc_codes) then 'need_subchapter'
          when left(c.ewc_code, 2) = any(c.ewc_codes) then 'need_chapter' else 'need_category' end as fit,
        c.id as need_id, c.description as need_description, null::int as permit_id, null::text as permit_number,
        null::text as operation, c.quantity_t_per_year::float8 as receiver_quantity,
        c.max_distance_km::float8 as max_distance_km, null::text as sector_use, c.receiver_id
      from need_cands c
      where ST_DWithin((c.receiver_geom)::geography, (c.supplier_geom)::geography, $2::float8) and (not "c"."hazardous" or exists (
  select 1 from permits hp where hp.enterprise_id = "c"."receiver_id" and hp.hazardous_allowed and ("hp"."valid_from" is null or "hp"."valid_from" <= current_date)
    and ("hp"."valid_to" is null or "hp"."valid_to" >= current_date)
    and hp.accepted_ewc && array["c"."ewc_code", left("c"."ewc_code", 4), left("c"."ewc_code", 2)]))
      union all
      select c.stream_id, 'permit',
        case when c.ewc_code = any(c.accepted_ewc) then 'permit_exact'
          when left(c.ewc_code, 4) = any(c.accepted_ewc) then 'permit_subchapter' else 'permit_chapter' end,
        null, null, c.id, c.permit_number, c.operation,
        (c.capacity_t_per_year - coalesce(used.t, 0))::float8, null, null, c.receiver_id
      from permit_cands c
      -- capacity already promised: tonnes of other streams' matches in negotiation or realised
      left join lateral (select sum(m.quantity_t_per_year) as t from matches m
        where m.permit_id = c.id and m.status in ('negotiating', 'realised') and m.waste_stream_id <> c.stream_id) used on true
      where ST_DWithin((c.receiver_geom)::geography, (c.supplier_geom)::geography, $3::float8) and (not c.hazardous or c.hazardous_allowed)
        and (c.capacity_t_per_year is null or c.capacity_t_per_year - coalesce(used.t, 0) > 0)
      union all
      select s.stream_id, 'sector', 'sector', null, null, null, null, r.operation, null, null, r.use, r.id
      from src s
      cross join lateral (
        select r.id, r.operation, r.use from sector_sites r
        where r.category_id = s.category_id and r.id <> s.enterprise_id and ST_DWithin(r.geom, s.geom, $4::float8 / (111.32 * greatest(cos(radians(abs(ST_Y(s.geom)))), 0.01)))
          and (not "s"."hazardous" or exists (
  select 1 from permits hp where hp.enterprise_id = "r"."id" and hp.hazardous_allowed and ("hp"."valid_from" is null or "hp"."valid_from" <= current_date)
    and ("hp"."valid_to" is null or "hp"."valid_to" >= current_date)
    and hp.accepted_ewc && array["s"."ewc_code", left("s"."ewc_code", 4), left("s"."ewc_code", 2)]))
        order by r.geom <-> s.geom
        limit $5
      ) r
    )
    select c.stream_id as "streamId", c.source, c.fit, c.need_id as "resourceNeedId",
      c.need_description as "needDescription", c.permit_id as "permitId", c.permit_number as "permitNumber",
      c.operation, c.receiver_quantity as "receiverQuantityT", c.max_distance_km as "maxDistanceKm",
      c.sector_use as "sectorUse", r.id as "receiverId", r.name as "receiverName",
      r.nace_code as "receiverNaceCode", nc.title as "receiverNaceTitle",
      ST_X(r.geom) as "receiverLon", ST_Y(r.geom) as "receiverLat"
    from cand c join enterprises r on r.id = c.receiver_id join nace_codes nc on nc.code = r.nace_code
