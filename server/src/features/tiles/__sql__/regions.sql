select r.geom, r.id, r.name, r.level, r.code, r.parent_id as "parentId", r.is_demo as "isDemo",
      case when coalesce(t.reporting_count, 0) >= $1 then coalesce(t.enterprise_count, 0) end as "enterpriseCount",
      case when coalesce(t.reporting_count, 0) >= $2 then coalesce(t.total_t, 0) end as "totalTonnesPerYear",
      case when coalesce(t.reporting_count, 0) >= $3 then coalesce(t.hazardous_t, 0) end as "hazardousTonnesPerYear",
      case when coalesce(t.reporting_count, 0) >= $4 then coalesce(t.recovered_t, 0) end as "recoveredTonnesPerYear",
      case when coalesce(t.reporting_count, 0) >= $5 then t.recovery_rate end as "recoveryRate"
    from regions r
    left join jsonb_to_recordset($6::jsonb)
      as t(region_id int, enterprise_count int, reporting_count int, total_t float8, hazardous_t float8,
        recovered_t float8, recovery_rate float8)
      on t.region_id = r.id
    where r.geom && ST_MakeEnvelope($7::float8, $8::float8, $9::float8, $10::float8, 4326)
