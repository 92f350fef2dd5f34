/**
 * Job outputs as files: the results folder of a job instance ({@link io.eobatch.results.ResultsStore}), the
 * aoi-statistics files (CSV, summary, charts), the media type and role of each file, and the static STAC catalog
 * of an execution's results ({@link io.eobatch.results.ResultsStac}).
 * Not here: the REST resources that serve them (rest) or the images themselves (raster.image, chart).
 */
package io.eobatch.results;
