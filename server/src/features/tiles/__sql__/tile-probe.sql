select
      (select revision from data_revision)::float8 as revision, (select count(*) from (
          select 1 from ((select "e"."id", "e"."name", "e"."geom", "e"."nace_code", "e"."size_class", "e"."is_demo", "e"."region_id" from "enterprises" as "e" where 1 = 1 and e.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))) e
          limit $5
        ) bounded) > $6 as dense
