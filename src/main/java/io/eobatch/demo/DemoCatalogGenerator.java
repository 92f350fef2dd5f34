package io.eobatch.demo;

import io.eobatch.raster.io.AtomicFiles;

import io.eobatch.raster.Crs;
import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.tiff.CogWriter;
import io.eobatch.raster.tiff.CogWriter.Resampling;
import io.eobatch.raster.tiff.CogWriter.SampleType;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import io.eobatch.results.JsonValues;

/**
 * Writes the embedded demo catalog: a small, SYNTHETIC Sentinel-2 L2A-like static STAC catalog of real
 * Cloud-Optimized GeoTIFFs in the layout of Earth Search v1, plus demo AOIs. It is eobatch synthetic demo data,
 * not real observations: the collection and catalog say so in their title and description, every item carries
 * {@code "eobatch:synthetic": true}, and the data are dedicated to the public domain (CC0-1.0).
 *
 * <p>Layout of {@code dir}:
 * <pre>
 *   README.txt                              what this is (synthetic), how it was made
 *   aois.geojson                            demo AOIs (EPSG:4326 lon/lat), properties id and name
 *   catalog.json                            -> sentinel-2-l2a/collection.json
 *   sentinel-2-l2a/collection.json          -> items
 *   sentinel-2-l2a/&lt;id&gt;/&lt;id&gt;.json            item, assets blue green red nir (B02 B03 B04 B08, UInt16 DN,
 *   sentinel-2-l2a/&lt;id&gt;/B02.tif ... SCL.tif     10 m, 250x250) and scl (UInt8, 20 m, 125x125), relative hrefs
 * </pre>
 *
 * <p>Content: two overlapping 2.5 km tiles of UTM zone 33N (EPSG:32633), "33TWM" at x 580000..582500 and
 * "33TXM" at x 581740..584240 (y 5090000..5092500 for both; 760 m, 30 %, overlap; the grid codes are labels
 * only), one acquisition per tile every 5 days of 2023 (73 dates, 146 items). The landscape ({@link Landscape})
 * has a lake, deciduous and conifer forest, a town and fields of winter wheat, maize and grassland with their
 * own calendars ({@link Surface}); about 30 % of the dates are cloudy to various degrees, with shadows and
 * cirrus ({@link Sky}); one date (2023-01-21) has snow. Tile 33TXM has no data in its south-east corner on
 * every fourth date (a swath edge: DN 0 and SCL 0). Items of every tenth date from 2023-02-05 on are processing
 * baseline 04.00 with {@code earthsearch:boa_offset_applied: false}: their DNs carry the +1000 offset (reflectance =
 * (DN - 1000) / 10000), all others are baseline 05.00 with the offset already removed (reflectance = DN / 10000).
 * {@code eo:cloud_cover} and the {@code s2:*_percentage} properties are computed from the SCL written.
 *
 * <p>The JSON follows Earth Search v1 (property names, asset keys and fields, relative links) but leaves out
 * {@code stac_extensions}: those schema identifiers are URLs of public hosts, which eobatch keeps out of its code;
 * STAC 1.0 readers accept the extension fields without them.
 *
 * <p>Everything is a deterministic function of the seed: the same seed gives byte-identical files (with the
 * same zlib), whatever the number of threads.
 */
public final class DemoCatalogGenerator {

    private static final Logger LOG = Logger.getLogger(DemoCatalogGenerator.class.getName());

    /** The seed the server uses for its embedded demo catalog. */
    public static final long DEFAULT_SEED = 20230101L;
    /** The statement every title/description carries. */
    public static final String SYNTHETIC_STATEMENT = "eobatch synthetic demo data, not real observations";
    public static final String COLLECTION_ID = "sentinel-2-l2a";
    public static final int EPSG = 32633;
    /** Pixels per side of the 10 m bands (the SCL has half as many). */
    public static final int SIZE_10M = 250;
    /** Internal tile size of the COGs (so the 10 m bands have 2x2 tiles, partial at the edges, and one overview). */
    public static final int COG_TILE = 128;
    /**
     * DEFLATE level of the demo COGs: on these noisy 16-bit tiles level 3 is about 4x faster than GDAL's default 6
     * and no larger (measured with zlib on the generated bands).
     */
    static final int DEFLATE_LEVEL = 3;
    public static final LocalDate FIRST_DATE = LocalDate.of(2023, 1, 1);
    public static final int DAYS_BETWEEN = 5;
    public static final int DATES = 73;
    /** Index of the snowy date (2023-01-21). */
    static final int SNOW_DATE = 4;
    /** Acquisition time, hours UTC. */
    static final double HOUR_UTC = 9 + 58 / 60.0;

