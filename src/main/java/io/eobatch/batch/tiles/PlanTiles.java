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
import jakarta.json.Json;
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

/**
 * Step plan-tiles of tiled-composite: the tiles of the UTM grid that intersect the area (or, with {@code aoiSet},
 * the set's features as tiles: {@link #planFeatures}), each a ledger item
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
        if (p.get(io.eobatch.batch.CommonParameters.AOI_SET.name()) != null) {
            return planFeatures(p, instance, partitions);
        }
        TiledCompositeJob.Area area = TiledCompositeJob.Area.of(p.get("aoi"), p.get("bbox"), aois);
        List<StacItem> found = scenes.search(p.get("catalog"), p.get("collection"), area.geometryWgs84(),
                p.date("from"), p.date("to"), p.cloudLimit());
        TileAnalysis analysis = TileAnalysis.of(area, p.get("tileSize"), p.number("resolution"),
                p.integer("buffer"), found, p.index());
        TilingGrid grid = analysis.grid();
        Instant start = p.date("from").atStartOfDay().toInstant(ZoneOffset.UTC);
        List<WorkItem> plan = new ArrayList<>();
        JsonArrayBuilder tileJson = Json.createArrayBuilder();
        for (int i = 0; i < analysis.tiles().size(); i++) {
            Tile t = analysis.tiles().get(i);
            List<String> ids = analysis.scenes().get(i);
            WorkItem w = WorkItem.planned(instance, job.getJobName(), TileKey.of(t, grid), plan.size(), partitions,
                    area.id(), t.id(), ids, start);
            plan.add(ids.isEmpty() ? w.noData("no scene in catalog " + p.get("catalog") + " over the tile from "
                    + p.get("from") + " to " + p.get("to")) : w);
            tileJson.add(Json.createObjectBuilder().add("id", t.id()).add("column", t.column()).add("row", t.row())
                    .add("scenes", ids.size()));
        }
        TileEstimate estimate = analysis.estimate();
        JsonObject json = Json.createObjectBuilder()
                .add("area", area.id())
                .add("grid", Json.createObjectBuilder().add("epsg", grid.epsg()).add("tileSize", grid.tileSize())
                        .add("resolution", grid.resolution()).add("buffer", grid.buffer())
                        .add("tilePixels", grid.tilePixels()))
                .add("estimate", estimate.toJson())
                .add("tiles", tileJson).build();
        results.write(instance, TiledCompositeJob.ESTIMATE, out -> out.write(pretty(json)));
        if (TiledCompositeJob.zarr(p.get("format")) && !analysis.tiles().isEmpty()) {
            // the Zarr store's metadata once; the tiles then write only their chunks
            io.eobatch.raster.zarr.ZarrTileArray.of(analysis.tiles(), p.index().name().toLowerCase(java.util.Locale.ROOT))
                    .writeMetadata(results.dir(instance), TiledCompositeJob.zarrTitle(p, area.id(), instance));
        }
        return new Plan(plan, "ANALYSED: " + estimate);
    }

    /**
     * The plan over an AOI set's features as tiles ({@link AreaTiles}): one catalog search over the envelope of every
     * feature, one ledger item per AOI ({@code aoi_id} = {@code scene_id} = the AOI id), estimate.json with the
     * resolution, the buffer and per tile its EPSG code, size and scenes.
     */
    private Plan planFeatures(JobProperties p, long instance, int partitions) throws IOException {
        List<io.eobatch.aoi.Aoi> features = selectedAois(p);
        org.locationtech.jts.geom.Envelope all = new org.locationtech.jts.geom.Envelope();
        features.forEach(a -> all.expandToInclude(a.geometry().getEnvelopeInternal()));
        List<StacItem> found = features.isEmpty() ? List.of() : scenes.search(p.get("catalog"), p.get("collection"),
                Tile.boxWgs84(all.getMinX(), all.getMinY(), all.getMaxX(), all.getMaxY()), p.date("from"),
                p.date("to"), p.cloudLimit());
        TileAnalysis analysis = TileAnalysis.ofAreas(features, p.number("resolution"), p.integer("buffer"), found,
                p.index());
        Instant start = p.date("from").atStartOfDay().toInstant(ZoneOffset.UTC);
        List<WorkItem> plan = new ArrayList<>();
        JsonArrayBuilder tileJson = Json.createArrayBuilder();
        for (int i = 0; i < analysis.tiles().size(); i++) {
            Tile t = analysis.tiles().get(i);
            List<String> ids = analysis.scenes().get(i);
            WorkItem w = WorkItem.planned(instance, job.getJobName(), AreaTiles.key(t), plan.size(), partitions,
                    t.id(), t.id(), ids, start);
            plan.add(ids.isEmpty() ? w.noData("no scene in catalog " + p.get("catalog") + " over AOI " + t.id()
                    + " from " + p.get("from") + " to " + p.get("to")) : w);
            tileJson.add(Json.createObjectBuilder().add("id", t.id()).add("epsg", t.grid().epsg())
                    .add("width", t.grid().width()).add("height", t.grid().height()).add("scenes", ids.size()));
        }
        TileEstimate estimate = analysis.estimate();
        JsonObject json = Json.createObjectBuilder()
                .add("area", "aoiSet(" + p.get(io.eobatch.batch.CommonParameters.AOI_SET.name()) + ")")
                .add("features", Json.createObjectBuilder().add("resolution", p.number("resolution"))
                        .add("buffer", p.integer("buffer")))
                .add("estimate", estimate.toJson())
                .add("tiles", tileJson).build();
        results.write(instance, TiledCompositeJob.ESTIMATE, out -> out.write(pretty(json)));
        return new Plan(plan, "ANALYSED: " + estimate);
    }

    private static byte[] pretty(JsonObject json) {
        StringWriter w = new StringWriter();
        try (var g = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(w)) {
            g.write(json);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }
}
