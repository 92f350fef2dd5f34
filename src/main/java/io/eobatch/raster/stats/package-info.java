/**
 * Zonal statistics of spectral indices (NDVI, NDWI, EVI) over AOI polygons on Sentinel-2 L2A scenes, equal to the
 * GDAL/numpy reference ({@code shared/tools/gdal_zonal_ndvi.py}): counts exactly, values to 1e-9.
 *
 * <p>Entry points: {@link io.eobatch.raster.stats.SceneStatistics#compute} (one scene) and
 * {@link io.eobatch.raster.stats.SceneStatistics#computeMosaic} (the scenes of one day, e.g. overlapping MGRS
 * tiles), taking {@link io.eobatch.raster.stats.SceneInput}s (bands as {@link io.eobatch.raster.RasterBand}s),
 * a {@link io.eobatch.raster.stats.SpectralIndex} and a {@link io.eobatch.raster.stats.CloudMask}, and giving
 * {@link io.eobatch.raster.stats.IndexStatistics}; {@link io.eobatch.raster.stats.SceneRender} gives the same pixels as
 * images (index with its validity, true colour) over the AOI's window. The pixel work is in {@code io.eobatch.raster}:
 * {@link io.eobatch.raster.Reprojection}, {@link io.eobatch.raster.PolygonRasterizer},
 * {@link io.eobatch.raster.NearestResampler}.
 *
 * <p>Pixel weighting ({@link io.eobatch.raster.stats.Weighting}): {@code CENTRE} (the default, above) or
 * {@code COVERAGE}, where every pixel weighs the fraction of its area inside the AOI
 * ({@link io.eobatch.raster.PolygonCoverage}, equal to {@code shared/tools/coverage_zonal_ndvi.py}: coverage to 1e-6
 * pixel, values to 1e-9) and the statistics are weighted (exactextract's definitions, see
 * {@link io.eobatch.raster.stats.IndexStatistics}). A job passes it as the last argument:
 * <pre>
 * SceneStatistics.compute(scene, aoi, aoiEpsg, SpectralIndex.NDVI, mask, Weighting.parse(weightingParameter));
 * SceneStatistics.computeMosaic(scenesOfOneDay, aoi, aoiEpsg, SpectralIndex.NDVI, mask, weighting);
 * </pre>
 */
package io.eobatch.raster.stats;
