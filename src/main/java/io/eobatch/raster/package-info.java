/**
 * Pixel geometry shared by the raster packages: grids and windows ({@link io.eobatch.raster.GridGeometry},
 * {@link io.eobatch.raster.PixelWindow}, {@link io.eobatch.raster.PixelMask}), bands, CRSs and reprojection
 * ({@link io.eobatch.raster.Crs}, {@link io.eobatch.raster.Reprojection}, {@link io.eobatch.raster.Footprints}),
 * GDAL-exact rasterizing and nearest resampling. Not here: file formats (tiff, io), index maths (stats), images
 * (image) and composites (composite).
 */
package io.eobatch.raster;
