package io.eobatch.batch.tiles;

import static io.eobatch.batch.ParameterSpec.choice;
import static io.eobatch.batch.ParameterSpec.integer;
import static io.eobatch.batch.ParameterSpec.number;
import static io.eobatch.batch.ParameterSpec.string;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.EoJob;
import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.ParameterException;
import io.eobatch.batch.RetryPlan;
import io.eobatch.config.Limits;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TilingGrid;
import io.eobatch.results.ResultsStac;
import io.eobatch.results.JsonValues;

/**
 * The tiled-composite job (batch-jobs/tiled-composite.xml): a temporal composite of an index on a UTM tiling grid
 * over one area, one COG per tile ({@code format=cog}) or one Zarr array whose chunks are the tiles
 * ({@code format=zarr}, {@link io.eobatch.raster.zarr.ZarrTileArray}). Steps: {@code plan-tiles} ({@link PlanTiles}), {@code process-tiles}
 * ({@link TileProcessor}), {@code make-mosaic} ({@link MakeMosaic}). retry-failed carries every tile over, the DONE
 * ones with their COG, and {@code estimate.json}, so that the new instance's mosaic covers the whole area.
 */
@ApplicationScoped
public class TiledCompositeJob extends EoJob {

    public static final String ID = "tiled-composite";

    /** Results: one COG per tile under this folder of the results folder. */
    public static final String TILES_DIR = "tiles";
    public static final String ESTIMATE = "estimate.json";
    public static final String MOSAIC = "mosaic.png";

    public static final JobDefinition DEFINITION = new JobDefinition(ID,
            "Temporal composite (max, median or mean) of a spectral index over a period on a UTM tiling grid over one "
                    + "area: one Cloud-Optimized GeoTIFF per tile, an estimate and an overview PNG",
            List.of("plan-tiles", "process-tiles", "make-mosaic"),
            List.of(string("aoi", null, "the area: a stored AOI id (give aoi or bbox)"),
                    string("bbox", null, "the area: minLon,minLat,maxLon,maxLat in degrees, EPSG:4326 "
                            + "(give aoi, bbox or aoiSet)"),
                    io.eobatch.batch.ParameterSpec.list("aoiSet", "AOI set name(s), comma separated: each AOI is an "
                            + "output tile of its own extent (its envelope in the UTM zone of its centroid, whole "
                            + "pixels) instead of the UTM grid's cells; tileSize is then not used (give aoi, bbox or aoiSet)"),
                    number("tileSize", 10, 1, 1000, "tile size, km; tile corners are multiples of it in UTM metres"),
                    number("resolution", 10, 1, 10000, "pixel size, metres; the tile size must be a whole number of "
                            + "pixels"),
                    integer("buffer", 0, 0, 1000, "extra pixels written on every side of a tile"),
                    CommonParameters.FROM,
                    CommonParameters.TO,
                    CommonParameters.CATALOG,
                    CommonParameters.COLLECTION,
                    CommonParameters.MAX_CLOUD_COVER,
                    CommonParameters.INDEX,
                    choice("composite", "max", List.of("max", "median", "mean"),
                            "per pixel, over the valid observations of the period"),
                    choice("format", "cog", List.of("cog", "zarr"), "cog: one Cloud-Optimized GeoTIFF per tile; "
                            + "zarr: one Zarr v2 array over the area (composite.zarr), each tile a chunk (no buffer)"),
                    choice("skipExisting", "false", List.of("true", "false"),
                            "true: a tile whose COG exists is kept as it is (DONE, not computed)"),
                    choice("overwrite", "false", List.of("true", "false"),
                            "true: a tile whose COG exists is computed again and the COG replaced; with neither "
                                    + "flag an existing COG fails the tile"),
                    integer("partitions", 4, 1, 64, "parallel partitions of process-tiles (fixed at the first start)"),
                    CommonParameters.chunkSize(1),
                    CommonParameters.RETRY_LIMIT,
                    CommonParameters.SKIP_LIMIT,
                    CommonParameters.RETRY_OF),
            new JobDefinition.SharedStep("process-tiles", true));

    public TiledCompositeJob() {
        super(DEFINITION, TilesEstimator.class);
    }

    /** Its STAC items are declared ({@link #stacItems}); the launch limits bound how many. */
    @Override
    public boolean declaresStacItems() {
        return true;
    }

    @Override
    public List<ResultsStac.ItemSpec> stacItems(List<WorkItem> items, Map<String, String> params) {
        return TiledCompositeStac.items(items, params);
    }

    @Inject
    io.eobatch.results.ResultsStore results;

    /**
     * Every tile carried over; a DONE one with its output (its COG, or with format zarr its chunk: the store's
     * metadata is written again by make-mosaic); and estimate.json (the tiles and the grid are read there).
     */
    @Override
    public RetryPlan retryPlan() {
        return RetryPlan.carryAll(List.of(ESTIMATE), done -> List.of(outputPath(done)), (from, to) -> { });
    }

