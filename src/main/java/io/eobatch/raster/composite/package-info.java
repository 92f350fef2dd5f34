/**
 * Tiled temporal composites: the UTM {@link io.eobatch.raster.composite.TilingGrid} and its
 * {@link io.eobatch.raster.composite.Tile}s, the per-pixel {@link io.eobatch.raster.composite.CompositeMethod} over
 * a period ({@link io.eobatch.raster.composite.TileComposite}), what a run will read before it starts
 * ({@link io.eobatch.raster.composite.TileEstimate}) and the overview mosaic of the tiles' COGs.
 * Not here: the batch job that runs them (batch.tiles) and the COG writer (tiff).
 */
package io.eobatch.raster.composite;
