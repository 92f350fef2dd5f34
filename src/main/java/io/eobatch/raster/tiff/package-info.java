/**
 * GeoTIFF and Cloud-Optimized GeoTIFF by hand: parsing headers (cached), reading bands by windows that fetch only
 * the tiles they touch ({@link io.eobatch.raster.tiff.GeoTiffBand}), the codecs, and writing COGs as GDAL lays them
 * out ({@link io.eobatch.raster.tiff.CogWriter}). Not here: where the bytes come from (raster.io) and what the
 * pixels mean (stats, composite).
 */
package io.eobatch.raster.tiff;
