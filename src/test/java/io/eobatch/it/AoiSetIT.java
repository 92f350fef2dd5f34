package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AOI sets over the embedded demo catalog: 121 small squares uploaded into a set, listed with their count and
 * bounding box, a launch naming them one by one refused (they do not fit a job's parameters) and one naming the set
 * run; the set cannot be deleted while that job runs; a run of more than 100 AOIs draws each time series on its first
 * request; deleting a set keeps its AOIs unless asked.
 */
class AoiSetIT {

    private static final String SET = "grid-it";
    private static final int SIDE = 11;

    /** min lon, min lat, max lon, max lat of the demo AOIs. */
    private static double[] demo;

    @BeforeAll
    static void demoArea() {
        Api.awaitReady(Duration.ofMinutes(2));
        // the first request makes the demo catalog: on a loaded machine it may outlast one request's 60 s
        JsonArray features = null;
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(6));
        while (features == null) {
            try {
                features = Api.get("/api/demo/aois", "application/geo+json").json().getJsonArray("features");
            } catch (java.io.UncheckedIOException e) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
        demo = new double[] {180, 90, -180, -90};
        for (JsonValue f : features) {
            for (JsonValue ring : f.asJsonObject().getJsonObject("geometry").getJsonArray("coordinates")) {
                for (JsonValue p : ring.asJsonArray()) {
                    double lon = p.asJsonArray().getJsonNumber(0).doubleValue();
                    double lat = p.asJsonArray().getJsonNumber(1).doubleValue();
                    demo[0] = Math.min(demo[0], lon);
                    demo[1] = Math.min(demo[1], lat);
                    demo[2] = Math.max(demo[2], lon);
                    demo[3] = Math.max(demo[3], lat);
                }
            }
        }
    }

    /** An id long enough that 121 of them do not fit a job's parameters. */
    private static String id(int row, int col) {
        return String.format(Locale.ROOT, "%s-square-row-%02d-column-%02d", SET, row, col);
    }

    /** A FeatureCollection of SIDE x SIDE squares of a tenth of a grid cell, inside the demo area. */
    private static String grid() {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        double dx = (demo[2] - demo[0]) / SIDE;
        double dy = (demo[3] - demo[1]) / SIDE;
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double x = demo[0] + (c + 0.45) * dx;
                double y = demo[1] + (r + 0.45) * dy;
                double w = dx / 10;
                double h = dy / 10;
                b.append(r + c == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"type\":\"Feature\","
                        + "\"properties\":{\"id\":\"%s\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,"
                        + "%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}}", id(r, c), x, y, x + w, y,
                        x + w, y + h, x, y + h, x, y));
            }
        }
        return b.append("]}").toString();
    }

    @Test
    void aSetOfManyAoisIsUploadedListedRunAndDeleted() {
        Api.delete("/api/aoi-sets/" + SET + "?aois=delete");
        Api.Response bad = Api.post("/api/aois?set=not%20a%20name", grid());
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("\"field\":\"set\""), bad.body());
        assertEquals(404, Api.get("/api/aois/" + id(0, 0)).status(), "nothing stored");

        Api.Response up = Api.post("/api/aois?set=" + SET, grid());
        assertEquals(201, up.status(), up.body());
        JsonObject set = ((JsonArray) Api.get("/api/aoi-sets").jsonValue()).stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals(SET)).findFirst().orElseThrow();
        assertEquals(SIDE * SIDE, set.getInt("aois"));
        JsonArray bbox = set.getJsonArray("bbox");
        assertTrue(bbox.getJsonNumber(0).doubleValue() >= demo[0] && bbox.getJsonNumber(2).doubleValue() <= demo[2]
                && bbox.getJsonNumber(1).doubleValue() >= demo[1] && bbox.getJsonNumber(3).doubleValue() <= demo[3],
                set.toString());
        JsonArray page = Api.get("/api/aoi-sets/" + SET + "?offset=1&limit=2").json().getJsonArray("aoiIds");
        assertEquals(List.of(id(0, 1), id(0, 2)), page.getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        assertEquals(404, Api.get("/api/aoi-sets/no-such-set").status());

        // one by one they do not fit JBeret's job parameters: a 400 that points to the set, nothing started
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                ids.add("\"" + id(r, c) + "\"");
            }
        }
        String period = "\"catalog\":\"demo\",\"from\":\"2023-06-01\",\"to\":\"2023-06-30\"";
        Api.Response tooLong = Api.post("/api/jobs/aoi-statistics/executions", "{\"aois\":[" + String.join(",", ids)
                + "]," + period + "}");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertTrue(tooLong.body().contains("\"field\":\"aois\"") && tooLong.body().contains("aoiSet"),
                tooLong.body());
        Api.Response unknownSet = Api.post("/api/jobs/aoi-statistics/executions", "{\"aoiSet\":\"no-such-set\","
                + period + "}");
        assertEquals(400, unknownSet.status(), unknownSet.body());
        assertTrue(unknownSet.body().contains("\"field\":\"aoiSet\""), unknownSet.body());

        long id = Fixtures.start("aoi-statistics", "{\"aoiSet\":\"" + SET + "\"," + period + ",\"partitions\":2}");
        Api.Response busy = Api.delete("/api/aoi-sets/" + SET);
        assertEquals(409, busy.status(), "a running job uses the set: " + busy.body());
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(10));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        JsonArray summary = (JsonArray) Api.get("/api/executions/" + id + "/summary").jsonValue();
        assertEquals(SIDE * SIDE, summary.size(), "every AOI of the set, resolved when the job planned");
        plannedAsSearchedOneByOne(id, period);
        keptCountsEqualTheLedger(id, e.getJsonObject("progress"));
        stacItemsComeInPages(id);
        stacItemsKeepTheRecordedAois(id);

        // more than 100 AOIs: the time series are drawn on their first request, then kept and listed
        String chart = "charts/timeseries-" + id(5, 5) + ".png";
        assertFalse(results(id).contains(chart), "not drawn by the summary step");
        assertTrue(results(id).contains("summary.json"));
        Api.Response png = Api.get("/api/executions/" + id + "/results/" + chart, "image/png");
        assertEquals(200, png.status(), png.body());
        assertEquals("image/png", png.contentType());
        assertTrue(results(id).contains(chart), "kept once drawn");
        assertEquals(404, Api.get("/api/executions/" + id + "/results/charts/timeseries-no-such-aoi.png").status());

        // deleting the set keeps its AOIs unless asked
        assertEquals(204, Api.delete("/api/aoi-sets/" + SET).status());
        assertEquals(404, Api.get("/api/aoi-sets/" + SET).status());
        assertEquals(200, Api.get("/api/aois/" + id(0, 0)).status());
        Api.Response again = Api.post("/api/aois?set=" + SET, "{\"type\":\"Feature\",\"properties\":{\"id\":\""
                + SET + "-one\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + demo[0] + "," + demo[1]
                + "],[" + demo[2] + "," + demo[1] + "],[" + demo[2] + "," + demo[3] + "],[" + demo[0] + "," + demo[1]
                + "]]]}}");
        assertEquals(201, again.status(), again.body());
        assertEquals(204, Api.delete("/api/aoi-sets/" + SET + "?aois=delete").status());
        assertEquals(404, Api.get("/api/aois/" + SET + "-one").status(), "deleted with its set");
        assertEquals(400, Api.delete("/api/aoi-sets/" + SET + "?aois=maybe").status());
    }

    /**
     * The plan searched the catalog once per grid cell for the set's AOIs; each AOI has the items of a search over
     * it alone, as the estimate makes them (one search per AOI).
     */
    private static void plannedAsSearchedOneByOne(long id, String period) {
        Api.Response est = Api.post("/api/jobs/aoi-statistics/estimate", "{\"aoiSet\":\"" + SET + "\"," + period
                + "}");
        assertEquals(200, est.status(), est.body());
        Map<String, Long> estimated = new TreeMap<>();
        est.json().getJsonArray("perAoi").forEach(v -> estimated.put(v.asJsonObject().getString("aoiId"),
                v.asJsonObject().getJsonNumber("items").longValue()));
        Map<String, Long> planned = new TreeMap<>();
        Fixtures.items(id).forEach(v -> {
            JsonObject o = v.asJsonObject();
            planned.merge(o.getString("aoiId"), o.isNull("sceneId") ? 0L : 1L, Long::sum);
        });
        assertEquals(SIDE * SIDE, planned.size());
        assertEquals(estimated, planned);
    }

    /** The progress numbers (kept counts) equal the ledger's items, by status and by partition. */
    private static void keptCountsEqualTheLedger(long id, JsonObject progress) {
        JsonArray items = Fixtures.items(id);
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Map<String, Long>> byPartition = new TreeMap<>();
        for (JsonValue v : items) {
            JsonObject o = v.asJsonObject();
            byStatus.merge(o.getString("status"), 1L, Long::sum);
            byPartition.computeIfAbsent(String.valueOf(o.getInt("partition")), k -> new TreeMap<>())
                    .merge(o.getString("status"), 1L, Long::sum);
        }
        assertEquals(items.size(), progress.getInt("total"), progress.toString());
        Map<String, String> fields = Map.of("DONE", "done", "NO_DATA", "noData", "TOO_CLOUDY", "tooCloudy",
                "FAILED", "failed", "PENDING", "pending", "IN_FLIGHT", "inFlight");
        fields.forEach((status, field) -> assertEquals(byStatus.getOrDefault(status, 0L).longValue(),
                progress.getJsonNumber(field).longValue(), field + " in " + progress));
        Map<String, Map<String, Long>> shown = new TreeMap<>();
        progress.getJsonObject("byPartition").forEach((k, v) -> {
            Map<String, Long> m = new TreeMap<>();
            v.asJsonObject().forEach((st, n) -> m.put(st, ((jakarta.json.JsonNumber) n).longValue()));
            shown.put(k, m);
        });
        assertEquals(byPartition, shown);

        // the same items page by page after the last one (keyset), each full page linking to the next
        List<Long> paged = new ArrayList<>();
        String url = "/api/executions/" + id + "/items?limit=100";
        while (url != null) {
            Api.Response r = Api.get(url);
            assertEquals(200, r.status(), r.body());
            JsonArray page = (JsonArray) r.jsonValue();
            page.forEach(v -> paged.add(v.asJsonObject().getJsonNumber("id").longValue()));
            String link = r.header("Link");
            assertEquals(page.size() == 100, link != null, "a next link on full pages: " + link);
            url = link == null ? null : link.substring(link.indexOf("/api/"), link.indexOf('>'));
        }
        assertEquals(items.stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList(), paged);
    }

    /** /stac/items in pages of 50 AOIs with next links: every AOI's item once; one item read alone. */
    private static void stacItemsComeInPages(long id) {
        String url = "/api/executions/" + id + "/stac/items?limit=50";
        List<Integer> sizes = new ArrayList<>();
        java.util.Set<String> ids = new java.util.TreeSet<>();
        while (url != null) {
            Api.Response r = Api.get(url, "application/geo+json");
            assertEquals(200, r.status(), r.body());
            JsonObject page = r.json();
            sizes.add(page.getJsonArray("features").size());
            assertEquals(page.getJsonArray("features").size(), page.getInt("numberReturned"));
            page.getJsonArray("features").forEach(f -> assertTrue(ids.add(f.asJsonObject().getString("id")),
                    "twice: " + f.asJsonObject().getString("id")));
            url = page.getJsonArray("links").stream().map(JsonValue::asJsonObject)
                    .filter(l -> l.getString("rel").equals("next")).map(l -> l.getString("href"))
                    .map(h -> h.substring(h.indexOf("/api/"))).findFirst().orElse(null);
        }
        assertEquals(List.of(50, 50, 21), sizes);
        assertEquals(SIDE * SIDE, ids.size());
        assertTrue(ids.contains(id(5, 5)), ids.toString());
        JsonObject all = Api.get("/api/executions/" + id + "/stac/items", "application/geo+json").json();
        assertEquals(SIDE * SIDE, all.getJsonArray("features").size(), "the default page holds them all");
        assertTrue(all.getJsonArray("links").stream().noneMatch(l -> l.asJsonObject().getString("rel")
                .equals("next")));
        JsonObject one = Api.get("/api/executions/" + id + "/stac/items/" + id(5, 5), "application/geo+json").json();
        assertEquals(id(5, 5), one.getString("id"));
        assertEquals(id(5, 5), one.getJsonObject("properties").getString("eobatch:aoi_id"));
        assertEquals(404, Api.get("/api/executions/" + id + "/stac/items/" + SET + "-no-such").status());
        Api.Response bad = Api.get("/api/executions/" + id + "/stac/items?limit=0");
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("\"field\":\"limit\""), bad.body());
    }

    /**
     * An AOI deleted after the run and one stored again under its id with another geometry: the run's STAC Items keep
     * the AOIs as the run recorded them (alone and on a page), an unchanged AOI is as stored.
     */
    private static void stacItemsKeepTheRecordedAois(long id) {
        String base = "/api/executions/" + id + "/stac/items";
        JsonObject movedBefore = Api.get(base + "/" + id(4, 4), "application/geo+json").json().getJsonObject("geometry");
        JsonObject goneBefore = Api.get(base + "/" + id(4, 3), "application/geo+json").json().getJsonObject("geometry");
        assertEquals(204, Api.delete("/api/aois/" + id(4, 4)).status());
        assertEquals(204, Api.delete("/api/aois/" + id(4, 3)).status());
        double w = (demo[2] - demo[0]) / 50;
        double h = (demo[3] - demo[1]) / 50;
        String moved = String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],"
                + "[%.7f,%.7f]]]}}", id(4, 4), demo[0], demo[1], demo[0] + w, demo[1], demo[0] + w, demo[1] + h,
                demo[0], demo[1]);
        assertEquals(201, Api.post("/api/aois", moved).status());
        assertNotEquals(movedBefore, Api.get("/api/aois/" + id(4, 4)).json().getJsonObject("geometry"),
                "stored again with another geometry");

        assertEquals(movedBefore, Api.get(base + "/" + id(4, 4), "application/geo+json").json()
                .getJsonObject("geometry"), "the recorded AOI, not the one stored since");
        assertEquals(goneBefore, Api.get(base + "/" + id(4, 3), "application/geo+json").json()
                .getJsonObject("geometry"), "the recorded AOI, deleted since");
        Map<String, JsonObject> onPage = new java.util.HashMap<>();
        Api.get(base + "?limit=" + (SIDE * SIDE), "application/geo+json").json().getJsonArray("features")
                .forEach(f -> onPage.put(f.asJsonObject().getString("id"), f.asJsonObject().getJsonObject("geometry")));
        assertEquals(movedBefore, onPage.get(id(4, 4)), "on a page too");
        assertEquals(goneBefore, onPage.get(id(4, 3)), "on a page too");
        assertEquals(Api.get("/api/aois/" + id(4, 5)).json().getJsonObject("geometry"), onPage.get(id(4, 5)),
                "an AOI unchanged since the run is as stored");
    }

    /** The grid's AOIs and the set go, whatever the test got to: later jobs over "every AOI" must not meet them. */
    @AfterAll
    static void removeTheGrid() {
        Api.delete("/api/aoi-sets/" + SET + "?aois=delete");
        Api.delete("/api/aois/" + SET + "-one");
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                Api.delete("/api/aois/" + id(r, c));
            }
        }
    }

    private static String results(long id) {
        return Api.get("/api/executions/" + id + "/results").body();
    }
}
