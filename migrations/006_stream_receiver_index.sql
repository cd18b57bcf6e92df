-- Deleting an enterprise sets waste_streams.receiver_enterprise_id to null wherever it points
-- there (on delete set null); without an index every such delete scans all streams, which made
-- removing 100,000 synthetic enterprises take minutes (found by scripts/synth/reset.ts).
create index waste_streams_receiver_idx on waste_streams (receiver_enterprise_id)
  where receiver_enterprise_id is not null;
