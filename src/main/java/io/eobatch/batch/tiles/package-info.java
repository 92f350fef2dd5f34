/**
 * The tiled-composite job ({@link io.eobatch.batch.tiles.TiledCompositeJob}): the tile plan and estimate.json, one
 * COG per tile, the mosaic, its estimate and STAC items.
 */
package io.eobatch.batch.tiles;
