package io.eobatch.batch.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.locationtech.jts.geom.Envelope;

import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TileEstimate;
import io.eobatch.raster.composite.TilingGrid;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.StacItem;

/**
 * The analysis of a tiled composite: the grid over the area, the tiles that meet it, the scenes over each tile and
 * the {@link TileEstimate}. Shared by the analyse step (which plans the ledger from it) and the estimate endpoint
 * (which only reports it), so that both count the same.
 *
 * @param grid     the tiling grid in the area's UTM zone
 * @param tiles    the tiles that intersect the area, row-major from the north-west
 * @param scenes   per tile (same order), the ids of the scenes whose footprint meets it, sorted
 * @param estimate what the run would read
 */
public record TileAnalysis(TilingGrid grid, List<Tile> tiles, List<List<String>> scenes, TileEstimate estimate) {

    /** Analyses {@code area} with the job's grid parameters and the scenes the catalog found over it. */
    public static TileAnalysis of(TiledCompositeJob.Area area, String tileSizeKm, double resolution, int buffer,
                                  List<StacItem> found, SpectralIndex index) {
        TilingGrid grid = TilingGrid.forArea(area.geometryWgs84(), TiledCompositeJob.tileMetres(tileSizeKm), resolution,
                buffer);
        List<Tile> tiles = grid.tilesIntersecting(area.geometryWgs84());
        List<List<String>> perTile = new ArrayList<>();
        long tileScenes = 0;
        TreeSet<String> used = new TreeSet<>();
        for (Tile t : tiles) {
            Envelope fp = t.footprintWgs84().getEnvelopeInternal();
            List<String> ids = found.stream().filter(s -> s.envelope() != null && s.envelope().intersects(fp))
                    .map(StacItem::id).sorted().toList();
            tileScenes += ids.size();
            used.addAll(ids);
            perTile.add(ids);
        }
        TileEstimate estimate = TileEstimate.of(grid, tiles.size(), tileScenes, used.size(), index.bands().size() + 1);
        return new TileAnalysis(grid, List.copyOf(tiles), List.copyOf(perTile), estimate);
    }
}
