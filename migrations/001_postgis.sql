-- PostGIS on both backends: the pglite-postgis extension bundle, or postgresql-15-postgis-3.
create extension if not exists postgis;
