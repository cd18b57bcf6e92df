-- Reference catalogues (fixtures/ewc, fixtures/nace), loaded by the seed.

-- European List of Waste (Decision 2000/532/EC as amended by 2014/955/EU).
-- Codes are digits only: chapter '10', sub-chapter '1001', entry '100102'.
create table ewc_codes (
  code text primary key check (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$'),
  level text not null check (level in ('chapter', 'subchapter', 'entry')),
  chapter text not null references ewc_codes (code) deferrable initially deferred,
  parent text references ewc_codes (code) deferrable initially deferred,
  hazardous boolean not null default false,
  -- the counterpart of a mirror entry (hazardous <-> non-hazardous), null for absolute entries
  mirror_of text references ewc_codes (code) deferrable initially deferred,
  description text not null check (length(description) > 0),
  check (length(code) = case level when 'chapter' then 2 when 'subchapter' then 4 else 6 end),
  check ((level = 'chapter') = (parent is null)),
  check (chapter = left(code, 2)),
  check (parent is null or parent = left(code, length(code) - 2)),
  check (level = 'entry' or (not hazardous and mirror_of is null))
);
create index ewc_codes_chapter_idx on ewc_codes (chapter);

-- NACE Rev.2 (Regulation (EC) No 1893/2006): sections 'C', divisions '10', groups '10.1', classes '10.11'.
create table nace_codes (
  code text primary key check (code ~ '^([A-U]|[0-9]{2}|[0-9]{2}\.[0-9]|[0-9]{2}\.[0-9]{2})$'),
  level text not null check (level in ('section', 'division', 'group', 'class')),
  parent text references nace_codes (code) deferrable initially deferred,
  section text not null references nace_codes (code) deferrable initially deferred,
  title text not null check (length(title) > 0),
  check ((level = 'section') = (parent is null)),
  check (
    (level = 'section' and code ~ '^[A-U]$') or (level = 'division' and code ~ '^[0-9]{2}$')
    or (level = 'group' and code ~ '^[0-9]{2}\.[0-9]$') or (level = 'class' and code ~ '^[0-9]{2}\.[0-9]{2}$')
  )
);
create index nace_codes_section_idx on nace_codes (section);
