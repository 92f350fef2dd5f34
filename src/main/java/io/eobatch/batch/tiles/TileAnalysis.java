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
 * @param grid     the tiling grid in the area's UTM zone; null when the tiles are an AOI set's features
 * @param tiles    the tiles that intersect the area, row-major from the north-west
 * @param scenes   per tile (same order), the ids of the scenes whose footprint meets it, sorted
 * @param estimate what the run would read
 */
public record TileAnalysis(TilingGrid grid, List<Tile> tiles, List<List<String>> scenes, TileEstimate estimate) {

    /**
     * Analyses the features of an AOI set as the tiles themselves ({@link AreaTiles}): no grid (null), one tile per
     * AOI in AOI id order, the scenes over each, and the estimate with {@link TileEstimate}'s arithmetic per tile
     * (each its own size; {@code tilePixels} is then the largest tile's).
     */
    public static TileAnalysis ofAreas(List<io.eobatch.aoi.Aoi> aois, double resolution, int buffer,
                                       List<StacItem> found, SpectralIndex index) {
        List<Tile> tiles = new ArrayList<>();
        List<List<String>> perTile = new ArrayList<>();
        TreeSet<String> used = new TreeSet<>();
        long tileScenes = 0;
        long largest = 0;
        double bytes = 0;
        int bands = index.bands().size() + 1;
        double readRes = Math.min(resolution, TileEstimate.SOURCE_RESOLUTION);
        for (io.eobatch.aoi.Aoi a : aois) {
            Tile t = AreaTiles.of(a, resolution, buffer);
            Envelope fp = t.footprintWgs84().getEnvelopeInternal();
            List<String> ids = found.stream().filter(s -> s.envelope() != null && s.envelope().intersects(fp))
                    .map(StacItem::id).sorted().toList();
            tiles.add(t);
            perTile.add(ids);
            used.addAll(ids);
            tileScenes += ids.size();
            long w = t.grid().width();
            long h = t.grid().height();
            largest = Math.max(largest, w * h);
            bytes += ids.size() * (double) bands * (w * resolution / readRes) * (h * resolution / readRes) * 2
                    * TileEstimate.COMPRESSION_GUESS;
        }
        TileEstimate estimate = new TileEstimate(tiles.size(), tileScenes, used.size(), largest, Math.round(bytes));
        return new TileAnalysis(null, List.copyOf(tiles), List.copyOf(perTile), estimate);
    }

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
