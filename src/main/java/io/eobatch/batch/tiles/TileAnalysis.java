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

    /** An analysis and the id of its area ({@code aoiSet(<names>)} for an AOI set's features). */
    public record OfJob(String areaId, TileAnalysis analysis) {
    }

    /**
     * The analysis the job's parameters ask for, with one catalog search: over the area ({@code aoi} or
     * {@code bbox}) on the UTM grid, or over the envelope of the {@code aoiSet}'s features as tiles
     * ({@code setAois} resolves them). Shared by plan-tiles and the estimate, so that both count the same.
     */
    public static OfJob of(io.eobatch.batch.JobProperties p, io.eobatch.provider.SceneSource scenes,
                           io.eobatch.aoi.AoiRepository aois,
                           java.util.function.Supplier<List<io.eobatch.aoi.Aoi>> setAois) {
        String set = p.get(io.eobatch.batch.CommonParameters.AOI_SET.name());
        if (set != null) {
            List<io.eobatch.aoi.Aoi> features = setAois.get();
            Envelope all = new Envelope();
            features.forEach(f -> all.expandToInclude(f.geometry().getEnvelopeInternal()));
            List<StacItem> found = features.isEmpty() ? List.of() : scenes.search(p.get("catalog"),
                    p.get("collection"), Tile.boxWgs84(all.getMinX(), all.getMinY(), all.getMaxX(), all.getMaxY()),
                    p.date("from"), p.date("to"), p.cloudLimit());
            return new OfJob("aoiSet(" + set + ")", ofAreas(features, p.number("resolution"), p.integer("buffer"),
                    found, p.index()));
        }
        TiledCompositeJob.Area area = TiledCompositeJob.Area.of(p.get("aoi"), p.get("bbox"), aois);
        List<StacItem> found = scenes.search(p.get("catalog"), p.get("collection"), area.geometryWgs84(),
                p.date("from"), p.date("to"), p.cloudLimit());
        return new OfJob(area.id(), of(area, p.get("tileSize"), p.number("resolution"), p.integer("buffer"), found,
                p.index()));
    }

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
            List<String> ids = scenesOver(t, found);
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
            List<String> ids = scenesOver(t, found);
            tileScenes += ids.size();
            used.addAll(ids);
            perTile.add(ids);
        }
        TileEstimate estimate = TileEstimate.of(grid, tiles.size(), tileScenes, used.size(), index.bands().size() + 1);
        return new TileAnalysis(grid, List.copyOf(tiles), List.copyOf(perTile), estimate);
    }

    /** The ids of the scenes of {@code found} whose envelope meets the tile's footprint, sorted. */
    private static List<String> scenesOver(Tile t, List<StacItem> found) {
        Envelope fp = t.footprintWgs84().getEnvelopeInternal();
        return found.stream().filter(s -> s.envelope() != null && s.envelope().intersects(fp)).map(StacItem::id)
                .sorted().toList();
    }
}