    /** The result path of a DONE tile's output in its job instance: its COG, else its chunk of the Zarr store. */
    String outputPath(WorkItem done) {
        String cog = TiledCompositeStac.cogPath(done.sceneId);
        java.nio.file.Path dir = results.dir(done.jobInstanceId);
        try {
            var variable = io.eobatch.raster.zarr.ZarrTileArray.variableIn(dir);
            if (java.nio.file.Files.exists(dir.resolve(cog)) || variable.isEmpty()) {
                return cog;
            }
            List<Tile> tiles = plannedTiles(dir);
            Tile tile = tiles.stream().filter(t -> t.id().equals(done.sceneId)).findFirst().orElseThrow(() ->
                    new java.io.IOException("tile " + done.sceneId + " is not in estimate.json"));
            return io.eobatch.raster.zarr.ZarrTileArray.of(tiles, variable.get()).chunkPath(tile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot find the output of tile " + done.sceneId, e);
        }
    }

    /** The title of a Zarr store's group. */
    public static String zarrTitle(JobProperties p, String area, long instance) {
        return p.index().name().toLowerCase(java.util.Locale.ROOT) + " " + p.get("composite") + " composite of "
                + area + ", " + p.get("from") + " .. " + p.get("to") + " (eobatch tiled-composite, job instance "
                + instance + ")";
    }

    /** Checks what single values cannot: one area, the flags, the tile size against the resolution, the period. */
    @Override
    protected void checkJobRelations(Properties p) {
        boolean aoi = p.getProperty("aoi") != null;
        boolean bbox = p.getProperty("bbox") != null;
        boolean set = p.getProperty("aoiSet") != null;
        if ((aoi ? 1 : 0) + (bbox ? 1 : 0) + (set ? 1 : 0) != 1) {
            throw new ParameterException(bbox && (aoi || set) ? "bbox" : set ? "aoiSet" : "aoi", "give exactly one "
                    + "area: aoi (an AOI id), bbox, or aoiSet (its AOIs are the tiles)");
        }
        if (set && zarr(p.getProperty("format"))) {
            throw new ParameterException("format", "format zarr writes one array over a grid; the tiles of an AOI set "
                    + "have their own extents: use format cog");
        }
        if (bbox) {
            Area.parseBbox(p.getProperty("bbox"));
        }
        if (zarr(p.getProperty("format")) && !"0".equals(p.getProperty("buffer", "0").strip())) {
            throw new ParameterException("buffer", "format zarr writes the tiles as the chunks of one array, which "
                    + "cannot overlap: the buffer must be 0");
        }
        if ("true".equals(p.getProperty("skipExisting")) && "true".equals(p.getProperty("overwrite"))) {
            throw new ParameterException("overwrite", "skipExisting and overwrite exclude each other");
        }
        double tile = tileMetres(p.getProperty("tileSize", "10"));
        double res = Double.parseDouble(p.getProperty("resolution", "10"));
        try {
            new TilingGrid(32633, set ? res : tile, res, 0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException("resolution", e.getMessage());
        }
    }

    /**
     * The tile's pixels with its buffer (each tile is composited in memory, one value per pixel and observation),
     * and the tiles over the area's bounding box, against {@link Limits}.
     */
    @Override
    protected void checkJobLimits(Properties p, Limits limits, long aois) {
        double tile = tileMetres(p.getProperty("tileSize", "10"));
        double res = Double.parseDouble(p.getProperty("resolution", "10"));
        int buffer = Integer.parseInt(p.getProperty("buffer", "0"));
        double side = Math.rint(tile / res) + 2.0 * buffer;
        if (side * side > limits.tilePixels()) {
            throw new ParameterException("tileSize", String.format(Locale.ROOT, "a tile of %s km at %s m with a "
                    + "buffer of %d px is %.0f x %.0f pixels, more than the %d a tile may have (%s); use smaller "
                    + "tiles or a coarser resolution", p.getProperty("tileSize"), p.getProperty("resolution"),
                    buffer, side, side, limits.tilePixels(), Limits.TILE_PIXELS));
        }
        Area area;
        if (p.getProperty("bbox") != null) {
            area = Area.parseBbox(p.getProperty("bbox"));
        } else if (aoiRepository != null && p.getProperty("aoi") != null) {
            var stored = aoiRepository.find(p.getProperty("aoi").strip());
            if (stored.isEmpty()) {
                return; // the unknown AOI is refused by the AOI check
            }
            area = new Area(stored.get().id(), stored.get().geometry());
        } else {
            return;
        }
        long tiles = tilesOverBoundingBox(area.geometryWgs84().getEnvelopeInternal(), tile);
        if (tiles > limits.tiles()) {
            throw new ParameterException(p.getProperty("bbox") != null ? "bbox" : "aoi", "the area's bounding box "
                    + "needs " + (tiles == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(tiles))
                    + " tiles of " + p.getProperty("tileSize") + " km, more than the " + limits.tiles()
                    + " one execution may have (" + Limits.TILES + "); use larger tiles or a smaller area");
        }
    }

    @Inject
    io.eobatch.aoi.AoiRepository aoiRepository;

    /**
     * About how many tiles of {@code tileMetres} cover a lon/lat bounding box, counted without projecting it (a
     * box reaching the poles or far outside one UTM zone projects to nonsense): its width in metres along the
     * parallel nearest the equator (where it is widest), its height along a meridian, one extra tile either way
     * for the grid's alignment. At least what the plan makes for the box's own zone; not more than a few per cent
     * above it for areas the plan can handle.
     */
    static long tilesOverBoundingBox(org.locationtech.jts.geom.Envelope lonLat, double tileMetres) {
        double nearestEquator = lonLat.getMinY() > 0 ? lonLat.getMinY() : lonLat.getMaxY() < 0 ? -lonLat.getMaxY() : 0;
        double width = lonLat.getWidth() * 111_320 * Math.cos(Math.toRadians(nearestEquator));
        double height = lonLat.getHeight() * 110_574;
        double n = (Math.ceil(width / tileMetres) + 1) * (Math.ceil(height / tileMetres) + 1);
        return n < Long.MAX_VALUE ? (long) n : Long.MAX_VALUE;
    }

    /** Whether the {@code format} parameter asks for Zarr (else COG, the default). */
    public static boolean zarr(String format) {
        return "zarr".equals(format == null ? null : format.strip());
    }

    /** The tiles of estimate.json (the plan's, in its order) on the grid it names. */
    public static List<Tile> plannedTiles(java.nio.file.Path results) throws java.io.IOException {
        jakarta.json.JsonObject estimate;
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(results.resolve(ESTIMATE))) {
            estimate = JsonValues.JSON.createReader(r).readObject();
        }
        jakarta.json.JsonObject g = estimate.getJsonObject("grid");
        TilingGrid grid = new TilingGrid(g.getInt("epsg"), g.getJsonNumber("tileSize").doubleValue(),
                g.getJsonNumber("resolution").doubleValue(), g.getInt("buffer"));
        return estimate.getJsonArray("tiles").stream().map(jakarta.json.JsonValue::asJsonObject)
                .map(t -> grid.tile(t.getJsonNumber("column").longValue(), t.getJsonNumber("row").longValue()))
                .toList();
    }

    /** A tile size in km (job parameter text) as metres, rounded to the millimetre (9.6 km is 9600 m exactly). */
    public static double tileMetres(String km) {
        return Math.rint(Double.parseDouble(km.strip()) * 1_000_000) / 1000;
    }

    /** The area of a tiled composite: its id (the AOI id, or {@code bbox(...)}) and its geometry in lon/lat. */
    public record Area(String id, Geometry geometryWgs84) {

        /** The area of the job parameters {@code aoi} (a stored AOI's id) or {@code bbox}; one is given. */
        public static Area of(String aoi, String bbox, io.eobatch.aoi.AoiRepository aois) {
            if (bbox != null && !bbox.isBlank()) {
                return parseBbox(bbox);
            }
            if (aoi == null || aoi.isBlank()) {
                throw new ParameterException("aoi", "give aoi or bbox");
            }
            return new Area(aoi.strip(), aois.find(aoi.strip()).orElseThrow(() ->
                    new ParameterException("aoi", "no AOI with id '" + aoi + "'")).geometry());
        }

        /** A bbox "minLon,minLat,maxLon,maxLat" as a polygon; ParameterException on a bad one. */
        public static Area parseBbox(String text) {
            String[] f = text.split(",");
            if (f.length != 4) {
                throw new ParameterException("bbox", "'" + text + "' is not minLon,minLat,maxLon,maxLat");
            }
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Double.parseDouble(f[i].strip());
                } catch (NumberFormatException e) {
                    throw new ParameterException("bbox", "'" + f[i] + "' is not a number");
                }
            }
            if (!(v[0] < v[2]) || !(v[1] < v[3]) || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
                throw new ParameterException("bbox", "'" + text + "' is not a box with minLon < maxLon and minLat "
                        + "< maxLat inside -180..180, -90..90");
            }
            String id = String.format(Locale.ROOT, "bbox(%s,%s,%s,%s)", f[0].strip(), f[1].strip(), f[2].strip(),
                    f[3].strip());
            return new Area(id.length() > 128 ? id.substring(0, 128) : id, Tile.boxWgs84(v[0], v[1], v[2], v[3]));
        }
    }
}
