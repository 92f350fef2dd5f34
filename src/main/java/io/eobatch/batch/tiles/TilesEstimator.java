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
        TileAnalysis.OfJob job = TileAnalysis.of(p, scenes, aois, () -> selectedAois(p));
        TileAnalysis a = job.analysis();
        String areaId = job.areaId();
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
