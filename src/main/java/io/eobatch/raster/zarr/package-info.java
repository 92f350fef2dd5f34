/**
 * Zarr v2 output of tile composites ({@link io.eobatch.raster.zarr.ZarrTileArray}): one array per area whose chunks are
 * the tiles, with the CRS and the grid as GDAL's Zarr driver and xarray (with rioxarray) read them.
 */
package io.eobatch.raster.zarr;
