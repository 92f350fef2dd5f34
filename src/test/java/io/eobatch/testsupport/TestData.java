package io.eobatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import io.eobatch.aoi.Aoi;
import io.eobatch.aoi.GeoJsonAoiReader;
import io.eobatch.raster.RasterBand;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.stac.GeoJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * The one locator of the shared sample data (the folder {@code ../shared/data} beside the project, or the system
 * property {@code eobatch.shared.data}, which the pom passes to surefire and failsafe), for every test: a test that
 * asks for a part that is absent is skipped with a message saying where it looked and how to point elsewhere. Also
 * building scenes from that data, reading GeoJSON AOIs and expected JSON lines.
 */
public final class TestData {

    /** Where the shared data is expected (absolute; not checked: see {@link #shared}). */
    public static final Path SHARED_DATA = Path.of(System.getProperty("eobatch.shared.data", "../shared/data"))
            .toAbsolutePath().normalize();
    /** The creation time given to the sample AOIs read by {@link #allSampleAois}. */
    public static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

    private static final String DRAVA_ITEMS = "s2l2a-drava-2023-08/sentinel-2-l2a";
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Pattern EPSG_NAME = Pattern.compile("EPSG:+(\\d+)$");

    private TestData() {
    }

    /** The shared data folder; skips the test when it is absent. */
    public static Path sharedData() {
        return shared("");
    }

