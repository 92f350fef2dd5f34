package io.eobatch.batch.tiles;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;

import io.eobatch.batch.JobProperties;
import io.eobatch.batch.PlanItemsBatchlet;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.SceneSource;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TileEstimate;
import io.eobatch.raster.composite.TilingGrid;
import io.eobatch.results.ResultsStore;
import io.eobatch.stac.StacItem;
import io.eobatch.results.JsonValues;

/**
 * Step plan-tiles of tiled-composite: the tiles of the UTM grid that intersect the area (or, with {@code aoiSet},
 * the set's features as tiles, {@link AreaTiles}: then {@code aoi_id} = {@code scene_id} = the AOI id, and
 * estimate.json has {@code features} (resolution, buffer) instead of {@code grid} and each tile's EPSG code and size), each a ledger item
 * ({@code aoi_id} = the area id, {@code scene_id} = the tile id, {@code scene_ids} = the scenes over the tile in
 * the period), and the estimate ({@link TileEstimate}) written as {@code estimate.json} in the results folder, with
 * the grid and the tiles (the mosaic step reads them back), logged and returned as the step's exit status.
 *
 * <p>The catalog is searched once over the area; a scene belongs to a tile when its footprint's lon/lat envelope
 * meets the tile's (buffered) footprint envelope; a tile with no scene is planned NO_DATA. Tile {@code n} (row-major
 * from the north-west) goes to partition {@code n mod partitions}. Restarts and retry-failed:
 * {@link PlanItemsBatchlet}.
 */
@Named
@Dependent
public class PlanTiles extends PlanItemsBatchlet {

    @Inject
    SceneSource scenes;

    @Inject
    ResultsStore results;

    @Override
    protected Plan plan(JobProperties p, long instance, int partitions) throws IOException {
        TileAnalysis.OfJob of = TileAnalysis.of(p, scenes, aois, () -> selectedAois(p));
        TileAnalysis analysis = of.analysis();
        TilingGrid grid = analysis.grid(); // null: the tiles are an AOI set's features
        Instant start = p.date("from").atStartOfDay().toInstant(ZoneOffset.UTC);
        List<WorkItem> plan = new ArrayList<>();
        JsonArrayBuilder tileJson = JsonValues.JSON.createArrayBuilder();
        for (int i = 0; i < analysis.tiles().size(); i++) {
            Tile t = analysis.tiles().get(i);
            List<String> ids = analysis.scenes().get(i);
            WorkItem w = WorkItem.planned(instance, job.getJobName(), grid == null ? AreaTiles.key(t)
                    : TileKey.of(t, grid), plan.size(), partitions, grid == null ? t.id() : of.areaId(), t.id(), ids,
                    start);
            plan.add(ids.isEmpty() ? w.noData("no scene in catalog " + p.get("catalog") + " over "
                    + (grid == null ? "AOI " + t.id() : "the tile") + " from " + p.get("from") + " to "
                    + p.get("to")) : w);
            var entry = JsonValues.JSON.createObjectBuilder().add("id", t.id());
            if (grid == null) {
                entry.add("epsg", t.grid().epsg()).add("width", t.grid().width()).add("height", t.grid().height());
            } else {
                entry.add("column", t.column()).add("row", t.row());
            }
            tileJson.add(entry.add("scenes", ids.size()));
        }
        TileEstimate estimate = analysis.estimate();
        var json = JsonValues.JSON.createObjectBuilder().add("area", of.areaId());
        if (grid == null) {
            json.add("features", JsonValues.JSON.createObjectBuilder().add("resolution", p.number("resolution"))
                    .add("buffer", p.integer("buffer")));
        } else {
            json.add("grid", JsonValues.JSON.createObjectBuilder().add("epsg", grid.epsg()).add("tileSize", grid.tileSize())
                    .add("resolution", grid.resolution()).add("buffer", grid.buffer())
                    .add("tilePixels", grid.tilePixels()));
        }
        JsonObject written = json.add("estimate", estimate.toJson()).add("tiles", tileJson).build();
        results.write(instance, TiledCompositeJob.ESTIMATE, out -> out.write(pretty(written)));
        if (TiledCompositeJob.zarr(p.get("format")) && !analysis.tiles().isEmpty()) {
            // the Zarr store's metadata once; the tiles then write only their chunks
            io.eobatch.raster.zarr.ZarrTileArray.of(analysis.tiles(), p.index().name().toLowerCase(java.util.Locale.ROOT))
                    .writeMetadata(results.dir(instance), TiledCompositeJob.zarrTitle(p, of.areaId(), instance));
        }
        return new Plan(plan, "ANALYSED: " + estimate);
    }

    private static byte[] pretty(JsonObject json) {
        StringWriter w = new StringWriter();
        try (var g = JsonValues.JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(w)) {
            g.write(json);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }
}
