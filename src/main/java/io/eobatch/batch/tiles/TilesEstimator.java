package io.eobatch.batch.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.Estimate;
import io.eobatch.batch.ExpectedDuration;
import io.eobatch.batch.JobEstimator;
import io.eobatch.batch.JobProperties;
import io.eobatch.provider.SceneSource;
import io.eobatch.raster.composite.TileEstimate;
import io.eobatch.stac.StacItem;

/**
 * What a tiled-composite run would do, before it runs: the analysis its plan-tiles step makes ({@link TileAnalysis}: one
 * catalog search, the grid, the tiles and the scenes over each, the bytes to read), with the range requests (a
 * header and a window read per band and tile-scene) and the expected duration under the stac limits. No COG read.
 */
@ApplicationScoped
public class TilesEstimator extends JobEstimator {

    @Inject
    SceneSource scenes;

    @Override
    public Estimate estimate(JobProperties p) {
        String set = p.get(io.eobatch.batch.CommonParameters.AOI_SET.name());
        TileAnalysis a;
        String areaId;
        if (set != null) { // the set's features are the tiles (AreaTiles): as plan-tiles finds them
            List<io.eobatch.aoi.Aoi> features = selectedAois(p);
            org.locationtech.jts.geom.Envelope all = new org.locationtech.jts.geom.Envelope();
            features.forEach(f -> all.expandToInclude(f.geometry().getEnvelopeInternal()));
            List<StacItem> found = features.isEmpty() ? List.of() : scenes.search(p.get("catalog"),
                    p.get("collection"), io.eobatch.raster.composite.Tile.boxWgs84(all.getMinX(), all.getMinY(),
                            all.getMaxX(), all.getMaxY()), p.date("from"), p.date("to"), p.cloudLimit());
            a = TileAnalysis.ofAreas(features, p.number("resolution"), p.integer("buffer"), found, p.index());
            areaId = "aoiSet(" + set + ")";
        } else {
            TiledCompositeJob.Area area = TiledCompositeJob.Area.of(p.get("aoi"), p.get("bbox"), aois);
            List<StacItem> found = scenes.search(p.get("catalog"), p.get("collection"), area.geometryWgs84(),
                    p.date("from"), p.date("to"), p.cloudLimit());
            a = TileAnalysis.of(area, p.get("tileSize"), p.number("resolution"), p.integer("buffer"), found,
                    p.index());
            areaId = area.id();
        }
        TileEstimate e = a.estimate();
        int bands = p.index().bands().size() + 1;
        long requests = e.tileScenes() * bands * 2;
        ExpectedDuration d = ExpectedDuration.of(scenes.name(), scenes.capabilities().defaultLatencyMs(), requests,
                0);
        Estimate.Total total = new Estimate.Total(null, (long) e.tiles(), null, (long) e.tiles(), e.tileScenes(),
                (long) e.scenes(), 1L, null, requests, e.bytesToRead(), 0.0, null, (double) e.tileScenes(), "scenes",
                d.seconds(), d.limitedBy(), null, null);
        Map<String, Object> assumptions = new LinkedHashMap<>(d.assumptions());
        assumptions.put("compression", TileEstimate.COMPRESSION_GUESS);
        return new Estimate(TiledCompositeJob.ID, scenes.name(), areaId, a.grid() == null ? null
                : new Estimate.Grid(a.grid().epsg(), a.grid().tileSize(), a.grid().resolution(), a.grid().buffer(),
                a.grid().tilePixels()), total, null, assumptions);
    }
}
