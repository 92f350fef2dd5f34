package io.eobatch.batch.tiles;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.batch.ParameterException;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TileEstimate;
import io.eobatch.raster.composite.TilingGrid;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.results.ResultsStore;
import io.eobatch.stac.StacItem;

/**
 * Step analyse of tiled-composite: the tiles of the UTM grid that intersect the area, each a ledger item
 * ({@code aoi_id} = the area id, {@code scene_id} = the tile id, {@code scene_ids} = the scenes over the tile in
 * the period), and the estimate ({@link TileEstimate}) written as {@code estimate.json} in the results folder, with
 * the grid and the tiles (the mosaic step reads them back), logged and returned as the step's exit status.
 *
 * <p>The catalog is searched once over the area; a scene belongs to a tile when its footprint's lon/lat envelope
 * meets the tile's (buffered) footprint envelope; a tile with no scene is planned NO_DATA. Tile {@code n} (row-major
 * from the north-west) goes to partition {@code n mod partitions}. A restart never plans again.
 */
@Named
@Dependent
public class AnalyseTiles extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(AnalyseTiles.class.getName());

    @Inject
    JobContext job;

    @Inject
    Ledger ledger;

    @Inject
    AoiRepository aois;

    @Inject
    StacProvider stac;

    @Inject
    ResultsStore results;

    /** AOI id of the area (or bbox). */
    @Inject
    @BatchProperty
    String aoi;

    /** minLon,minLat,maxLon,maxLat (or aoi). */
    @Inject
    @BatchProperty
    String bbox;

    /** Tile size, km. Default 10. */
    @Inject
    @BatchProperty
    String tileSize;

    /** Pixel size, metres. Default 10. */
    @Inject
    @BatchProperty
    String resolution;

    /** Extra pixels per side. Default 0. */
    @Inject
    @BatchProperty
    String buffer;

    /** First day, yyyy-MM-dd. Required. */
    @Inject
    @BatchProperty
    String from;

    /** Last day, yyyy-MM-dd. Required. */
    @Inject
    @BatchProperty
    String to;

    /** Catalog name. Default demo. */
    @Inject
    @BatchProperty
    String catalog;

    /** STAC collection. Default sentinel-2-l2a. */
    @Inject
    @BatchProperty
    String collection;

    /** Maximum eo:cloud_cover, percent. Default 100. */
    @Inject
    @BatchProperty
    String maxCloudCover;

    /** ndvi, ndwi or evi. Default ndvi. */
    @Inject
    @BatchProperty
    String index;

    /** A job instance whose FAILED tiles are composited again, the others carried over. Optional. */
    @Inject
    @BatchProperty
    String retryOf;

    /** Number of partitions. Default 4. */
    @Inject
    @BatchProperty
    String partitions;

    @Override
    public String process() throws IOException {
        long instance = job.getInstanceId();
        if (ledger.isPlanned(instance)) {
            LOG.info(() -> "instance " + instance + " is planned already: keeping its ledger");
            return "ANALYSED";
        }
        if (retryOf != null && !retryOf.isBlank()) {
            return carryOver(instance, Long.parseLong(retryOf.strip()));
        }
        TiledCompositeJob.Area area = area();
        Double maxCloud = io.eobatch.batch.Jobs.cloudLimit(maxCloudCover);
        List<StacItem> scenes = stac.search(catalog, collection, area.geometryWgs84(), LocalDate.parse(from),
                LocalDate.parse(to), maxCloud);
        TileAnalysis analysis = TileAnalysis.of(area, tileSize, Double.parseDouble(resolution),
                Integer.parseInt(buffer), scenes, SpectralIndex.valueOf(index.toUpperCase(java.util.Locale.ROOT)));
        TilingGrid grid = analysis.grid();
        int n = Integer.parseInt(partitions);
        Instant start = LocalDate.parse(from).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<WorkItem> plan = new ArrayList<>();
        JsonArrayBuilder tileJson = Json.createArrayBuilder();
        for (int i = 0; i < analysis.tiles().size(); i++) {
            Tile t = analysis.tiles().get(i);
            List<String> ids = analysis.scenes().get(i);
            WorkItem w = WorkItem.planned(instance, job.getJobName(), TileKey.of(t, grid), plan.size(), n, area.id(),
                    t.id(), ids, start);
            plan.add(ids.isEmpty() ? w.noData("no scene in catalog " + catalog + " over the tile from " + from
                    + " to " + to) : w);
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
        ledger.plan(plan);
        LOG.info(() -> "execution " + job.getExecutionId() + ": area " + area.id() + " on EPSG:" + grid.epsg()
                + ": " + estimate + "; planned in " + n + " partition(s)");
        return "ANALYSED: " + estimate;
    }

    /**
     * retry-failed: every tile of the source instance, the FAILED ones to composite again (PENDING), the others with
     * their status, the DONE ones with their COG copied (no scene read for them), and the source's estimate.json, so
     * that the new instance's mosaic covers the whole area. Files first, then the ledger in one transaction: a crash
     * in between leaves the instance unplanned, and the step copies again.
     */
    private String carryOver(long instance, long source) throws IOException {
        List<WorkItem> items = ledger.items(source, null, 0, Integer.MAX_VALUE);
        copy(source, instance, TiledCompositeJob.ESTIMATE);
        for (WorkItem w : items) {
            if (w.status == io.eobatch.ledger.ItemStatus.DONE) {
                copy(source, instance, TiledCompositeJob.TILES_DIR + "/" + w.sceneId + ".tif");
            }
        }
        var copies = ledger.carryOver(source, instance, job.getJobName(), Integer.parseInt(partitions));
        long todo = items.stream().filter(w -> w.status == io.eobatch.ledger.ItemStatus.FAILED).count();
        LOG.info(() -> "execution " + job.getExecutionId() + ": the " + todo + " FAILED tile(s) of job instance "
                + source + " planned again, its other " + (copies.size() - todo) + " tile(s) carried over");
        return "ANALYSED: " + todo + " FAILED tile(s) of job instance " + source + " again";
    }

    private void copy(long source, long instance, String relative) throws IOException {
        java.nio.file.Path from = results.find(source, relative).orElseThrow(() -> new IOException(relative
                + " of job instance " + source + " is missing: cannot carry it over"));
        results.write(instance, relative, out -> java.nio.file.Files.copy(from, out));
    }

    private TiledCompositeJob.Area area() {
        if (bbox != null && !bbox.isBlank()) {
            return TiledCompositeJob.Area.parseBbox(bbox);
        }
        if (aoi == null || aoi.isBlank()) {
            throw new ParameterException("aoi", "give aoi or bbox");
        }
        Geometry g = aois.find(aoi.strip()).orElseThrow(() -> new ParameterException("aoi",
                "no AOI with id '" + aoi + "'")).geometry();
        return new TiledCompositeJob.Area(aoi.strip(), g);
    }

    private static byte[] pretty(JsonObject json) {
        StringWriter w = new StringWriter();
        try (var g = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(w)) {
            g.write(json);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }
}
