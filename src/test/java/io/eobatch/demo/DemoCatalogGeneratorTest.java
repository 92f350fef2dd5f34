package io.eobatch.demo;

import io.eobatch.raster.Crs;
import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.tiff.CogTestReader;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generates the demo catalog once (default seed) and checks it: determinism, STAC structure and hrefs, the COGs'
 * grids, the SCL-derived cloud cover, and that the statistics over the demo AOIs look like the landscape meant
 * (summer forest greener than water, cloudy scenes less clear, wheat NDVI falls after harvest, ...).
 */
class DemoCatalogGeneratorTest {

    private static final Logger LOG = Logger.getLogger(DemoCatalogGeneratorTest.class.getName());
    private static final Set<Integer> INVALID_SCL = Set.of(0, 1, 3, 8, 9, 10);
    private static final GeometryFactory GF = new GeometryFactory();

    @TempDir
    static Path dir;

    static DemoCatalogGenerator.Summary summary;
    static List<Item> items;
    static Map<String, Geometry> aois;

    /** An item as parsed from its JSON, with its directory. */
    record Item(JsonObject json, Path dir) {
        String id() {
            return json.getString("id");
        }

        JsonObject props() {
            return json.getJsonObject("properties");
        }

        String gridCode() {
            return props().getString("grid:code");
        }

        LocalDate date() {
            return OffsetDateTime.parse(props().getString("datetime")).toLocalDate();
        }

        double cloudCover() {
            return props().getJsonNumber("eo:cloud_cover").doubleValue();
        }

        int dnOffset() {
            return props().getBoolean("earthsearch:boa_offset_applied") ? 0 : 1000;
        }

        Path asset(String key) {
            return dir.resolve(json.getJsonObject("assets").getJsonObject(key).getString("href"));
        }

        double[] decode(String key) {
            try {
                return CogTestReader.read(asset(key)).decode(0);
            } catch (IOException e) {
                throw new IllegalStateException(asset(key).toString(), e);
            }
        }
    }

    /** Per-AOI statistics of one item: mean NDVI of valid pixels, clear fraction, pixel counts. */
    record Stats(double meanNdvi, double clearFraction, int pixels, int valid) {
    }

