package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * aoi-statistics on the real Drava catalog (10 Sentinel-2 L2A items, 2 AOIs): every per-scene row equals the
 * GDAL reference (tools/gdal_zonal_ndvi.py) to 1e-9, counts exactly.
 */
class AoiStatisticsIT {

    private static final String PERIOD = "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\"";

    @BeforeAll
    static void aois() throws Exception {
        Fixtures.uploadDravaAois();
    }

    /**
     * weighting=coverage: every pixel weighted by the fraction of its area inside the AOI; per scene the coverage and
     * valid coverage equal GDAL + GEOS (src/test/tools/coverage_zonal_index.py) to 1e-6 pixels, the weighted mean and
     * stdev to 1e-9, the counts exactly, and clear_fraction is valid_coverage / coverage; the CSV fills the columns.
     */
    @Test
    void coverageWeightedStatisticsEqualGdalAndGeos() throws Exception {
        long id = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"drava\","
                + PERIOD + ",\"partitions\":2,\"weighting\":\"coverage\"}");
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        assertEquals("coverage", e.getJsonObject("parameters").getString("weighting"));
        Map<String, JsonObject> reference = Fixtures.coverageReference();
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + id + "/statistics").jsonValue();
        assertEquals(15, rows.size());
        int compared = 0;
        for (JsonValue v : rows) {
            JsonObject row = v.asJsonObject();
            String what = row.getString("aoi_id") + " on " + row.getString("item_id");
            JsonObject ref = reference.get(row.getString("aoi_id") + "/" + row.getString("item_id"));
            assertTrue(ref != null, "no reference for " + what);
            assertEquals(ref.getJsonNumber("coverage").doubleValue(), row.getJsonNumber("coverage").doubleValue(),
                    1e-6, what);
            assertEquals(ref.getJsonNumber("validCoverage").doubleValue(),
                    row.getJsonNumber("valid_coverage").doubleValue(), 1e-6, what);
            assertEquals(ref.getInt("pixels"), row.getInt("pixel_count"), what);
            assertEquals(ref.getInt("valid"), row.getInt("valid_count"), what);
            assertEquals(row.getJsonNumber("valid_coverage").doubleValue() / row.getJsonNumber("coverage")
                    .doubleValue(), row.getJsonNumber("clear_fraction").doubleValue(), 1e-12, what);
            assertEquals(ref.getJsonNumber("validCoverage").doubleValue() / ref.getJsonNumber("coverage").doubleValue(),
                    row.getJsonNumber("clear_fraction").doubleValue(), 1e-9, what + " clear_fraction (reference)");
            if (ref.getInt("valid") > 0) {
                for (String k : new String[] {"mean", "stdev", "min", "max"}) {
                    assertEquals(ref.getJsonNumber(k).doubleValue(), row.getJsonNumber(k).doubleValue(), 1e-9,
                            what + " " + k);
                }
                compared++;
            }
        }
        assertTrue(compared >= 12, "compared " + compared + " rows with values");
        String csv = Api.get("/api/executions/" + id + "/statistics?format=csv").body();
        assertTrue(csv.startsWith("aoi_id,item_id,datetime,pixel_count,valid_count,nodata_count,mean,min,max,stdev,"
                + "p10,p50,p90,clear_fraction,coverage,valid_coverage\r\n"), csv.substring(0, 200));
        assertFalse(csv.contains(",,\r\n"), "every row has its coverage columns");
    }

    /** coverage weighting needs a provider that reads scenes here: 400 naming weighting, nothing started. */
    @Test
    void coverageWeightingOnARemoteProviderIsRefused() {
        Api.Response r = Api.post("/api/jobs/aoi-statistics/executions", "{\"aois\":[\"drava-a\"],"
                + "\"catalog\":\"drava\"," + PERIOD + ",\"provider\":\"sentinel-hub\",\"weighting\":\"coverage\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.body().contains("weighting"), r.body());
    }

    @Test
    void perSceneStatisticsEqualGdal() throws Exception {
        long id = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"drava\","
                + PERIOD + ",\"partitions\":3}");
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        Map<String, JsonObject> gdal = Fixtures.gdalReference();
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + id + "/statistics").jsonValue();
        assertEquals(15, rows.size(), "drava-a intersects all 10 scenes, drava-b the 5 of tile 33TWL");
        int compared = 0;
        for (JsonValue v : rows) {
            JsonObject row = v.asJsonObject();
            JsonObject ref = gdal.get(row.getString("aoi_id") + "/" + row.getString("item_id"));
            assertTrue(ref != null, "no reference for " + row);
            String what = row.getString("aoi_id") + " on " + row.getString("item_id");
            assertEquals(ref.getInt("pixelsInPolygon"), row.getInt("pixel_count"), what);
            assertEquals(ref.getInt("valid"), row.getInt("valid_count"), what);
            assertEquals(ref.getInt("noData"), row.getInt("nodata_count"), what);
            // stored and read back as the same instant, whatever the time zone of the server and the database
            assertEquals(sceneDatetime(row.getString("item_id")), Instant.parse(row.getString("datetime")), what);
            if (ref.getInt("valid") > 0) {
                for (String[] k : new String[][] {{"mean", "mean"}, {"min", "min"}, {"max", "max"},
                        {"stDev(pop)", "stdev"}, {"p10", "p10"}, {"p50", "p50"}, {"p90", "p90"}}) {
                    assertEquals(ref.getJsonNumber(k[0]).doubleValue(), row.getJsonNumber(k[1]).doubleValue(), 1e-9,
                            what + " " + k[1]);
                }
                assertEquals((double) ref.getInt("valid") / ref.getInt("pixelsInPolygon"),
                        row.getJsonNumber("clear_fraction").doubleValue(), 1e-12, what);
                compared++;
            } else {
                assertEquals(JsonValue.ValueType.NULL, row.get("mean").getValueType(), what);
            }
        }
        assertTrue(compared >= 12, "compared " + compared + " rows with values");

        JsonObject progress = e.getJsonObject("progress");
        assertEquals(15, progress.getInt("total"));
        assertEquals(100.0, progress.getJsonNumber("percent").doubleValue());
        JsonObject fetch = Fixtures.step(e, "fetch-statistics");
        assertEquals(15, fetch.getJsonObject("metrics").getInt("readCount"));
        assertEquals(15, fetch.getJsonObject("metrics").getInt("writeCount"));
        assertEquals(3, fetch.getJsonArray("partitions").size());

        JsonArray summary = (JsonArray) Api.get("/api/executions/" + id + "/summary").jsonValue();
        assertEquals(2, summary.size());
        JsonObject a = summary.getJsonObject(0);
        assertEquals("drava-a", a.getString("aoiId"));
        assertEquals(10, a.getInt("scenes"));
        assertTrue(a.getInt("validScenes") > 0 && a.getInt("validScenes") <= 10);
        double mean = a.getJsonNumber("mean").doubleValue();
        assertTrue(a.getJsonNumber("min").doubleValue() <= mean && mean <= a.getJsonNumber("max").doubleValue());
    }

    /** The {@code properties.datetime} of a Drava STAC item, from the catalog's item JSON. */
    private static Instant sceneDatetime(String item) throws IOException {
        try (Reader r = Files.newBufferedReader(Fixtures.DRAVA.resolve("sentinel-2-l2a/" + item + "/" + item + ".json"));
             var json = Json.createReader(r)) {
            return Instant.parse(json.readObject().getJsonObject("properties").getString("datetime"));
        }
    }

    /** An estimate counts what a launch would do, from the catalog alone, and starts nothing. */
    @Test
    void anEstimateCountsItemsRequestsAndBytesWithoutStartingAnything() {
        int before = ((JsonArray) Api.get("/api/executions?limit=10000").jsonValue()).size();
        Api.Response r = Api.post("/api/jobs/aoi-statistics/estimate", "{\"aois\":[\"drava-a\",\"drava-b\"],"
                + "\"catalog\":\"drava\"," + PERIOD + "}");
        assertEquals(200, r.status(), r.body());
        JsonObject total = r.json().getJsonObject("total");
        assertEquals(15, total.getInt("items"), r.body());
        assertEquals(2, total.getInt("catalogSearches"));
        assertEquals(15 * 3 * 2, total.getInt("requests"), "red, nir and SCL: a header and a window each");
        assertTrue(total.getJsonNumber("bytes").longValue() > 15 * 3 * 16384L, r.body());
        assertTrue(total.getJsonNumber("expectedSeconds").doubleValue() > 0, r.body());
        JsonArray perAoi = r.json().getJsonArray("perAoi");
        assertEquals(10, perAoi.getJsonObject(0).getInt("items"));
        assertEquals(5, perAoi.getJsonObject(1).getInt("items"));
        assertEquals(15, total.getInt("cost"), "stac's budget unit: scenes read");
        assertEquals("scenes", total.getString("costUnit"));
        Api.Response byDay = Api.post("/api/jobs/aoi-statistics/estimate", "{\"aois\":[\"drava-a\",\"drava-b\"],"
                + "\"catalog\":\"drava\",\"mosaic\":\"day\"," + PERIOD + "}");
        assertTrue(byDay.json().getJsonObject("total").getInt("items") < 15, byDay.body());
        assertEquals(15, byDay.json().getJsonObject("total").getInt("cost"), "a day mosaic reads every scene");
        assertEquals(before, ((JsonArray) Api.get("/api/executions?limit=10000").jsonValue()).size(),
                "no execution was started");
        Api.Response bad = Api.post("/api/jobs/aoi-statistics/estimate", "{\"catalog\":\"drava\"," + PERIOD
                + ",\"maxCloudCover\":101}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("maxCloudCover", bad.json().getString("field"));
    }

    @Test
    void statisticsAsCsvHaveExactlyTheDocumentedColumns() {
        long id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"drava\"," + PERIOD + "}");
        assertEquals("COMPLETED", Api.awaitTerminal(id, Duration.ofMinutes(5)).getString("status"));
        for (Api.Response r : new Api.Response[] {Api.get("/api/executions/" + id + "/statistics", "text/csv"),
                Api.get("/api/executions/" + id + "/statistics?format=csv")}) {
            assertEquals(200, r.status());
            assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
            String[] lines = r.body().split("\r\n");
            assertEquals("aoi_id,item_id,datetime,pixel_count,valid_count,nodata_count,mean,min,max,stdev,p10,p50,p90,"
                    + "clear_fraction,coverage,valid_coverage", lines[0]);
            assertEquals(6, lines.length, "header + the 5 scenes of drava-b");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",", -1);
                assertEquals(16, f.length, lines[i]);
                boolean valid = Long.parseLong(f[4]) > 0;
                assertEquals(valid, !f[6].isEmpty(), "mean empty exactly when valid_count is 0: " + lines[i]);
            }
        }
    }

    @Test
    void dayMosaicGivesOneRowPerAoiAndDay() {
        long id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-a\",\"catalog\":\"drava\"," + PERIOD
                + ",\"mosaic\":\"day\"}");
        assertEquals("COMPLETED", Api.awaitTerminal(id, Duration.ofMinutes(5)).getString("status"));
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + id + "/statistics").jsonValue();
        assertEquals(5, rows.size(), "5 dates, each mosaicking the two overlapping tiles");
        JsonArray items = Fixtures.items(id);
        for (JsonValue v : items) {
            assertEquals(2, v.asJsonObject().getJsonArray("sceneIds").size(), v.toString());
        }
        for (JsonValue v : rows) {
            JsonNumber pixels = v.asJsonObject().getJsonNumber("pixel_count");
            assertTrue(pixels.longValue() >= 16530, "the mosaic covers at least one tile's part of the AOI: " + v);
        }
    }
}
