-- Coverage-weighted statistics (aoi-statistics weighting=coverage): the sum of the pixels' weights and of the valid
-- pixels' weights, in pixels; null under the centre rule.
alter table statistics_row add column coverage double precision;
alter table statistics_row add column valid_coverage double precision;