    @BeforeAll
    static void generate() throws IOException {
        summary = DemoCatalogGenerator.generate(dir, DemoCatalogGenerator.DEFAULT_SEED);
        LOG.info("generated " + summary);
        items = readItems(dir);
        aois = readAois(dir.resolve("aois.geojson"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Determinism and size

    @Test
    void sameSeedGivesByteIdenticalFiles(@TempDir Path other) throws Exception {
        DemoCatalogGenerator.generate(other, DemoCatalogGenerator.DEFAULT_SEED);
        Map<String, String> a = hashes(dir);
        Map<String, String> b = hashes(other);
        assertEquals(880, a.size(), "files: 146 items x 6 + collection, catalog, aois, README");
        assertEquals(a, b, "same seed, same bytes");
    }

    @Test
    void sizeIsSmall() {
        assertEquals(146, summary.items());
        // About 39.5 MB with Debian 12's zlib; the aim is below 40 MB, some slack for other zlib builds.
        assertTrue(summary.bytes() < 42_000_000, "demo catalog should stay small, is " + summary.bytes() + " bytes");
    }

    @Test
    void seedChangesTheData() {
        Landscape land = new Landscape(1);
        DemoScene.TileModel model = new DemoScene.TileModel(land, DemoCatalogGenerator.TILES.get(0).grid10());
        int[] doy = new int[73];
        for (int d = 0; d < 73; d++) {
            doy[d] = 1 + 5 * d;
        }
        Sky[] s1 = Sky.year(1, doy, DemoCatalogGenerator.HOUR_UTC, 4);
        Sky[] s2 = Sky.year(2, doy, DemoCatalogGenerator.HOUR_UTC, 4);
        assertEquals(22, Stream.of(s1).filter(s -> s.cloudy).count(), "30 % of 73 dates are cloudy");
        assertFalse(s1[4].cloudy, "the snow date is clear");
        assertTrue(s1[4].snow);
        DemoScene.Result r1 = DemoScene.render(1, 40, doy[40], model, s1[40], (x, y) -> false, 0);
        DemoScene.Result r2 = DemoScene.render(2, 40, doy[40], model, s2[40], (x, y) -> false, 0);
        assertFalse(java.util.Arrays.equals(r1.red(), r2.red()), "another seed gives other pixels");
        DemoScene.Result again = DemoScene.render(1, 40, doy[40], model, s1[40], (x, y) -> false, 0);
        assertArrayEquals(r1.red(), again.red());
    }

    // ---------------------------------------------------------------------------------------------------------
    // STAC structure

    @Test
    void catalogAndCollectionSaySyntheticAndLinkEverything() throws IOException {
        JsonObject catalog = readJson(dir.resolve("catalog.json"));
        assertEquals("Catalog", catalog.getString("type"));
        assertTrue(catalog.getString("description").contains(DemoCatalogGenerator.SYNTHETIC_STATEMENT));
        assertTrue(catalog.getString("title").contains("synthetic"));
        assertLinksResolve(dir.resolve("catalog.json"), catalog);
        Path collectionFile = dir.resolve(hrefOf(catalog, "child"));
        JsonObject collection = readJson(collectionFile);
        assertEquals("Collection", collection.getString("type"));
        assertEquals("sentinel-2-l2a", collection.getString("id"));
        assertEquals("CC0-1.0", collection.getString("license"));
        assertTrue(collection.getString("title").contains(DemoCatalogGenerator.SYNTHETIC_STATEMENT));
        assertTrue(collection.getString("description").startsWith(DemoCatalogGenerator.SYNTHETIC_STATEMENT));
        assertEquals(146, collection.getJsonArray("links").stream()
                .filter(l -> l.asJsonObject().getString("rel").equals("item")).count());
        assertLinksResolve(collectionFile, collection);
        JsonArray bbox = collection.getJsonObject("extent").getJsonObject("spatial").getJsonArray("bbox").getJsonArray(0);
        assertEquals(4, bbox.size());
        String readme = Files.readString(dir.resolve("README.txt"));
        assertTrue(readme.contains("SYNTHETIC") && readme.contains(DemoCatalogGenerator.SYNTHETIC_STATEMENT), readme);
    }

    @Test
    void itemsFollowEarthSearchV1() {
        assertEquals(146, items.size());
        Map<String, List<LocalDate>> datesByTile = new TreeMap<>();
        for (Item item : items) {
            JsonObject p = item.props();
            String where = item.id() + ": ";
            assertEquals("Feature", item.json().getString("type"), where + "type");
            assertEquals("sentinel-2-l2a", item.json().getString("collection"), where + "collection");
            assertEquals(JsonValue.TRUE, p.get("eobatch:synthetic"), where + "eobatch:synthetic");
            assertEquals(32633, p.getInt("proj:epsg"), where + "proj:epsg");
            assertEquals("sentinel-2", p.getString("constellation"), where + "constellation");
            assertTrue(Set.of("sentinel-2a", "sentinel-2b").contains(p.getString("platform")), where + "platform");
            assertTrue(item.id().startsWith(p.getString("platform").equals("sentinel-2a") ? "S2A_" : "S2B_"), where + "id/platform");
            assertTrue(Set.of("MGRS-33TWM", "MGRS-33TXM").contains(item.gridCode()), where + "grid:code");
            assertTrue(item.id().contains("_" + item.gridCode().substring(5) + "_"), where + "id/grid:code");
            String baseline = p.getString("s2:processing_baseline");
            boolean applied = p.getBoolean("earthsearch:boa_offset_applied");
            assertTrue(baseline.equals("05.00") && applied || baseline.equals("04.00") && !applied,
                    where + "baseline " + baseline + " with boa_offset_applied " + applied);
            double cc = item.cloudCover();
            assertTrue(cc >= 0 && cc <= 100, where + "eo:cloud_cover " + cc);
            assertEquals(5, item.json().getJsonObject("assets").size(), where + "assets");
            for (String key : List.of("blue", "green", "red", "nir", "scl")) {
                JsonObject asset = item.json().getJsonObject("assets").getJsonObject(key);
                String href = asset.getString("href");
                assertTrue(href.startsWith("./"), where + key + " href should be relative: " + href);
                assertTrue(Files.isRegularFile(item.dir().resolve(href)), where + key + " href " + href + " does not resolve");
                int side = key.equals("scl") ? 125 : 250;
                assertEquals(Json.createArrayBuilder().add(side).add(side).build(), asset.getJsonArray("proj:shape"),
                        where + key + " proj:shape");
                assertEquals(6, asset.getJsonArray("proj:transform").size(), where + key + " proj:transform");
            }
            assertLinksResolve(item.dir().resolve(item.id() + ".json"), item.json());
            datesByTile.computeIfAbsent(item.gridCode(), k -> new ArrayList<>()).add(item.date());
        }
        assertEquals(Set.of("MGRS-33TWM", "MGRS-33TXM"), datesByTile.keySet());
        for (List<LocalDate> dates : datesByTile.values()) {
            dates.sort(null);
            assertEquals(73, dates.size());
            assertEquals(LocalDate.of(2023, 1, 1), dates.get(0));
            assertEquals(LocalDate.of(2023, 12, 27), dates.get(72));
            for (int i = 1; i < dates.size(); i++) {
                assertEquals(dates.get(i - 1).plusDays(5), dates.get(i));
            }
        }
        long old = items.stream().filter(i -> i.props().getString("s2:processing_baseline").equals("04.00")).count();
        assertEquals(14, old, "every tenth date (x 2 tiles) is baseline 04.00");
    }

    @Test
    void cogsHaveTheGridTheItemSays() throws IOException {
        for (Item item : items) {
            for (String key : List.of("blue", "green", "red", "nir", "scl")) {
                JsonObject asset = item.json().getJsonObject("assets").getJsonObject(key);
                CogTestReader r = CogTestReader.read(item.asset(key));
                String where = item.id() + " " + key + ": ";
                JsonArray t = asset.getJsonArray("proj:transform");
                GridGeometry expected = new GridGeometry(32633,
                        asset.getJsonArray("proj:shape").getInt(1), asset.getJsonArray("proj:shape").getInt(0),
                        t.getJsonNumber(2).doubleValue(), t.getJsonNumber(5).doubleValue(),
                        t.getJsonNumber(0).doubleValue(), t.getJsonNumber(4).doubleValue());
                assertEquals(expected, r.grid(), where + "grid");
                assertEquals(0.0, r.nodata(), where + "nodata");
                assertEquals(128, r.ifds().get(0).tileWidth(), where + "tile size");
                assertEquals(key.equals("scl") ? 8 : 16, r.ifds().get(0).bitsPerSample(), where + "bits");
                assertEquals(key.equals("scl") ? 1 : 2, r.ifds().size(), where + "levels (full + overviews)");
                assertEquals(2, r.ifds().get(0).predictor(), where + "predictor");
            }
        }
        // Both tiles on the EPSG:32633 10 m grid, 1740 m apart: 30 % overlap.
        Item a = items.stream().filter(i -> i.gridCode().endsWith("TWM")).findFirst().orElseThrow();
        Item b = items.stream().filter(i -> i.gridCode().endsWith("TXM")).findFirst().orElseThrow();
        GridGeometry ga = CogTestReader.read(a.asset("red")).grid();
        GridGeometry gb = CogTestReader.read(b.asset("red")).grid();
        assertEquals(new GridGeometry(32633, 250, 250, 580000, 5092500, 10, -10), ga);
        assertEquals(new GridGeometry(32633, 250, 250, 581740, 5092500, 10, -10), gb);
        double overlap = (ga.bounds()[2] - gb.bounds()[0]) / (ga.bounds()[2] - ga.bounds()[0]);
        assertEquals(0.304, overlap, 1e-9);
    }

    @Test
    void cloudCoverIsComputedFromTheScl() {
        int cloudy = 0;
        int overcast = 0;
        int partly = 0;
        for (Item item : items) {
            double[] scl = item.decode("scl");
            int valid = 0;
            int clouds = 0;
            for (double v : scl) {
                if (v != 0) {
                    valid++;
                }
                if (v == 8 || v == 9 || v == 10) {
                    clouds++;
                }
            }
            double cc = 100.0 * clouds / valid;
            assertEquals(cc, item.cloudCover(), 1e-6, item.id() + ": eo:cloud_cover vs SCL");
            if (cc > 0) {
                cloudy++;
            }
            if (cc > 90) {
                overcast++;
            } else if (cc > 5 && cc < 60) {
                partly++;
            }
        }
        assertTrue(cloudy >= 0.2 * 146 && cloudy <= 0.4 * 146, "about 30 % cloudy, got " + cloudy + " of 146");
        assertTrue(overcast >= 2, "some overcast scenes: " + overcast);
        assertTrue(partly >= 6, "some partly cloudy scenes: " + partly);
    }

    @Test
    void cloudsAreBrightAndShadowsDark() {
        Item item = items.stream().filter(i -> i.cloudCover() > 20 && i.cloudCover() < 80).findFirst().orElseThrow();
        double[] scl = item.decode("scl");
        double[] red = item.decode("red");
        double cloud = 0;
        double shadow = 0;
        double clear = 0;
        int nc = 0;
        int ns = 0;
        int nk = 0;
        for (int r = 0; r < 250; r++) {
            for (int c = 0; c < 250; c++) {
                int s = (int) scl[(r / 2) * 125 + c / 2];
                double v = red[r * 250 + c] - item.dnOffset();
                if (s == 9) {
                    cloud += v;
                    nc++;
                } else if (s == 3) {
                    shadow += v;
                    ns++;
                } else if (s == 4 || s == 5) {
                    clear += v;
                    nk++;
                }
            }
        }
        assertTrue(nc > 0 && nk > 0, item.id() + " should have thick cloud and clear land");
        assertTrue(cloud / nc > 4000, item.id() + ": clouds bright, red DN " + cloud / nc);
        assertTrue(cloud / nc > 3 * clear / nk, item.id() + ": clouds brighter than land");
        if (ns > 0) {
            assertTrue(shadow / ns < clear / nk, item.id() + ": shadows darker than clear land");
        }
    }

    @Test
    void swathEdgeLeavesNoDataInOneTilesCorner() {
        int withNoData = 0;
        for (Item item : items) {
            double pct = item.props().getJsonNumber("s2:nodata_pixel_percentage").doubleValue();
            if (item.gridCode().endsWith("TWM")) {
                assertEquals(0.0, pct, item.id() + " has no swath edge");
                continue;
            }
            if (pct > 0) {
                withNoData++;
                double[] red = item.decode("red");
                double[] scl = item.decode("scl");
                assertEquals(0.0, red[249 * 250 + 249], item.id() + ": south-east corner is nodata");
                assertEquals(0.0, scl[124 * 125 + 124], item.id() + ": SCL 0 in the corner");
                assertTrue(red[0] > 0, item.id() + ": north-west corner has data");
                assertTrue(pct > 3 && pct < 15, item.id() + ": nodata share " + pct);
            }
        }
        assertEquals(18, withNoData, "every fourth date of 33TXM");
    }

    @Test
    void overlappingTilesAgreePixelForPixel() {
        Map<LocalDate, Item[]> byDate = new TreeMap<>();
        for (Item i : items) {
            byDate.computeIfAbsent(i.date(), d -> new Item[2])[i.gridCode().endsWith("TWM") ? 0 : 1] = i;
        }
        List<Item[]> pairs = new ArrayList<>();
        byDate.values().stream().filter(p -> p[0].cloudCover() > 0).limit(3).forEach(pairs::add);
        byDate.values().stream().filter(p -> p[0].cloudCover() == 0).limit(3).forEach(pairs::add);
        int checked = 0;
        for (Item[] pair : pairs) {
            checked++;
            for (String key : List.of("red", "nir")) {
                double[] a = pair[0].decode(key);
                double[] b = pair[1].decode(key);
                for (int r = 0; r < 250; r++) {
                    for (int c = 0; c < 76; c++) {
                        double vb = b[r * 250 + c];
                        if (vb != 0) {
                            assertEquals(a[r * 250 + 174 + c], vb, pair[0].id() + " " + key + " at row " + r + " col " + c);
                        }
                    }
                }
            }
            double[] sa = pair[0].decode("scl");
            double[] sb = pair[1].decode("scl");
            for (int r = 0; r < 125; r++) {
                for (int c = 0; c < 38; c++) {
                    if (sb[r * 125 + c] != 0) {
                        assertEquals(sa[r * 125 + 87 + c], sb[r * 125 + c], pair[0].id() + " SCL at " + r + "," + c);
                    }
                }
            }
        }
        assertEquals(6, checked);
    }

    // ---------------------------------------------------------------------------------------------------------
    // AOIs and statistics

    @Test
    void aoisCoverTheLandscape() throws IOException {
        JsonObject fc = readJson(dir.resolve("aois.geojson"));
        assertEquals("FeatureCollection", fc.getString("type"));
        List<String> ids = fc.getJsonArray("features").stream()
                .map(f -> f.asJsonObject().getJsonObject("properties").getString("id")).toList();
        assertEquals(List.of("wheat-field", "maize-field", "forest", "conifer-forest", "lake", "town",
                "fields-across-tiles", "lake-shore"), ids);
        fc.getJsonArray("features").forEach(f -> assertFalse(
                f.asJsonObject().getJsonObject("properties").getString("name").isBlank()));
        Polygon ring = (Polygon) aois.get("lake-shore");
        assertEquals(1, ring.getNumInteriorRing(), "lake-shore has a hole");
        assertFalse(ring.intersects(aois.get("lake")), "the hole excludes the lake");

        Geometry aOnly = box(580000, 581740);
        Geometry overlap = box(581740, 582500);
        Geometry bOnly = box(582500, 584240);
        Geometry across = aois.get("fields-across-tiles");
        assertTrue(across.intersects(aOnly) && across.intersects(overlap) && across.intersects(bOnly),
                "fields-across-tiles straddles the overlap");
        for (String id : List.of("wheat-field", "forest", "lake", "lake-shore")) {
            assertTrue(box(580000, 582500).contains(aois.get(id)), id + " inside tile 33TWM");
        }
        for (String id : List.of("maize-field", "conifer-forest", "town")) {
            assertTrue(box(581740, 584240).contains(aois.get(id)), id + " inside tile 33TXM");
        }
        // Land cover under each AOI on a clear summer day, from the SCL.
        Item summerA = clearItem("TWM", LocalDate.of(2023, 7, 1), LocalDate.of(2023, 8, 31), "lake");
        Item summerB = clearItem("TXM", LocalDate.of(2023, 7, 1), LocalDate.of(2023, 8, 31), "town");
        assertEquals(1.0, sclShare(summerA, "lake", 6), 1e-9, "lake is water in " + summerA.id());
        assertEquals(1.0, sclShare(summerA, "forest", 4), 1e-9, "forest is vegetation in " + summerA.id());
        assertEquals(1.0, sclShare(summerB, "town", 5), 1e-9, "town is not vegetated in " + summerB.id());
        assertEquals(1.0, sclShare(summerB, "conifer-forest", 4), 1e-9, "conifers are vegetation in " + summerB.id());
        assertEquals(0.0, sclShare(summerA, "lake-shore", 6), 0.02, "lake-shore has (almost) no water");
    }

    @Test
    void summerForestIsGreenerThanWater() {
        Item july = clearItem("TWM", LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 31), "forest", "lake");
        Stats forest = stats(july, "forest");
        Stats lake = stats(july, "lake");
        LOG.info(july.id() + " forest " + forest + " lake " + lake);
        assertTrue(forest.pixels() > 500 && lake.pixels() > 500, "AOIs cover enough pixels");
        assertTrue(forest.meanNdvi() > 0.75, "July deciduous forest NDVI " + forest.meanNdvi());
        assertTrue(lake.meanNdvi() < 0, "lake NDVI " + lake.meanNdvi());
        assertTrue(forest.meanNdvi() > lake.meanNdvi());
        Stats town = stats(clearItem("TXM", LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 31), "town"), "town");
        LOG.info("town " + town);
        assertTrue(town.meanNdvi() > 0.1 && town.meanNdvi() < 0.25, "town NDVI " + town.meanNdvi());
    }

    @Test
    void deciduousForestFollowsTheSeasonsConifersDoNot() {
        LocalDate jan1 = LocalDate.of(2023, 1, 1);
        LocalDate mar15 = LocalDate.of(2023, 3, 15);
        LocalDate jun15 = LocalDate.of(2023, 6, 15);
        LocalDate aug31 = LocalDate.of(2023, 8, 31);
        double winter = stats(clearItem("TWM", jan1, mar15, "forest"), "forest").meanNdvi();
        double summer = stats(clearItem("TWM", jun15, aug31, "forest"), "forest").meanNdvi();
        LOG.info("deciduous winter " + winter + " summer " + summer);
        assertTrue(summer - winter > 0.35, "deciduous: winter " + winter + ", summer " + summer);
        double cWinter = stats(clearItem("TXM", jan1, mar15, "conifer-forest"), "conifer-forest").meanNdvi();
        double cSummer = stats(clearItem("TXM", jun15, aug31, "conifer-forest"), "conifer-forest").meanNdvi();
        LOG.info("conifer winter " + cWinter + " summer " + cSummer);
        assertTrue(cWinter > 0.7 && cSummer > 0.7 && Math.abs(cSummer - cWinter) < 0.1,
                "conifer: winter " + cWinter + ", summer " + cSummer);
    }

    @Test
    void cropNdviRisesAndDropsAfterHarvest() {
        double wheatPeak = stats(clearItem("TWM", LocalDate.of(2023, 5, 1), LocalDate.of(2023, 6, 5), "wheat-field"),
                "wheat-field").meanNdvi();
        double wheatAfter = stats(clearItem("TWM", LocalDate.of(2023, 7, 25), LocalDate.of(2023, 8, 31), "wheat-field"),
                "wheat-field").meanNdvi();
        assertTrue(wheatPeak > 0.75, "wheat in May " + wheatPeak);
        assertTrue(wheatAfter < 0.35, "wheat stubble after the July harvest " + wheatAfter);

        double maizeSpring = stats(clearItem("TXM", LocalDate.of(2023, 3, 1), LocalDate.of(2023, 4, 30), "maize-field"),
                "maize-field").meanNdvi();
        double maizePeak = stats(clearItem("TXM", LocalDate.of(2023, 7, 25), LocalDate.of(2023, 8, 31), "maize-field"),
                "maize-field").meanNdvi();
        double maizeAfter = stats(clearItem("TXM", LocalDate.of(2023, 10, 15), LocalDate.of(2023, 11, 30), "maize-field"),
                "maize-field").meanNdvi();
        LOG.info("wheat peak " + wheatPeak + " after " + wheatAfter + "; maize spring " + maizeSpring + " peak " + maizePeak
                + " after " + maizeAfter);
        assertTrue(maizeSpring < 0.3, "maize field bare in spring " + maizeSpring);
        assertTrue(maizePeak > 0.75, "maize in August " + maizePeak);
        assertTrue(maizeAfter < 0.3, "maize field after the October harvest " + maizeAfter);
        // Different calendars: in August wheat is harvested while maize is at its peak.
        assertTrue(maizePeak - wheatAfter > 0.4);
    }

    @Test
    void cloudyScenesAreLessClearOverAnAoi() {
        List<Double> clearOnClearDays = new ArrayList<>();
        List<Double> clearOnCloudyDays = new ArrayList<>();
        for (Item item : items) {
            if (!item.gridCode().endsWith("TWM")) {
                continue;
            }
            double clear = stats(item, "fields-across-tiles").clearFraction();
            if (item.cloudCover() == 0) {
                clearOnClearDays.add(clear);
            } else if (item.cloudCover() > 50) {
                clearOnCloudyDays.add(clear);
            }
        }
        double clearMean = clearOnClearDays.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double cloudyMean = clearOnCloudyDays.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        LOG.info("clear fraction: " + clearMean + " on " + clearOnClearDays.size() + " clear items, " + cloudyMean + " on "
                + clearOnCloudyDays.size() + " cloudy items");
        assertTrue(clearOnClearDays.size() > 40 && clearOnCloudyDays.size() >= 5,
                clearOnClearDays.size() + " clear, " + clearOnCloudyDays.size() + " cloudy items");
        assertEquals(1.0, clearMean, 1e-9, "scenes without clouds are fully clear");
        assertTrue(cloudyMean < 0.5, "scenes more than half cloudy: mean clear fraction " + cloudyMean);
    }

    @Test
    void baseline04ItemsCarryTheBoaOffset() {
        int checked = 0;
        for (Item item : items) {
            if (item.dnOffset() == 0 || item.cloudCover() > 0 || !item.gridCode().endsWith("TWM")) {
                continue;
            }
            // Compare with the clear 05.00 items of the dates around it: water reflectance changes slowly.
            Stats old = stats(item, "lake");
            double[] red = item.decode("red");
            double min = 65535;
            for (double v : red) {
                min = Math.min(min, v);
            }
            assertTrue(min >= 1000, item.id() + ": DNs of a 04.00 item carry the +1000 offset, min " + min);
            Item neighbour = items.stream()
                    .filter(i -> i.gridCode().endsWith("TWM") && i.dnOffset() == 0 && i.cloudCover() == 0)
                    .min((x, y) -> Long.compare(Math.abs(x.date().toEpochDay() - item.date().toEpochDay()),
                            Math.abs(y.date().toEpochDay() - item.date().toEpochDay())))
                    .orElseThrow();
            double redOld = meanDn(item, "red", "lake") - 1000;
            double redNew = meanDn(neighbour, "red", "lake");
            LOG.info(item.id() + " lake red DN - 1000 = " + redOld + ", " + neighbour.id() + ": " + redNew);
            assertEquals(redNew, redOld, 20, item.id() + " vs " + neighbour.id() + ": lake red DN after removing the offset");
            assertTrue(old.meanNdvi() < 0, item.id() + ": lake NDVI with the offset removed " + old.meanNdvi());
            checked++;
        }
        assertTrue(checked >= 3, "clear 04.00 items checked: " + checked);
    }

    /**
     * The test's pixel-centre statistics equal GDAL's. Expected values were computed once with
     * {@code /usr/bin/python3 /work/shared/tools/gdal_zonal_ndvi.py B04.tif B08.tif SCL.tif aois.geojson} in each item's
     * directory of a catalog generated with the default seed (GDAL 3.6.2): AOI id, pixels in polygon, mean NDVI.
     * They change whenever the generator's output changes (then recompute them with the same command).
     */
    @Test
    void statisticsMatchGdalsZonalReference() {
        Object[][] expected = {
                {"S2B_33TWM_20230715_0_L2A", "wheat-field", 837, 0.41634547675734884},
                {"S2B_33TWM_20230715_0_L2A", "forest", 6733, 0.8409217282735648},
                {"S2B_33TWM_20230715_0_L2A", "lake", 1392, -0.16686516585562908},
                {"S2B_33TWM_20230715_0_L2A", "fields-across-tiles", 2565, 0.753247854013108},
                {"S2B_33TWM_20230715_0_L2A", "lake-shore", 4843, 0.6631639966460272},
                {"S2B_33TXM_20230715_0_L2A", "maize-field", 874, 0.7880111044867593},
                {"S2B_33TXM_20230715_0_L2A", "conifer-forest", 5012, 0.8391853105489474},
                {"S2B_33TXM_20230715_0_L2A", "town", 4285, 0.1973734856406799},
                {"S2B_33TXM_20230715_0_L2A", "fields-across-tiles", 2592, 0.7640720825729435},
        };
        for (Object[] e : expected) {
            Item item = items.stream().filter(i -> i.id().equals(e[0])).findFirst().orElseThrow();
            Stats st = stats(item, (String) e[1]);
            assertEquals((int) e[2], st.pixels(), e[0] + " " + e[1] + ": pixels in polygon");
            assertEquals((int) e[2], st.valid(), e[0] + " " + e[1] + ": valid pixels (clear scene)");
            assertEquals((double) e[3], st.meanNdvi(), 1e-12, e[0] + " " + e[1] + ": mean NDVI");
        }
    }

    /** GDAL's COG validator accepts the demo's files (skipped without GDAL). */
    @Test
    void demoCogsAreValidForGdal() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path validator = Path.of("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdalinfo"))
                && Files.isRegularFile(validator), "GDAL and its COG validator are not installed");
        Item item = items.stream().filter(i -> i.props().getJsonNumber("s2:nodata_pixel_percentage").doubleValue() > 0
                && i.cloudCover() > 0).findFirst().orElse(items.get(1));
        for (String key : List.of("blue", "green", "red", "nir", "scl")) {
            Process p = new ProcessBuilder(python.toString(), validator.toString(), "--full-check=yes",
                    item.asset(key).toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), item.id() + " " + key + ": " + out);
            assertTrue(out.contains("is a valid cloud optimized GeoTIFF"), item.id() + " " + key + ": " + out);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    /** The clear (AOI clear fraction 1) item of a tile closest to the middle of [from, to] for all the AOIs. */
    private static Item clearItem(String tile, LocalDate from, LocalDate to, String... aoiIds) {
        long mid = (from.toEpochDay() + to.toEpochDay()) / 2;
        return items.stream()
                .filter(i -> i.gridCode().endsWith(tile) && !i.date().isBefore(from) && !i.date().isAfter(to))
                .filter(i -> Stream.of(aoiIds).allMatch(a -> stats(i, a).clearFraction() == 1.0))
                .min((x, y) -> Long.compare(Math.abs(x.date().toEpochDay() - mid), Math.abs(y.date().toEpochDay() - mid)))
                .orElseThrow(() -> new AssertionError("no clear " + tile + " item between " + from + " and " + to));
    }

    private static final Map<String, Stats> STATS_CACHE = new HashMap<>();

    /** NDVI statistics over the AOI's pixel centres, by the rules of notes/eo.md. */
    static synchronized Stats stats(Item item, String aoiId) {
        return STATS_CACHE.computeIfAbsent(item.id() + "/" + aoiId, k -> computeStats(item, aoiId));
    }

    private static Stats computeStats(Item item, String aoiId) {
        List<Integer> px = pixelsIn(item, aoiId);
        double[] red = item.decode("red");
        double[] nir = item.decode("nir");
        double[] scl = item.decode("scl");
        int valid = 0;
        int clear = 0;
        double sum = 0;
        for (int i : px) {
            int s = (int) scl[(i / 250 / 2) * 125 + (i % 250) / 2];
            boolean sclOk = s <= 11 && !INVALID_SCL.contains(s);
            if (sclOk) {
                clear++;
            }
            if (sclOk && red[i] != 0 && nir[i] != 0) {
                double r = (red[i] - item.dnOffset()) / 10000.0;
                double n = (nir[i] - item.dnOffset()) / 10000.0;
                sum += (n - r) / (n + r);
                valid++;
            }
        }
        return new Stats(valid == 0 ? Double.NaN : sum / valid, px.isEmpty() ? 0 : (double) clear / px.size(), px.size(), valid);
    }

    private static double meanDn(Item item, String key, String aoiId) {
        double[] v = item.decode(key);
        return pixelsIn(item, aoiId).stream().mapToDouble(i -> v[i]).average().orElseThrow();
    }

    private static double sclShare(Item item, String aoiId, int cls) {
        double[] scl = item.decode("scl");
        List<Integer> px = pixelsIn(item, aoiId);
        return px.stream().filter(i -> scl[(i / 250 / 2) * 125 + (i % 250) / 2] == cls).count() / (double) px.size();
    }

    private static final Map<String, List<Integer>> PIXELS_CACHE = new HashMap<>();

    /** Indices (row * 250 + col) of the 10 m pixels of the item whose centres are inside the AOI. */
    private static synchronized List<Integer> pixelsIn(Item item, String aoiId) {
        return PIXELS_CACHE.computeIfAbsent(item.gridCode() + "/" + aoiId, k -> computePixelsIn(item, aoiId));
    }

    private static List<Integer> computePixelsIn(Item item, String aoiId) {
        GridGeometry g = item.gridCode().endsWith("TWM") ? DemoCatalogGenerator.TILES.get(0).grid10()
                : DemoCatalogGenerator.TILES.get(1).grid10();
        IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(aois.get(aoiId));
        List<Integer> px = new ArrayList<>();
        for (int r = 0; r < g.height(); r++) {
            for (int c = 0; c < g.width(); c++) {
                if (loc.locate(new Coordinate(g.colCentreX(c), g.rowCentreY(r))) == Location.INTERIOR) {
                    px.add(r * g.width() + c);
                }
            }
        }
        return px;
    }

    private static Geometry box(double x0, double x1) {
        return Landscape.polygon(x0, 5090000, x1, 5090000, x1, 5092500, x0, 5092500);
    }

    static List<Item> readItems(Path root) throws IOException {
        JsonObject catalog = readJson(root.resolve("catalog.json"));
        Path collectionFile = root.resolve(hrefOf(catalog, "child")).normalize();
        JsonObject collection = readJson(collectionFile);
        List<Item> list = new ArrayList<>();
        for (JsonValue l : collection.getJsonArray("links")) {
            if (l.asJsonObject().getString("rel").equals("item")) {
                Path file = collectionFile.getParent().resolve(l.asJsonObject().getString("href")).normalize();
                list.add(new Item(readJson(file), file.getParent()));
            }
        }
        return list;
    }

    /** AOIs from the GeoJSON (lon/lat) as JTS polygons in EPSG:32633 metres. */
    static Map<String, Geometry> readAois(Path file) throws IOException {
        CoordinateTransform toUtm = Crs.transform(Crs.WGS84, 32633);
        Map<String, Geometry> out = new LinkedHashMap<>();
        for (JsonValue v : readJson(file).getJsonArray("features")) {
            JsonObject feature = v.asJsonObject();
            JsonObject geom = feature.getJsonObject("geometry");
            assertEquals("Polygon", geom.getString("type"));
            List<LinearRing> rings = new ArrayList<>();
            for (JsonValue ringValue : geom.getJsonArray("coordinates")) {
                JsonArray ring = ringValue.asJsonArray();
                Coordinate[] c = new Coordinate[ring.size()];
                for (int i = 0; i < ring.size(); i++) {
                    JsonArray p = ring.getJsonArray(i);
                    ProjCoordinate out2 = new ProjCoordinate();
                    toUtm.transform(new ProjCoordinate(p.getJsonNumber(0).doubleValue(), p.getJsonNumber(1).doubleValue()), out2);
                    c[i] = new Coordinate(out2.x, out2.y);
                }
                rings.add(GF.createLinearRing(c));
            }
            Polygon p = GF.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(new LinearRing[0]));
            assertTrue(p.isValid(), "AOI " + feature.getJsonObject("properties").getString("id") + " is valid");
            out.put(feature.getJsonObject("properties").getString("id"), p);
        }
        return out;
    }

    static JsonObject readJson(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); JsonReader jr = Json.createReader(r)) {
            return jr.readObject();
        }
    }

    private static String hrefOf(JsonObject stac, String rel) {
        return stac.getJsonArray("links").stream().map(JsonValue::asJsonObject)
                .filter(l -> l.getString("rel").equals(rel)).findFirst().orElseThrow().getString("href");
    }

    private static void assertLinksResolve(Path file, JsonObject stac) {
        for (JsonValue l : stac.getJsonArray("links")) {
            String href = l.asJsonObject().getString("href");
            assertFalse(href.contains("://"), file + ": link " + href + " should be relative");
            Path target = file.getParent().resolve(href).normalize();
            assertTrue(Files.isRegularFile(target), file + ": link " + l.asJsonObject().getString("rel") + " " + href
                    + " does not resolve");
        }
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
