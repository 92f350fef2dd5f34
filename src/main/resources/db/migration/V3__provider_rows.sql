-- Rows of providers that give no pixel counts (observearth): counts and clear fraction may be null.
alter table statistics_row alter column pixel_count drop not null;
alter table statistics_row alter column valid_count drop not null;
alter table statistics_row alter column nodata_count drop not null;
alter table statistics_row alter column clear_fraction drop not null;
