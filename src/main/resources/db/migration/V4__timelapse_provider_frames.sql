-- aoi-timelapse frames drawn by a remote provider (sentinel-hub, observearth): the provider returns an image, not
-- pixel counts, so the clear fraction and the counts may be null; observearth draws no true colour, so the
-- true-colour image may be missing; the note says what the frame is and what is not known.
alter table timelapse_frame alter column clear_fraction drop not null;
alter table timelapse_frame alter column pixel_count drop not null;
alter table timelapse_frame alter column valid_count drop not null;
alter table timelapse_frame alter column truecolour_png drop not null;
alter table timelapse_frame add column note varchar(2000);