    /** A demo tile: its MGRS-like label and the upper-left corner of its 10 m grid. */
    record DemoTile(String mgrs, double originX, double originY) {
        GridGeometry grid10() {
            return new GridGeometry(EPSG, SIZE_10M, SIZE_10M, originX, originY, 10, -10);
        }
    }

    static final List<DemoTile> TILES = List.of(
            new DemoTile("33TWM", 580000, 5092500),
            new DemoTile("33TXM", 581740, 5092500));

    /** Asset key, file name, title, common band name, centre wavelength (um), FWHM (um). */
    private record BandAsset(String key, String file, String title, double wavelength, double fwhm) {
    }

    private static final List<BandAsset> BANDS = List.of(
            new BandAsset("blue", "B02.tif", "Blue (band 2) - 10m", 0.49, 0.098),
            new BandAsset("green", "B03.tif", "Green (band 3) - 10m", 0.56, 0.045),
            new BandAsset("red", "B04.tif", "Red (band 4) - 10m", 0.665, 0.038),
            new BandAsset("nir", "B08.tif", "NIR 1 (band 8) - 10m", 0.842, 0.145));


    private static final String COG_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized";

    /** What {@link #generate} wrote. */
    public record Summary(int items, int files, long bytes, Duration elapsed) {
    }

    private DemoCatalogGenerator() {
    }

    /** Whether date {@code d} is processed with baseline 04.00 and the BOA offset left in the DNs. */
    static boolean baseline04(int d) {
        return d % 10 == 7;
    }

    /** Whether tile {@code t} misses the south-east corner of its swath on date {@code d}. */
    static boolean swathEdge(int t, int d) {
        return t == 1 && d % 4 == 1;
    }

    static String platform(int d) {
        return d % 2 == 0 ? "sentinel-2a" : "sentinel-2b";
    }

    static String itemId(int t, int d) {
        LocalDate date = FIRST_DATE.plusDays((long) DAYS_BETWEEN * d);
        return (d % 2 == 0 ? "S2A_" : "S2B_") + TILES.get(t).mgrs() + "_"
                + date.toString().replace("-", "") + "_0_L2A";
    }