    /**
     * File or folder {@code relative} of the shared data ({@code "aoi/aoi-drava.geojson"}); skips the test, saying
     * so, when it is absent.
     */
    public static Path shared(String relative) {
        Path p = SHARED_DATA.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared sample data absent (no " + p + "): test skipped; set "
                + "-Deobatch.shared.data to the folder that holds it");
        return p;
    }

    /** The drava item folder {@code sentinel-2-l2a/<item>}. */
    public static Path dravaItem(String itemId) {
        return sharedData().resolve(DRAVA_ITEMS).resolve(itemId);
    }

    /** The STAC JSON of drava item {@code itemId} ({@code sentinel-2-l2a/<item>/<item>.json}). */
    public static Path dravaItemJson(String itemId) {
        return dravaItem(itemId).resolve(itemId + ".json");
    }

    /** The ids of the 10 drava items, sorted. */
    public static List<String> dravaItems() throws IOException {
        try (var s = Files.list(sharedData().resolve(DRAVA_ITEMS))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The static catalog of 10 Sentinel-2 L2A clips over the Drava valley. */
    public static Path dravaCatalog() {
        return shared("s2l2a-drava-2023-08/catalog.json");
    }

    /** The unmodified Earth Search v1 item S2A_29RKH_20200219_0_L2A. */
    public static Path earthSearchItem() {
        return shared("s2l2a-29RKH-20200219/S2A_29RKH_20200219_0_L2A.json");
    }

    /** The AOIs of aoi/aoi-drava.geojson by feature id (drava-a, drava-b), read by {@link GeoJson} (EPSG:4326). */
    public static Map<String, Geometry> dravaAois() {
        JsonObject fc = readJson(aoiFile("aoi-drava.geojson"));
        Map<String, Geometry> out = new LinkedHashMap<>();
        for (JsonValue f : fc.getJsonArray("features")) {
            JsonObject feature = f.asJsonObject();
            out.put(feature.getJsonObject("properties").getString("id"), GeoJson.read(feature));
        }
        return out;
    }

    /** AOI file {@code name} of the shared {@code aoi} folder (skips the test when that folder is absent). */
    public static Path aoiFile(String name) {
        return shared("aoi").resolve(name);
    }

    /** The bytes of AOI file {@code name}. */
    public static byte[] aoiBytes(String name) {
        try {
            return Files.readAllBytes(aoiFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AOIs of aoi-drava.geojson and aoi-29RKH.geojson, in file order, created at {@link #CREATED}. */
    public static List<Aoi> allSampleAois() {
        List<Aoi> all = new ArrayList<>();
        for (String f : List.of("aoi-drava.geojson", "aoi-29RKH.geojson")) {
            GeoJsonAoiReader.read(aoiBytes(f), CREATED).forEach(p -> all.add(p.aoi()));
        }
        return all;
    }

    /** A JSON file's object. */
    public static JsonObject readJson(Path p) {
        try (JsonReader r = Json.createReader(Files.newBufferedReader(p))) {
            return r.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource as a path (resources live in src/test/resources). */
    public static Path resource(String name) {
        var url = TestData.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A scene from a folder holding B02/B03/B04/B08/SCL.tif (those present) and optionally the item JSON
     * ({@code <folder>/<itemId>.json} or any *.json), whose eo:cloud_cover, s2:processing_baseline and
     * earthsearch:boa_offset_applied give cloud cover and BOA offset.
     */
    public static SceneInput scene(Path folder) throws IOException {
        Map<Band, RasterBand> bands = new EnumMap<>(Band.class);
        for (Band b : Band.values()) {
            Path f = folder.resolve(b.sentinel2Name() + ".tif");
            if (Files.isRegularFile(f)) {
                bands.put(b, TestRasters.open(f));
            }
        }
        String id = folder.getFileName().toString();
        double cloud = Double.NaN;
        int offset = 0;
        Path json;
        try (var s = Files.list(folder)) {
            json = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElse(null);
        }
        if (json != null) {
            try (Reader r = Files.newBufferedReader(json); JsonReader jr = Json.createReader(r)) {
                JsonObject item = jr.readObject();
                id = item.getString("id", id);
                JsonObject props = item.getJsonObject("properties");
                if (props.containsKey("eo:cloud_cover")) {
                    cloud = props.getJsonNumber("eo:cloud_cover").doubleValue();
                }
                Boolean applied = props.containsKey("earthsearch:boa_offset_applied")
                        ? props.getBoolean("earthsearch:boa_offset_applied") : null;
                offset = SceneInput.boaOffset(props.getString("s2:processing_baseline", null), applied);
            }
        }
        return new SceneInput(id, cloud, bands, TestRasters.open(folder.resolve("SCL.tif")), offset);
    }

    /** Closes the bands of a scene. */
    public static void close(SceneInput scene) throws IOException {
        for (RasterBand b : scene.bands().values()) {
            b.close();
        }
        scene.scl().close();
    }

    /** A feature of a GeoJSON FeatureCollection: its "id" property, its geometry and the collection's EPSG. */
    public record Feature(String id, Geometry geometry, int epsg) {
    }

    /**
     * The features of a GeoJSON FeatureCollection (Polygon/MultiPolygon), in order. The CRS is EPSG:4326 (lon/lat)
     * unless the legacy "crs" member names another EPSG code (as GDAL's GeoJSON driver accepts).
     */
    public static List<Feature> features(Path geojson) throws IOException {
        try (InputStream in = Files.newInputStream(geojson); JsonReader jr = Json.createReader(in)) {
            JsonObject fc = jr.readObject();
            int epsg = 4326;
            if (fc.containsKey("crs")) {
                String name = fc.getJsonObject("crs").getJsonObject("properties").getString("name");
                Matcher m = EPSG_NAME.matcher(name);
                if (!m.find()) {
                    throw new IOException(geojson + ": crs " + name + " is not an EPSG code");
                }
                epsg = Integer.parseInt(m.group(1));
            }
            List<Feature> out = new ArrayList<>();
            for (JsonObject f : fc.getJsonArray("features").getValuesAs(JsonObject.class)) {
                out.add(new Feature(f.getJsonObject("properties").getString("id"), geometry(f.getJsonObject("geometry")),
                        epsg));
            }
            return out;
        }
    }

    /** Features by id. */
    public static Map<String, Feature> featuresById(Path geojson) throws IOException {
        Map<String, Feature> m = new LinkedHashMap<>();
        for (Feature f : features(geojson)) {
            m.put(f.id(), f);
        }
        return m;
    }

    /** A GeoJSON Polygon or MultiPolygon as JTS (x = first ordinate). */
    public static Geometry geometry(JsonObject g) {
        String type = g.getString("type");
        JsonArray coords = g.getJsonArray("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coords);
            case "MultiPolygon" -> GF.createMultiPolygon(coords.getValuesAs(JsonArray.class).stream()
                    .map(TestData::polygon).toArray(Polygon[]::new));
            default -> throw new IllegalArgumentException("unsupported GeoJSON geometry " + type);
        };
    }

    private static Polygon polygon(JsonArray rings) {
        List<LinearRing> rs = new ArrayList<>();
        for (JsonArray ring : rings.getValuesAs(JsonArray.class)) {
            Coordinate[] cs = ring.getValuesAs(JsonArray.class).stream()
                    .map(p -> new Coordinate(p.getJsonNumber(0).doubleValue(), p.getJsonNumber(1).doubleValue()))
                    .toArray(Coordinate[]::new);
            rs.add(GF.createLinearRing(cs));
        }
        return GF.createPolygon(rs.get(0), rs.subList(1, rs.size()).toArray(new LinearRing[0]));
    }

    /** Lines of JSON objects (the reference script's output), keyed by "id". */
    public static Map<String, JsonObject> expectedLines(Path jsonl) throws IOException {
        Map<String, JsonObject> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try (JsonReader jr = Json.createReader(new java.io.StringReader(line))) {
                JsonObject o = jr.readObject();
                m.put(o.getString("id"), o);
            }
        }
        return m;
    }
}
