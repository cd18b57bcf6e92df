-- Idempotent survey imports (issue 12): a file may name each stream with its own key, so a
-- re-import finds the stream it created instead of adding it again. Null for streams entered
-- through the API or imported without a key; those are matched by their description.
alter table waste_streams add column stream_ref text check (stream_ref is null or btrim(stream_ref) <> '');

-- the import looks streams up by enterprise, EWC code and survey year
create index waste_streams_identity_idx on waste_streams (enterprise_id, ewc_code, survey_year);
