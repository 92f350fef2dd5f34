package io.eobatch.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import io.eobatch.testsupport.StacSchemas;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class ResultsStacTest {

    private static final URI API = URI.create("http://127.0.0.1:8080/api/");
    private static final GeometryFactory F = new GeometryFactory();

    private static Polygon square(double x, double y) {
        return F.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + 0.1, y),
                new Coordinate(x + 0.1, y + 0.1), new Coordinate(x, y + 0.1), new Coordinate(x, y)});
    }

    private static ResultFile file(String path) {
        return new ResultFile(path, ResultTypes.mediaType(path), ResultTypes.role(path), 100,
                Instant.parse("2024-05-01T12:00:00Z"), Path.of("/nowhere", path));
    }

    private static Map<String, Object> summary(String aoi, double mean, double min, double max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aoiId", aoi);
        m.put("aoiName", aoi.toUpperCase());
        m.put("scenes", 10);
        m.put("validScenes", 7);
        m.put("failedItems", 0);
        m.put("mean", mean);
        m.put("min", min);
        m.put("max", max);
        m.put("firstDate", "2023-08-10T10:00:00Z");
        m.put("lastDate", null);
        return m;
    }

    /** aoi-statistics over August 2023: drava-a (2 scenes done, 1 failed) and drava-b, restarted once (5 -> 7). */
    static ResultsStac statistics() {
        Map<String, String> params = new TreeMap<>(Map.of("from", "2023-08-01", "to", "2023-08-31", "index", "ndvi",
                "catalog", "drava", "aois", "drava-a,drava-b"));
        ResultsStac.Execution e = new ResultsStac.Execution(5, 7, List.of(5L, 7L), 3, "aoi-statistics", "COMPLETED",
                params);
        List<ResultsStac.SourceItem> sources = List.of(
                new ResultsStac.SourceItem("drava-a", Instant.parse("2023-08-10T10:00:00Z"), "DONE",
                        List.of("S2B_33TWL_20230810_0_L2A")),
                new ResultsStac.SourceItem("drava-a", Instant.parse("2023-08-13T10:00:00Z"), "DONE",
                        List.of("S2B_33TWL_20230813_0_L2A")),
                new ResultsStac.SourceItem("drava-a", Instant.parse("2023-08-18T10:00:00Z"), "FAILED",
                        List.of("S2A_33TWL_20230818_0_L2A")),
                new ResultsStac.SourceItem("drava-b", Instant.parse("2023-08-10T10:00:00Z"), "DONE",
                        List.of("S2B_33TWL_20230810_0_L2A")));
        Map<String, Map<String, Object>> summaries = new LinkedHashMap<>();
        summaries.put("drava-a", summary("drava-a", 0.5, 0.2, 0.7));
        summaries.put("drava-b", summary("drava-b", 0.3, 0.1, 0.4));
        List<ResultFile> files = List.of(file("aois.geojson"), file("charts/aoi-comparison.png"),
                file("charts/timeseries-drava-a.png"), file("charts/timeseries-drava-b.png"),
                file("statistics.csv"), file("summary.json"));
        return new ResultsStac(API, e, List.of(new ResultsStac.AoiInfo("drava-a", "Drava A", square(15.5, 46.3)),
                new ResultsStac.AoiInfo("drava-b", "Drava B", square(15.8, 46.5)),
                new ResultsStac.AoiInfo("elsewhere", "not in this job", square(0, 0))), sources, summaries, files);
    }

    @Test
    void theCollectionHasTheRequiredFieldsTheUnionExtentAndTheFilesAcrossAois() {
        JsonObject c = statistics().collection();
        assertEquals("Collection", c.getString("type"));
        assertEquals("1.0.0", c.getString("stac_version"));
        assertEquals("eobatch-execution-5", c.getString("id"));
        assertFalse(c.getString("description").isBlank());
        assertEquals("proprietary", c.getString("license"));
        assertEquals(List.of("processor", "host"), strings(c.getJsonArray("providers").getJsonObject(0)
                .getJsonArray("roles")));
        JsonArray bbox = c.getJsonObject("extent").getJsonObject("spatial").getJsonArray("bbox").getJsonArray(0);
        assertEquals(List.of(15.5, 46.3, 15.9, 46.6), doubles(bbox), "union of the two AOIs, not the third one");
        assertEquals(List.of("2023-08-01T00:00:00Z", "2023-08-31T23:59:59Z"), strings(c.getJsonObject("extent")
                .getJsonObject("temporal").getJsonArray("interval").getJsonArray(0)));
        assertEquals(Set.of("aois", "aoi-comparison", "statistics", "summary"), c.getJsonObject("assets").keySet());
        JsonObject csv = c.getJsonObject("assets").getJsonObject("statistics");
        assertEquals("http://127.0.0.1:8080/api/executions/5/results/statistics.csv", csv.getString("href"));
        assertEquals("text/csv", csv.getString("type"));
        assertEquals(List.of("data"), strings(csv.getJsonArray("roles")));
        assertEquals(List.of("chart"), strings(c.getJsonObject("assets").getJsonObject("aoi-comparison")
                .getJsonArray("roles")));
        assertEquals(7, c.getInt("eobatch:execution_id"), "described as of the newest execution");
        assertEquals(List.of(5, 7), c.getJsonArray("eobatch:executions").getValuesAs(jakarta.json.JsonNumber.class)
                .stream().map(jakarta.json.JsonNumber::intValue).toList());
        JsonObject mean = c.getJsonObject("summaries").getJsonObject("eobatch:mean");
        assertEquals(0.3, mean.getJsonNumber("minimum").doubleValue());
        assertEquals(0.5, mean.getJsonNumber("maximum").doubleValue());
        assertEquals(List.of("drava-a", "drava-b"), strings(c.getJsonObject("summaries").getJsonArray("eobatch:aoi_id")));
        Map<String, String> links = links(c);
        assertEquals("http://127.0.0.1:8080/api/executions/5/stac", links.get("self"));
        assertEquals(links.get("self"), links.get("root"));
        assertEquals("http://127.0.0.1:8080/api/executions/5/stac/items", links.get("items"));
        assertEquals(0, c.getJsonArray("links").stream().filter(l -> l.asJsonObject().getString("rel")
                .equals("item")).count(), "the items through the paged items link, not one link each");
        assertEquals(2, statistics().relative().collection().getJsonArray("links").stream()
                .filter(l -> l.asJsonObject().getString("rel").equals("item")).count(),
                "the archive's static catalog links each item's file");
    }

    /**
     * The Collection of a large run from an overview (aggregate counts, bounds and ranges), made with no ledger item:
     * the same required fields, extent and assets, its AOI count in the description, the kept item counts, and no list
     * of AOI ids.
     */
    @Test
    void theCollectionFromAnOverviewReadsNoLedgerAndStillTellsTheAoisFilesFromItsOwn() {
        Map<String, String> params = new TreeMap<>(Map.of("from", "2023-06-01", "to", "2023-06-30", "index", "ndvi"));
        ResultsStac.Execution e = new ResultsStac.Execution(9, 9, List.of(9L), 4, "aoi-statistics", "COMPLETED",
                params);
        List<ResultFile> files = List.of(file("aois.geojson"), file("charts/aoi-comparison.png"),
                file("charts/timeseries-a-00042.png"), file("statistics.csv"), file("summary.json"));
        // only the AOIs the files name, as the ledger answers them (ResultsStac.aoiCandidates)
        List<ResultsStac.SourceItem> ofFiles = List.of(new ResultsStac.SourceItem("a-00042", null, null, List.of()));
        ResultsStac.Overview o = new ResultsStac.Overview(100_000, new double[] {10, 40, 20, 50},
                Map.of("mean", new double[] {-0.25, 0.875}, "scenes", new double[] {1, 12}),
                Map.of("DONE", 690_000L, "NO_DATA", 21_054L));
        JsonObject c = new ResultsStac(API, e, List.of(), ofFiles, Map.of(), files).collection(o);
        assertEquals(List.of(), StacSchemas.problems(c.toString()), "the STAC and extension schemas");
        assertEquals(List.of(10.0, 40.0, 20.0, 50.0), doubles(c.getJsonObject("extent").getJsonObject("spatial")
                .getJsonArray("bbox").getJsonArray(0)));
        assertTrue(c.getString("description").contains("over 100000 AOI(s)"), c.getString("description"));
        assertEquals(Set.of("aois", "aoi-comparison", "statistics", "summary"), c.getJsonObject("assets").keySet(),
                "an AOI's chart is its item's, not the Collection's");
        JsonObject summaries = c.getJsonObject("summaries");
        assertFalse(summaries.containsKey("eobatch:aoi_id"), "no list of 100,000 ids");
        assertEquals(-0.25, summaries.getJsonObject("eobatch:mean").getJsonNumber("minimum").doubleValue());
        assertEquals(12, summaries.getJsonObject("eobatch:scenes").getInt("maximum"));
        assertEquals(690_000, c.getJsonObject("eobatch:item_counts").getInt("DONE"));
        assertEquals("http://127.0.0.1:8080/api/executions/9/stac/items", links(c).get("items"));
        assertEquals(0, c.getJsonArray("links").stream().filter(l -> l.asJsonObject().getString("rel")
                .equals("item")).count());
    }

    /** Every AOI id aoiOf can find in a path is among its candidates (folders, stem, parts around - and _). */
    @Test
    void theCandidatesOfAPathHoldEveryAoiItCouldBelongTo() {
        assertEquals(Set.of("charts", "timeseries-a-00042", "timeseries", "a-00042", "timeseries-a", "00042"),
                ResultsStac.aoiCandidates("charts/timeseries-a-00042.png"));
        assertEquals(Set.of("timelapse", "drava_b", "2023-08-ndvi", "2023-08", "08-ndvi", "2023", "ndvi"),
                ResultsStac.aoiCandidates("timelapse/drava_b/2023-08-ndvi.png"));
        List<String> ids = List.of("a", "a-00042", "00042", "drava_b", "b", "nope");
        for (String path : List.of("charts/timeseries-a-00042.png", "timelapse/drava_b/2023-08-ndvi.png",
                "statistics.csv", "a/x.png", "x_b.json", "b-a.csv")) {
            Set<String> among = new java.util.TreeSet<>(ResultsStac.aoiCandidates(path));
            among.retainAll(ids);
            assertEquals(ResultsStac.aoiOf(path, ids), ResultsStac.aoiOf(path, among), path);
        }
    }

    @Test
    void oneItemPerAoiOverThePeriodWithItsSummaryScenesAndTimeSeriesChart() {
        ResultsStac stac = statistics();
        assertEquals(List.of("drava-a", "drava-b"), stac.itemIds());
        JsonObject a = stac.item("drava-a").orElseThrow();
        assertEquals("Feature", a.getString("type"));
        assertEquals("1.0.0", a.getString("stac_version"));
        assertEquals("eobatch-execution-5", a.getString("collection"));
        assertEquals("Polygon", a.getJsonObject("geometry").getString("type"));
        assertEquals(List.of(15.5, 46.3, 15.6, 46.4), doubles(a.getJsonArray("bbox")));
        JsonObject p = a.getJsonObject("properties");
        assertEquals(JsonValue.ValueType.NULL, p.get("datetime").getValueType(), "a range, not an instant");
        assertEquals("2023-08-01T00:00:00Z", p.getString("start_datetime"));
        assertEquals("2023-08-31T23:59:59Z", p.getString("end_datetime"));
        assertEquals("aoi-statistics", p.getString("eobatch:job"));
        assertEquals(7, p.getInt("eobatch:execution_id"));
        assertEquals("drava", p.getJsonObject("eobatch:parameters").getString("catalog"));
        assertEquals(List.of("S2B_33TWL_20230810_0_L2A", "S2B_33TWL_20230813_0_L2A"),
                strings(p.getJsonArray("eobatch:source_scenes")), "the scenes of the done items only");
        assertEquals(0.5, p.getJsonNumber("eobatch:mean").doubleValue());
        assertEquals(7, p.getInt("eobatch:valid_scenes"));
        assertTrue(p.isNull("eobatch:last_date"));
        assertEquals(1, p.getJsonObject("eobatch:item_counts").getInt("FAILED"));
        assertEquals(Set.of("timeseries"), a.getJsonObject("assets").keySet());
        JsonObject chart = a.getJsonObject("assets").getJsonObject("timeseries");
        assertEquals("http://127.0.0.1:8080/api/executions/5/results/charts/timeseries-drava-a.png",
                chart.getString("href"));
        assertEquals("image/png", chart.getString("type"));
        assertEquals(List.of("chart"), strings(chart.getJsonArray("roles")));
        Map<String, String> links = links(a);
        assertEquals("http://127.0.0.1:8080/api/executions/5/stac/items/drava-a", links.get("self"));
        assertEquals("http://127.0.0.1:8080/api/executions/5/stac", links.get("collection"));
        assertEquals(links.get("collection"), links.get("parent"));
        assertTrue(stac.item("drava-c").isEmpty());
    }

    @Test
    void theItemCollectionHoldsEveryItem() {
        JsonObject ic = statistics().itemCollection();
        assertEquals("FeatureCollection", ic.getString("type"));
        assertEquals(2, ic.getJsonArray("features").size());
        assertEquals("drava-b", ic.getJsonArray("features").getJsonObject(1).getString("id"));
    }

    @Test
    void filesOfAnyJobGoToTheirAoiAndMonthByTheirPaths() {
        // a time-lapse-like layout: a GIF per AOI, PNGs per AOI and month, one overview across AOIs
        ResultsStac.Execution e = new ResultsStac.Execution(9, 9, List.of(9L), 4, "aoi-timelapse", "COMPLETED",
                Map.of("from", "2023-06-15", "to", "2023-08-31"));
        List<ResultsStac.SourceItem> sources = List.of(
                new ResultsStac.SourceItem("a", Instant.parse("2023-07-01T00:00:00Z"), "DONE", List.of("S1")),
                new ResultsStac.SourceItem("a", Instant.parse("2023-08-01T00:00:00Z"), "TOO_CLOUDY", List.of()),
                new ResultsStac.SourceItem("field-a", Instant.parse("2023-07-01T00:00:00Z"), "DONE", List.of("S2")));
        List<ResultFile> files = List.of(file("a/2023-07/ndvi.png"), file("a/2023-07/true-colour.png"),
                file("gif/timelapse-a.gif"), file("field-a/2023-07-ndvi.png"), file("field-a/animation.gif"),
                file("overview.png"), file("a/thumb-2023-06.png"));
        ResultsStac stac = new ResultsStac(API, e, List.of(new ResultsStac.AoiInfo("a", null, square(1, 1))), sources,
                Map.of(), files);
        assertEquals(List.of("a", "a_2023-06", "a_2023-07", "field-a", "field-a_2023-07"), stac.itemIds());
        JsonObject july = stac.item("a_2023-07").orElseThrow();
        assertEquals(Set.of("ndvi", "true-colour"), july.getJsonObject("assets").keySet());
        assertEquals("2023-07-01T00:00:00Z", july.getJsonObject("properties").getString("start_datetime"));
        assertEquals("2023-07-31T23:59:59Z", july.getJsonObject("properties").getString("end_datetime"));
        assertEquals(List.of("S1"), strings(july.getJsonObject("properties").getJsonArray("eobatch:source_scenes")));
        JsonObject june = stac.item("a_2023-06").orElseThrow();
        assertEquals("2023-06-15T00:00:00Z", june.getJsonObject("properties").getString("start_datetime"),
                "a month item starts with the period");
        assertEquals(List.of("thumbnail"), strings(june.getJsonObject("assets").getJsonObject("thumb")
                .getJsonArray("roles")));
        JsonObject whole = stac.item("a").orElseThrow();
        assertEquals(Set.of("timelapse"), whole.getJsonObject("assets").keySet(), "timelapse-a.gif: AOI a, not field-a");
        assertEquals("image/gif", whole.getJsonObject("assets").getJsonObject("timelapse").getString("type"));
        assertEquals(List.of("overview"), strings(whole.getJsonObject("assets").getJsonObject("timelapse")
                .getJsonArray("roles")));
        assertEquals(Set.of("ndvi"), stac.item("field-a_2023-07").orElseThrow().getJsonObject("assets").keySet());
        assertEquals(Set.of("animation"), stac.item("field-a").orElseThrow().getJsonObject("assets").keySet());
        JsonObject fieldA = stac.item("field-a").orElseThrow();
        assertEquals(JsonValue.ValueType.NULL, fieldA.get("geometry").getValueType(), "an AOI no longer known");
        assertNull(fieldA.get("bbox"), "no bbox without a geometry");
        assertEquals(Set.of("overview"), stac.collection().getJsonObject("assets").keySet());
    }

    @Test
    void declaredItemsTakeTheirPathsGeometryStatusScenesAndPropertiesAndLeaveTheRestToTheCollection() {
        // tiled-composite-like: two tiles of one area, a tile footprint of its own, the estimate across tiles
        ResultsStac.Execution e = new ResultsStac.Execution(11, 11, List.of(11L), 6, "tiled-composite", "COMPLETED",
                Map.of("from", "2023-08-01", "to", "2023-08-31"));
        List<ResultsStac.SourceItem> sources = List.of(
                new ResultsStac.SourceItem("area", Instant.parse("2023-08-01T00:00:00Z"), "DONE", List.of("S1", "S2")),
                new ResultsStac.SourceItem("area", Instant.parse("2023-08-01T00:00:00Z"), "NO_DATA", List.of()));
        List<ResultFile> files = List.of(file("tiles/33N-x0566-y5088.tif"), file("estimate.json"),
                file("mosaic.png"), file("tiles/stray.tif"));
        List<ResultsStac.ItemSpec> declared = List.of(
                new ResultsStac.ItemSpec("33N-x0566-y5088", "area", square(16, 46), null, "DONE", List.of("S2", "S1"),
                        List.of("tiles/33N-x0566-y5088.tif"), Map.of("proj:epsg", 32633)),
                new ResultsStac.ItemSpec("33N-x0576-y5088", "area", square(16.1, 46), null, "NO_DATA", List.of(),
                        List.of("tiles/33N-x0576-y5088.tif"), Map.of("proj:epsg", 32633)));
        ResultsStac stac = new ResultsStac(API, e, List.of(), sources, Map.of(), files, declared);

        assertEquals(List.of("33N-x0566-y5088", "33N-x0576-y5088"), stac.itemIds(), "the declared items only");
        JsonObject tile = stac.item("33N-x0566-y5088").orElseThrow();
        assertEquals("Polygon", tile.getJsonObject("geometry").getString("type"));
        assertEquals(List.of(16.0, 46.0, 16.1, 46.1), doubles(tile.getJsonArray("bbox")), "the tile's own footprint");
        assertEquals(List.of(API + "stac/eobatch/v1.0.0/schema.json", ResultsStac.PROCESSING, ResultsStac.PROJECTION),
                strings(tile.getJsonArray("stac_extensions")), "proj: fields, so the projection extension too");
        JsonObject p = tile.getJsonObject("properties");
        assertEquals(32633, p.getInt("proj:epsg"));
        assertEquals(List.of("S1", "S2"), strings(p.getJsonArray("eobatch:source_scenes")), "the spec's, sorted");
        assertEquals(1, p.getJsonObject("eobatch:item_counts").getInt("DONE"));
        assertEquals(1, p.getJsonObject("eobatch:item_counts").size(), "the tile's status, not the area's items");
        assertEquals("2023-08-01T00:00:00Z", p.getString("start_datetime"));
        assertEquals("2023-08-31T23:59:59Z", p.getString("end_datetime"));
        JsonObject cog = tile.getJsonObject("assets").getJsonObject("data");
        assertEquals(ResultTypes.COG, cog.getString("type"), "asset keyed by its role: the stem is the item id");
        assertEquals(API + "executions/11/results/tiles/33N-x0566-y5088.tif", cog.getString("href"));
        assertEquals(List.of("data"), strings(cog.getJsonArray("roles")));

        JsonObject empty = stac.item("33N-x0576-y5088").orElseThrow();
        assertEquals(Set.of(), empty.getJsonObject("assets").keySet(), "a path with no file is left out");
        assertEquals(List.of(), strings(empty.getJsonObject("properties").getJsonArray("eobatch:source_scenes")));
        assertEquals(Set.of("estimate", "mosaic", "stray"), stac.collection().getJsonObject("assets").keySet(),
                "files no item names");
        assertEquals(List.of(16.0, 46.0, 16.2, 46.1), doubles(stac.collection().getJsonObject("extent")
                .getJsonObject("spatial").getJsonArray("bbox").getJsonArray(0)), "extent: the union of the items");
    }

    @Test
    void declaredMonthItemsTakeTheAoiGeometryAndTheMonthAndCollidingStemsTheExtension() {
        ResultsStac.Execution e = new ResultsStac.Execution(12, 12, List.of(12L), 7, "aoi-timelapse", "COMPLETED",
                Map.of("from", "2023-07-10", "to", "2023-08-31", "index", "ndvi"));
        List<ResultsStac.SourceItem> sources = List.of(
                new ResultsStac.SourceItem("a", Instant.parse("2023-07-10T00:00:00Z"), "NO_DATA", List.of()),
                new ResultsStac.SourceItem("a", Instant.parse("2023-08-01T00:00:00Z"), "DONE", List.of("S8")));
        List<ResultFile> files = List.of(file("timelapse/a/2023-08-ndvi.png"), file("timelapse/a/2023-08-truecolour.png"),
                file("timelapse/a/timelapse.gif"), file("timelapse/a/timelapse.json"));
        List<ResultsStac.ItemSpec> declared = List.of(
                new ResultsStac.ItemSpec("a_2023-07", "a", null, YearMonth.of(2023, 7), "NO_DATA", List.of(),
                        List.of("timelapse/a/2023-07-ndvi.png", "timelapse/a/2023-07-truecolour.png"), Map.of()),
                new ResultsStac.ItemSpec("a_2023-08", "a", null, YearMonth.of(2023, 8), "DONE", List.of("S8"),
                        List.of("timelapse/a/2023-08-ndvi.png", "timelapse/a/2023-08-truecolour.png"), Map.of()),
                new ResultsStac.ItemSpec("a", "a", null, null, null, null,
                        List.of("timelapse/a/timelapse.gif", "timelapse/a/timelapse.json"), Map.of()));
        ResultsStac stac = new ResultsStac(API, e, List.of(new ResultsStac.AoiInfo("a", "A", square(1, 1))), sources,
                Map.of(), files, declared);
        JsonObject aug = stac.item("a_2023-08").orElseThrow();
        assertEquals(List.of(1.0, 1.0, 1.1, 1.1), doubles(aug.getJsonArray("bbox")), "the AOI's geometry");
        assertEquals(Set.of("ndvi", "truecolour"), aug.getJsonObject("assets").keySet());
        assertEquals(List.of("visual"), strings(aug.getJsonObject("assets").getJsonObject("truecolour")
                .getJsonArray("roles")));
        assertEquals("2023-08-01T00:00:00Z", aug.getJsonObject("properties").getString("start_datetime"));
        JsonObject jul = stac.item("a_2023-07").orElseThrow();
        assertEquals("2023-07-10T00:00:00Z", jul.getJsonObject("properties").getString("start_datetime"),
                "clipped to the period");
        assertEquals("2023-07-31T23:59:59Z", jul.getJsonObject("properties").getString("end_datetime"));
        JsonObject whole = stac.item("a").orElseThrow();
        assertEquals(List.of("timelapse", "timelapse-json"), List.copyOf(whole.getJsonObject("assets").keySet()));
        assertEquals(List.of("S8"), strings(whole.getJsonObject("properties").getJsonArray("eobatch:source_scenes")),
                "no scenes declared: the AOI's DONE items in the period");
        assertEquals(Set.of(), stac.collection().getJsonObject("assets").keySet());
        assertEquals(List.of(API + "stac/eobatch/v1.0.0/schema.json", ResultsStac.PROCESSING),
                strings(whole.getJsonArray("stac_extensions")), "no proj: property, no projection extension");
    }

    @Test
    void aoiAndMonthAreReadAsWholeTokens() {
        List<String> ids = List.of("a", "drava-a", "b");
        assertEquals("drava-a", ResultsStac.aoiOf("charts/timeseries-drava-a.png", ids));
        assertEquals("a", ResultsStac.aoiOf("a/x.png", ids));
        assertEquals("a", ResultsStac.aoiOf("a_2023-07.png", ids));
        assertNull(ResultsStac.aoiOf("charts/aoi-comparison.png", ids), "'comparison' does not end with -a");
        assertNull(ResultsStac.aoiOf("banana.png", ids));
        assertEquals(YearMonth.of(2023, 7), ResultsStac.monthOf("x/2023-07-15.png", "x"));
        assertNull(ResultsStac.monthOf("field-2023-13/ndvi.png", "field"));
        assertNull(ResultsStac.monthOf("2023-07/ndvi.png", "2023-07"), "the AOI's own id is no month");
        assertEquals("ndvi", ResultsStac.assetKey("a/2023-07/ndvi.png", null));
    }

    private static List<String> strings(JsonArray a) {
        return a.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static List<Double> doubles(JsonArray a) {
        return a.getValuesAs(jakarta.json.JsonNumber.class).stream().map(n -> Math.round(n.doubleValue() * 1e9) / 1e9)
                .toList();
    }

    private static Map<String, String> links(JsonObject o) {
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonValue v : o.getJsonArray("links")) {
            m.putIfAbsent(v.asJsonObject().getString("rel"), v.asJsonObject().getString("href"));
        }
        return m;
    }
}