    /**
     * Generates the catalog into {@code dir} (created if needed; files of the same names are replaced, other
     * files are left alone).
     */
    public static Summary generate(Path dir, long seed) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(dir);
        Landscape land = new Landscape(seed);
        int[] doy = new int[DATES];
        for (int d = 0; d < DATES; d++) {
            doy[d] = FIRST_DATE.plusDays((long) DAYS_BETWEEN * d).getDayOfYear();
        }
        Sky[] skies = Sky.year(seed, doy, HOUR_UTC, SNOW_DATE);
        List<DemoScene.TileModel> models = new ArrayList<>();
        for (DemoTile t : TILES) {
            models.add(new DemoScene.TileModel(land, t.grid10()));
        }
        Path collectionDir = dir.resolve(COLLECTION_ID);
        Files.createDirectories(collectionDir);

        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "demo-catalog");
            th.setDaemon(true);
            return th;
        });
        List<Future<JsonObject>> futures = new ArrayList<>();
        try {
            for (int d = 0; d < DATES; d++) {
                for (int t = 0; t < TILES.size(); t++) {
                    int date = d;
                    int tile = t;
                    futures.add(pool.submit(() -> writeScene(collectionDir, seed, date, doy[date], tile,
                            models.get(tile), skies[date])));
                }
            }
            List<String> itemIds = new ArrayList<>();
            for (Future<JsonObject> f : futures) {
                itemIds.add(get(f).getString("id"));
            }
            writeJson(collectionDir.resolve("collection.json"), collection(itemIds, seed));
            writeJson(dir.resolve("catalog.json"), catalog());
            writeText(dir.resolve("aois.geojson"), toJson(aois(land)));
            writeText(dir.resolve("README.txt"), readme(seed));
        } finally {
            pool.shutdownNow();
        }

        long bytes;
        int files;
        try (var walk = Files.walk(dir)) {
            List<Path> all = walk.filter(Files::isRegularFile).toList();
            files = all.size();
            long sum = 0;
            for (Path p : all) {
                sum += Files.size(p);
            }
            bytes = sum;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info(() -> "demo catalog: " + futures.size() + " items, " + files + " files, " + bytes + " bytes in "
                + elapsed.toMillis() + " ms (" + threads + " threads) at " + dir);
        return new Summary(futures.size(), files, bytes, elapsed);
    }

    private static JsonObject get(Future<JsonObject> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the demo catalog", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("generating a demo scene failed: " + e.getCause(), e.getCause());
        }
    }

    /** Renders and writes one item (its COGs and JSON) and returns the item. */
    private static JsonObject writeScene(Path collectionDir, long seed, int d, int dayOfYear, int t,
                                         DemoScene.TileModel model, Sky sky) throws IOException {
        DemoTile tile = TILES.get(t);
        boolean edge = swathEdge(t, d);
        DemoScene.Swath swath = edge ? (x, y) -> x - 583300 > (y - Landscape.Y0) * 0.9 : (x, y) -> false;
        boolean old = baseline04(d);
        DemoScene.Result r = DemoScene.render(seed, d, dayOfYear, model, sky, swath, old ? 1000 : 0);

        String id = itemId(t, d);
        Path itemDir = collectionDir.resolve(id);
        Files.createDirectories(itemDir);
        CogWriter bandWriter = new CogWriter(model.grid10, SampleType.UINT16).withTileSize(COG_TILE)
                .withNodata(0.0).withResampling(Resampling.AVERAGE).withDeflateLevel(DEFLATE_LEVEL);
        bandWriter.write(itemDir.resolve("B02.tif"), r.blue());
        bandWriter.write(itemDir.resolve("B03.tif"), r.green());
        bandWriter.write(itemDir.resolve("B04.tif"), r.red());
        bandWriter.write(itemDir.resolve("B08.tif"), r.nir());
        new CogWriter(model.grid20, SampleType.UINT8).withTileSize(COG_TILE).withNodata(0.0).withDeflateLevel(DEFLATE_LEVEL)
                .withResampling(Resampling.NEAREST).write(itemDir.resolve("SCL.tif"), r.scl());

        JsonObject item = item(id, tile, t, d, sky, r.sclCounts(), old, model);
        writeJson(itemDir.resolve(id + ".json"), item);
        return item;
    }

    // ---------------------------------------------------------------------------------------------------------
    // STAC JSON

    private static JsonObject item(String id, DemoTile tile, int t, int d, Sky sky, int[] scl, boolean old,
                                   DemoScene.TileModel model) {
        LocalDate date = FIRST_DATE.plusDays((long) DAYS_BETWEEN * d);
        String datetime = date + "T09:58:" + (t == 0 ? "11.024000Z" : "14.611000Z");
        String created = date + "T15:20:00.000Z";
        int total = 0;
        for (int c : scl) {
            total += c;
        }
        int valid = total - scl[DemoScene.SCL_NODATA];
        double[] pct = new double[12];
        for (int c = 1; c < 12; c++) {
            pct[c] = valid == 0 ? 0 : 100.0 * scl[c] / valid;
        }
        double cloud = valid == 0 ? 0 : 100.0 * (scl[8] + scl[9] + scl[10]) / valid;

        JsonObjectBuilder props = JsonValues.JSON.createObjectBuilder()
                .add("created", created)
                .add("platform", platform(d))
                .add("constellation", "sentinel-2")
                .add("instruments", JsonValues.JSON.createArrayBuilder().add("msi"))
                .add("eo:cloud_cover", num(cloud, 6))
                .add("proj:epsg", EPSG)
                .add("mgrs:utm_zone", Integer.parseInt(tile.mgrs().substring(0, 2)))
                .add("mgrs:latitude_band", tile.mgrs().substring(2, 3))
                .add("mgrs:grid_square", tile.mgrs().substring(3))
                .add("grid:code", "MGRS-" + tile.mgrs())
                .add("view:sun_azimuth", num(sky.sunAzimuth, 6))
                .add("view:sun_elevation", num(sky.sunElevation, 6))
                .add("s2:nodata_pixel_percentage", num(100.0 * scl[0] / total, 6))
                .add("s2:saturated_defective_pixel_percentage", 0)
                .add("s2:dark_features_percentage", num(pct[2], 6))
                .add("s2:cloud_shadow_percentage", num(pct[3], 6))
                .add("s2:vegetation_percentage", num(pct[4], 6))
                .add("s2:not_vegetated_percentage", num(pct[5], 6))
                .add("s2:water_percentage", num(pct[6], 6))
                .add("s2:unclassified_percentage", num(pct[7], 6))
                .add("s2:medium_proba_clouds_percentage", num(pct[8], 6))
                .add("s2:high_proba_clouds_percentage", num(pct[9], 6))
                .add("s2:thin_cirrus_percentage", num(pct[10], 6))
                .add("s2:snow_ice_percentage", num(pct[11], 6))
                .add("s2:product_type", "S2MSI2A")
                .add("s2:processing_baseline", old ? "04.00" : "05.00")
                .add("datetime", datetime)
                .add("s2:sequence", "0")
                .add("earthsearch:boa_offset_applied", !old)
                .add("updated", created)
                .add("eobatch:synthetic", true)
                .add("eobatch:note", SYNTHETIC_STATEMENT + " (generated by eobatch's DemoCatalogGenerator)");

        double[][] lonLat = footprint(model.grid10);
        JsonArrayBuilder ring = JsonValues.JSON.createArrayBuilder();
        double minLon = 180;
        double minLat = 90;
        double maxLon = -180;
        double maxLat = -90;
        for (double[] p : lonLat) {
            ring.add(JsonValues.JSON.createArrayBuilder().add(num(p[0], 7)).add(num(p[1], 7)));
            minLon = Math.min(minLon, p[0]);
            minLat = Math.min(minLat, p[1]);
            maxLon = Math.max(maxLon, p[0]);
            maxLat = Math.max(maxLat, p[1]);
        }

        JsonObjectBuilder assets = JsonValues.JSON.createObjectBuilder();
        for (BandAsset b : BANDS) {
            assets.add(b.key(), JsonValues.JSON.createObjectBuilder()
                    .add("href", "./" + b.file())
                    .add("type", COG_TYPE)
                    .add("title", b.title())
                    .add("eo:bands", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                            .add("name", b.key())
                            .add("common_name", b.key())
                            .add("center_wavelength", new BigDecimal(Double.toString(b.wavelength())))
                            .add("full_width_half_max", new BigDecimal(Double.toString(b.fwhm())))))
                    .add("gsd", 10)
                    .add("proj:shape", shape(model.grid10))
                    .add("proj:transform", transform(model.grid10))
                    .add("raster:bands", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                            .add("nodata", 0)
                            .add("data_type", "uint16")
                            .add("bits_per_sample", 15)
                            .add("spatial_resolution", 10)
                            .add("scale", new BigDecimal("0.0001"))
                            .add("offset", new BigDecimal("-0.1"))))
                    .add("roles", JsonValues.JSON.createArrayBuilder().add("data").add("reflectance")));
        }
        assets.add("scl", JsonValues.JSON.createObjectBuilder()
                .add("href", "./SCL.tif")
                .add("type", COG_TYPE)
                .add("title", "Scene classification map (SCL)")
                .add("proj:shape", shape(model.grid20))
                .add("proj:transform", transform(model.grid20))
                .add("raster:bands", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                        .add("nodata", 0)
                        .add("data_type", "uint8")
                        .add("spatial_resolution", 20)))
                .add("roles", JsonValues.JSON.createArrayBuilder().add("data").add("reflectance")));

        return JsonValues.JSON.createObjectBuilder()
                .add("type", "Feature")
                .add("stac_version", "1.0.0")
                .add("id", id)
                .add("properties", props)
                .add("geometry", JsonValues.JSON.createObjectBuilder()
                        .add("type", "Polygon")
                        .add("coordinates", JsonValues.JSON.createArrayBuilder().add(ring)))
                .add("links", JsonValues.JSON.createArrayBuilder()
                        .add(link("root", "../../catalog.json", "application/json"))
                        .add(link("parent", "../collection.json", "application/json"))
                        .add(link("collection", "../collection.json", "application/json")))
                .add("assets", assets)
                .add("bbox", JsonValues.JSON.createArrayBuilder().add(num(minLon, 7)).add(num(minLat, 7))
                        .add(num(maxLon, 7)).add(num(maxLat, 7)))
                .add("collection", COLLECTION_ID)
                .build();
    }

    private static JsonObject collection(List<String> itemIds, long seed) {
        JsonArrayBuilder links = JsonValues.JSON.createArrayBuilder()
                .add(link("root", "../catalog.json", "application/json"))
                .add(link("parent", "../catalog.json", "application/json"));
        for (String id : itemIds) {
            links.add(link("item", "./" + id + "/" + id + ".json", "application/json"));
        }
        double[] bbox = unionBbox();
        return JsonValues.JSON.createObjectBuilder()
                .add("type", "Collection")
                .add("id", COLLECTION_ID)
                .add("stac_version", "1.0.0")
                .add("title", "Sentinel-2 L2A-like demo collection (" + SYNTHETIC_STATEMENT + ")")
                .add("description", SYNTHETIC_STATEMENT + ". Synthetic scenes in the layout of Earth Search v1 "
                        + "sentinel-2-l2a items, made by eobatch's DemoCatalogGenerator from seed " + seed
                        + " for demos and tests: two overlapping 2.5 km tiles in EPSG:32633, one scene every 5 days "
                        + "of 2023. Not derived from any satellite data; released under CC0-1.0.")
                .add("license", "CC0-1.0")
                .add("keywords", JsonValues.JSON.createArrayBuilder().add("synthetic").add("demo").add("eobatch"))
                .add("providers", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                        .add("name", "eobatch demo generator")
                        .add("description", SYNTHETIC_STATEMENT)
                        .add("roles", JsonValues.JSON.createArrayBuilder().add("producer").add("processor"))))
                .add("extent", JsonValues.JSON.createObjectBuilder()
                        .add("spatial", JsonValues.JSON.createObjectBuilder().add("bbox", JsonValues.JSON.createArrayBuilder()
                                .add(JsonValues.JSON.createArrayBuilder().add(num(bbox[0], 7)).add(num(bbox[1], 7))
                                        .add(num(bbox[2], 7)).add(num(bbox[3], 7)))))
                        .add("temporal", JsonValues.JSON.createObjectBuilder().add("interval", JsonValues.JSON.createArrayBuilder()
                                .add(JsonValues.JSON.createArrayBuilder().add("2023-01-01T00:00:00Z").add("2023-12-31T23:59:59Z")))))
                .add("summaries", JsonValues.JSON.createObjectBuilder()
                        .add("platform", JsonValues.JSON.createArrayBuilder().add("sentinel-2a").add("sentinel-2b"))
                        .add("constellation", JsonValues.JSON.createArrayBuilder().add("sentinel-2"))
                        .add("instruments", JsonValues.JSON.createArrayBuilder().add("msi"))
                        .add("gsd", JsonValues.JSON.createArrayBuilder().add(10).add(20))
                        .add("eobatch:synthetic", JsonValues.JSON.createArrayBuilder().add(true)))
                .add("links", links)
                .build();
    }

    private static JsonObject catalog() {
        return JsonValues.JSON.createObjectBuilder()
                .add("type", "Catalog")
                .add("id", "eobatch-demo")
                .add("stac_version", "1.0.0")
                .add("title", "eobatch demo catalog (" + SYNTHETIC_STATEMENT + ")")
                .add("description", SYNTHETIC_STATEMENT + ". A static STAC catalog of synthetic Sentinel-2 L2A-like "
                        + "Cloud-Optimized GeoTIFFs for eobatch's demos and tests (CC0-1.0).")
                .add("links", JsonValues.JSON.createArrayBuilder()
                        .add(link("root", "./catalog.json", "application/json"))
                        .add(link("child", "./" + COLLECTION_ID + "/collection.json", "application/json")))
                .build();
    }

    private static JsonObject link(String rel, String href, String type) {
        return JsonValues.JSON.createObjectBuilder().add("rel", rel).add("href", href).add("type", type).build();
    }

    private static JsonArray shape(GridGeometry g) {
        return JsonValues.JSON.createArrayBuilder().add(g.height()).add(g.width()).build();
    }

    private static JsonArray transform(GridGeometry g) {
        return JsonValues.JSON.createArrayBuilder()
                .add(num(g.pixelSizeX(), 6)).add(0).add(num(g.originX(), 6))
                .add(0).add(num(g.pixelSizeY(), 6)).add(num(g.originY(), 6)).build();
    }

    /** A JSON number rounded to {@code scale} decimals, written without exponent (integers as integers). */
    static BigDecimal num(double v, int scale) {
        BigDecimal bd = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
        if (bd.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = bd.stripTrailingZeros();
        return stripped.scale() <= 0 ? new BigDecimal(stripped.toBigInteger()) : stripped;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Coordinates

    /** UTM 33N (x, y) to {lon, lat}. */
    static double[] toLonLat(double x, double y) {
        return Crs.apply(Crs.transform(EPSG, Crs.WGS84), x, y);
    }

    /** Corner ring of a grid in lon/lat, counter-clockwise, closed. */
    private static double[][] footprint(GridGeometry g) {
        double[] b = g.bounds();
        double[][] utm = {{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}, {b[0], b[1]}};
        double[][] ll = new double[utm.length][];
        for (int i = 0; i < utm.length; i++) {
            ll[i] = toLonLat(utm[i][0], utm[i][1]);
        }
        return ll;
    }

    private static double[] unionBbox() {
        double[] bbox = {180, 90, -180, -90};
        for (DemoTile t : TILES) {
            for (double[] p : footprint(t.grid10())) {
                bbox[0] = Math.min(bbox[0], p[0]);
                bbox[1] = Math.min(bbox[1], p[1]);
                bbox[2] = Math.max(bbox[2], p[0]);
                bbox[3] = Math.max(bbox[3], p[1]);
            }
        }
        return bbox;
    }

    // ---------------------------------------------------------------------------------------------------------
    // AOIs

    /** The demo AOIs in UTM metres: id -> {name, polygon}. */
    static Map<String, Map.Entry<String, Polygon>> aoiPolygons(Landscape land) {
        Map<String, Map.Entry<String, Polygon>> aois = new java.util.LinkedHashMap<>();
        aois.put("wheat-field", Map.entry("Winter wheat field (harvested mid-July), tile 33TWM",
                Landscape.inset(land.fieldCell(Landscape.WHEAT_CELL[0], Landscape.WHEAT_CELL[1]), 45)));
        aois.put("maize-field", Map.entry("Maize field (harvested early October), tile 33TXM",
                Landscape.inset(land.fieldCell(Landscape.MAIZE_CELL[0], Landscape.MAIZE_CELL[1]), 45)));
        aois.put("forest", Map.entry("Deciduous forest, tile 33TWM", Landscape.inset(land.deciduous(), 60)));
        aois.put("conifer-forest", Map.entry("Conifer forest, tile 33TXM", Landscape.inset(land.conifer(), 60)));
        aois.put("lake", Map.entry("Lake, tile 33TWM", land.lakeGrown(-60)));
        aois.put("town", Map.entry("Town, tile 33TXM", Landscape.inset(land.town(), 40)));
        aois.put("fields-across-tiles", Map.entry("Fields straddling the 33TWM/33TXM overlap (needs both tiles)",
                Landscape.polygon(581550, 5090350, 582700, 5090350, 582700, 5090620, 581550, 5090620)));
        Polygon outer = land.lakeGrown(220);
        Polygon hole = land.lakeGrown(25);
        aois.put("lake-shore", Map.entry("Lake shore: a ring around the lake (polygon with a hole)",
                Landscape.factory().createPolygon(outer.getExteriorRing(), new LinearRing[] {hole.getExteriorRing()})));
        return aois;
    }

    private static JsonObject aois(Landscape land) {
        JsonArrayBuilder features = JsonValues.JSON.createArrayBuilder();
        for (var e : aoiPolygons(land).entrySet()) {
            Polygon p = e.getValue().getValue();
            JsonArrayBuilder rings = JsonValues.JSON.createArrayBuilder();
            rings.add(ring(p.getExteriorRing().getCoordinates(), true));
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                rings.add(ring(p.getInteriorRingN(h).getCoordinates(), false));
            }
            features.add(JsonValues.JSON.createObjectBuilder()
                    .add("type", "Feature")
                    .add("properties", JsonValues.JSON.createObjectBuilder()
                            .add("id", e.getKey())
                            .add("name", e.getValue().getKey()))
                    .add("geometry", JsonValues.JSON.createObjectBuilder()
                            .add("type", "Polygon")
                            .add("coordinates", rings)));
        }
        return JsonValues.JSON.createObjectBuilder()
                .add("type", "FeatureCollection")
                .add("name", "eobatch demo AOIs (" + SYNTHETIC_STATEMENT + ")")
                .add("features", features)
                .build();
    }

    /** A GeoJSON ring in lon/lat (RFC 7946: exterior counter-clockwise, holes clockwise). */
    private static JsonArrayBuilder ring(Coordinate[] utm, boolean exterior) {
        Coordinate[] c = utm.clone();
        if (Orientation.isCCW(c) != exterior) {
            for (int i = 0; i < c.length / 2; i++) {
                Coordinate t = c[i];
                c[i] = c[c.length - 1 - i];
                c[c.length - 1 - i] = t;
            }
        }
        JsonArrayBuilder ring = JsonValues.JSON.createArrayBuilder();
        for (Coordinate p : c) {
            double[] ll = toLonLat(p.x, p.y);
            ring.add(JsonValues.JSON.createArrayBuilder().add(num(ll[0], 7)).add(num(ll[1], 7)));
        }
        return ring;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Files

    private static String readme(long seed) {
        return String.join("\n",
                "eobatch demo catalog -- SYNTHETIC DATA",
                "",
                SYNTHETIC_STATEMENT + ".",
                "Nothing here was observed by a satellite. The scenes were computed from a seed (" + seed + ") by",
                "io.eobatch.demo.DemoCatalogGenerator to look like Sentinel-2 L2A items of Earth Search v1, so that",
                "eobatch can be tried and tested offline. Licence: CC0-1.0 (public domain dedication).",
                "",
                "Contents",
                "  catalog.json -> sentinel-2-l2a/collection.json -> 146 items sentinel-2-l2a/<id>/<id>.json",
                "  Each item: blue green red nir (B02 B03 B04 B08: UInt16 DN, 10 m, 250x250 px) and scl (UInt8, 20 m,",
                "  125x125 px), Cloud-Optimized GeoTIFFs (DEFLATE + predictor 2, 128 px tiles, overviews, nodata 0).",
                "  aois.geojson: demo areas of interest (EPSG:4326): wheat-field, maize-field, forest, conifer-forest,",
                "  lake, town, fields-across-tiles (straddles the tile overlap), lake-shore (has a hole).",
                "",
                "Scenes",
                "  Two tiles of EPSG:32633 (UTM 33N), labelled 33TWM (x 580000..582500) and 33TXM (x 581740..584240),",
                "  y 5090000..5092500, overlapping by 760 m (30 %); one scene per tile every 5 days, 2023-01-01..2023-12-27.",
                "  Land cover: lake, deciduous forest, conifer forest, town, fields of winter wheat (harvest mid-July),",
                "  maize (harvest early October) and grassland (cut twice). About 30 % of the dates are cloudy (SCL 8/9,",
                "  cirrus 10, shadows 3); 2023-01-21 has snow (SCL 11). Tile 33TXM misses its south-east corner",
                "  (DN 0, SCL 0) on every fourth date from 2023-01-06.",
                "  Reflectance = DN / 10000 where earthsearch:boa_offset_applied is true (baseline 05.00); the items of",
                "  every tenth date from 2023-02-05 are baseline 04.00 with boa_offset_applied false: reflectance =",
                "  (DN - 1000) / 10000 there.",
                "  eo:cloud_cover = percentage of valid SCL pixels in classes 8, 9, 10.",
                "");
    }

    private static String toJson(JsonObject o) {
        JsonWriterFactory f = JsonValues.JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter sw = new StringWriter();
        try (JsonWriter w = f.createWriter(sw)) {
            w.writeObject(o);
        }
        String s = sw.toString().strip();
        return s + "\n";
    }

    private static void writeJson(Path file, JsonObject o) throws IOException {
        writeText(file, toJson(o));
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }


    /**
     * Manual run: {@code DemoCatalogGenerator <dir> [seed]}. Needs a JSON-P implementation on the class path,
     * e.g. {@code mvn -q compile exec:java -Dexec.mainClass=io.eobatch.demo.DemoCatalogGenerator
     * -Dexec.classpathScope=test -Dexec.args="target/demo"}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            LOG.severe("usage: DemoCatalogGenerator <dir> [seed]");
            System.exit(2);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        generate(Path.of(args[0]), seed);
    }
}
