package io.eobatch.provider.sentinelhub;

import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.parse;
import static io.eobatch.provider.sentinelhub.ShTestSupport.realAnswer;
import static io.eobatch.provider.sentinelhub.ShTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.ItemStatistics;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.StatisticsQuery;
import io.eobatch.provider.sentinelhub.ShTestSupport.Account;
import io.eobatch.provider.sentinelhub.ShTestSupport.RecordingCall;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;
import io.eobatch.testsupport.TestData;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link SentinelHubProvider} against a stub Sentinel Hub on 127.0.0.1 that answers with the real Statistical API
 * answers of shared/data/sentinel-hub-responses (re-dated to the interval asked) and with the real Earth Search
 * items of shared/data/s2l2a-drava-2023-08 as Catalog API features: the exact request of one item, its parsed
 * statistics, failed and empty intervals, its cost, and the scene search.
 */
class SentinelHubProviderTest {

    private static final String STATS = SentinelHubRequests.STATISTICS_PATH;
    private static final String SEARCH = SentinelHubRequests.CATALOG_SEARCH_PATH;
    /** aoi() at 10 m: 154 x 112 px, three input bands (B04, B08, SCL), one interval. */
    private static final double ONE_INTERVAL_PU = 154 * 112 / (512.0 * 512.0);

    private static StatisticsQuery query(LocalDate from, LocalDate to, Double cloud) {
        return new StatisticsQuery("unused", "sentinel-2-l2a", "drava-a", aoi(), from, to, List.of("S2X"),
                SpectralIndex.NDVI, cloud);
    }

    private static SentinelHubProvider provider(Account account, RecordingCall calls) {
        return new SentinelHubProvider(account.client(calls, Clock.systemUTC()));
    }

    /**
     * A stub route answering shared file {@code name} (element 0) with only its {@code data[entry]}, whose interval is
     * replaced by the {@code aggregation.timeRange} of the request: the answer the API gives for that interval.
     */
    private static Function<StubServer.Recorded, StubServer.Reply> redated(String name, int entry) {
        JsonObject real = realAnswer(name, 0).asJsonObject();
        return r -> {
            JsonObject range = parse(r.text()).getJsonObject("aggregation").getJsonObject("timeRange");
            JsonObject e = Json.createObjectBuilder(real.getJsonArray("data").getJsonObject(entry))
                    .add("interval", range).build();
            return StubServer.Reply.json(200, Json.createObjectBuilder(real)
                    .add("data", Json.createArrayBuilder().add(e)).build().toString());
        };
    }

    @Test
    void oneItemIsOneRequestOverExactlyItsInterval() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, redated("normal_stat_result.json", 0));
            RecordingCall calls = new RecordingCall();
            SentinelHubProvider p = provider(account, calls);
            assertEquals(EoProvider.ItemGranularity.INTERVAL, p.granularity());

            StatisticsQuery day = query(LocalDate.of(2020, 6, 11), LocalDate.of(2020, 6, 11), 30.0);
            ItemStatistics s = p.statistics(day);

            List<StubServer.Recorded> sent = account.server.requests(STATS);
            assertEquals(1, sent.size());
            StubServer.Recorded r = sent.get(0);
            assertEquals("Bearer " + token(1), r.header("Authorization"));
            assertEquals("application/json", r.header("Content-Type"));
            JsonObject body = parse(r.text());
            assertEquals(GeoJson.write(aoi()), body.getJsonObject("input").getJsonObject("bounds").getJsonObject("geometry"));
            assertEquals(parse("{\"type\":\"sentinel-2-l2a\",\"dataFilter\":{\"maxCloudCoverage\":30.0,"
                    + "\"mosaickingOrder\":\"leastCC\"}}"), body.getJsonObject("input").getJsonArray("data").get(0));
            JsonObject aggregation = body.getJsonObject("aggregation");
            assertEquals(parse("{\"from\":\"2020-06-11T00:00:00Z\",\"to\":\"2020-06-12T00:00:00Z\"}"),
                    aggregation.getJsonObject("timeRange"));
            assertEquals(parse("{\"of\":\"P1D\",\"lastIntervalBehavior\":\"SHORTEN\"}"),
                    aggregation.getJsonObject("aggregationInterval"));
            String evalscript = aggregation.getString("evalscript");
            assertTrue(evalscript.contains("\"SCL\"") && evalscript.contains("\"dataMask\""), evalscript);
            assertTrue(evalscript.contains("s.dataMask === 1 && MASKED.indexOf(s.SCL) < 0"), evalscript);
            assertEquals(parse("{\"k\":[10,50,90]}"), body.getJsonObject("calculations").getJsonObject("default")
                    .getJsonObject("statistics").getJsonObject("default").getJsonObject("percentiles"));

            // the numbers of normal_stat_result.json data[0]; it has the median only, no 10th or 90th percentile
            assertEquals(new ItemStatistics(112L, 109L, 3L, 0.38401383599010064, 0.23480869829654694,
                    0.7734549045562744, 0.11153442042832748, null, 0.3445783257484436, null, 109.0 / 112,
                    "0,0,0,0,0,0,68,35,6,0", false), s);

            // the cost: what the estimate computes is what the throttle is charged
            assertEquals(SentinelHubRequestCost.of(SentinelHubProvider.request(day)), p.statisticsCost(day));
            assertEquals(List.of(p.statisticsCost(day)), calls.costs);
            assertEquals(ONE_INTERVAL_PU, p.statisticsCost(day), 1e-15);
        }
    }

    @Test
    void longerIntervalsAreOneAggregationIntervalEach() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, redated("normal_stat_result.json", 0));
            RecordingCall calls = new RecordingCall();
            SentinelHubProvider p = provider(account, calls);
            record Case(LocalDate from, LocalDate to, String from0, String to0, String of) {
            }
            List<Case> cases = List.of(
                    new Case(LocalDate.of(2023, 8, 6), LocalDate.of(2023, 8, 10), "2023-08-06T00:00:00Z",
                            "2023-08-11T00:00:00Z", "P5D"),
                    new Case(LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31), "2023-08-01T00:00:00Z",
                            "2023-09-01T00:00:00Z", "P1M"),
                    // the last interval of a P5D plan over August, shortened to the period's end
                    new Case(LocalDate.of(2023, 8, 31), LocalDate.of(2023, 8, 31), "2023-08-31T00:00:00Z",
                            "2023-09-01T00:00:00Z", "P1D"),
                    new Case(LocalDate.of(2024, 2, 26), LocalDate.of(2024, 3, 1), "2024-02-26T00:00:00Z",
                            "2024-03-02T00:00:00Z", "P5D"));
            for (Case c : cases) {
                StatisticsQuery q = query(c.from(), c.to(), null);
                ItemStatistics s = p.statistics(q);
                assertEquals(109L, s.validCount(), c.toString());
                JsonObject aggregation = parse(account.server.requests(STATS).get(account.server.count(STATS) - 1)
                        .text()).getJsonObject("aggregation");
                assertEquals(Json.createObjectBuilder().add("from", c.from0()).add("to", c.to0()).build(),
                        aggregation.getJsonObject("timeRange"), c.toString());
                assertEquals(c.of(), aggregation.getJsonObject("aggregationInterval").getString("of"), c.toString());
                // one interval, whatever its length
                assertEquals(ONE_INTERVAL_PU, p.statisticsCost(q), 1e-15, c.toString());
                assertEquals(SentinelHubRequestCost.of(SentinelHubProvider.request(q)), p.statisticsCost(q));
            }
            assertEquals(cases.size(), account.server.count(STATS));
            assertEquals(1, account.tokenRequests.get(), "one token for every item");
            for (StubServer.Recorded r : account.server.requests(STATS)) {
                assertEquals("Bearer " + token(1), r.header("Authorization"));
                assertFalse(parse(r.text()).getJsonObject("input").getJsonArray("data").getJsonObject(0)
                        .getJsonObject("dataFilter").containsKey("maxCloudCoverage"), "no cloud limit asked");
            }
            assertEquals(cases.size(), calls.costs.size());
        }
    }

    @Test
    void aFailedIntervalOfAPartialAnswerFailsTheItem() throws IOException {
        try (Account account = new Account()) {
            // normal_stat_partial_result.json: status PARTIAL, data[0] has "error": "EXECUTION_ERROR"
            account.server.route("POST", STATS, redated("normal_stat_partial_result.json", 0));
            SentinelHubProvider p = provider(account, new RecordingCall());
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> p.statistics(query(LocalDate.of(2020, 6, 7), LocalDate.of(2020, 6, 7), null)));
            assertEquals("sentinel-hub statistics of AOI drava-a from 2020-06-07 to 2020-06-07: the interval failed "
                    + "(status PARTIAL): EXECUTION_ERROR", e.getMessage());

            // its other interval, which has statistics, is a result
            account.server.route("POST", STATS, redated("normal_stat_partial_result.json", 1));
            assertEquals(0.38401383599010064, p.statistics(query(LocalDate.of(2020, 6, 12), LocalDate.of(2020, 6, 12),
                    null)).mean());
        }
    }

    @Test
    void aFailedRequestFailsTheItemWithTheProvidersReason() throws IOException {
        try (Account account = new Account()) {
            // normal_stat_failed_result.json: {"error": "COMMON_BAD_PAYLOAD"}, no data
            String failed = realAnswer("normal_stat_failed_result.json", 0).toString();
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, failed));
            SentinelHubProvider p = provider(account, new RecordingCall());
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> p.statistics(query(LocalDate.of(2020, 6, 7), LocalDate.of(2020, 6, 7), null)));
            assertTrue(e.getMessage().contains("COMMON_BAD_PAYLOAD"), e.getMessage());
            assertTrue(e.getMessage().contains(account.server.url(STATS).toString()), e.getMessage());
        }
    }

    @Test
    void anAnswerWithoutTheIntervalIsNoData() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, "{\"data\":[],\"status\":\"OK\"}"));
            SentinelHubProvider p = provider(account, new RecordingCall());
            ItemStatistics s = p.statistics(query(LocalDate.of(2023, 8, 6), LocalDate.of(2023, 8, 10), null));
            assertEquals(ItemStatistics.none(), s);
            assertTrue(s.noData());
            assertEquals(1, account.server.count(STATS));
        }
    }

    /** The drava Earth Search items as Catalog API features, pages of 6 with {@code context.next}. */
    @Test
    void searchMapsCatalogFeaturesToScenesAcrossPages() throws IOException {
        List<JsonObject> items = new ArrayList<>();
        for (String id : TestData.dravaItems()) {
            Path file = TestData.dravaItem(id).resolve(id + ".json");
            try (var reader = Json.createReader(java.nio.file.Files.newBufferedReader(file))) {
                items.add(reader.readObject());
            }
        }
        assertEquals(10, items.size());
        int pageSize = 6;
        try (Account account = new Account()) {
            account.server.route("POST", SEARCH, r -> {
                JsonObject q = parse(r.text());
                int start = q.containsKey("next") ? q.getInt("next") : 0;
                int end = Math.min(items.size(), start + pageSize);
                JsonArrayBuilder features = Json.createArrayBuilder();
                items.subList(start, end).forEach(features::add);
                var context = Json.createObjectBuilder().add("limit", q.getInt("limit")).add("returned", end - start);
                if (end < items.size()) {
                    context.add("next", end);
                }
                return StubServer.Reply.json(200, Json.createObjectBuilder().add("type", "FeatureCollection")
                        .add("features", features).add("links", JsonValue.EMPTY_JSON_ARRAY).add("context", context)
                        .build().toString()).with("Content-Type", "application/geo+json");
            });
            RecordingCall calls = new RecordingCall();
            SentinelHubProvider p = provider(account, calls);
            SceneSearch s = new SceneSearch("unused", "sentinel-2-l2a", "drava-a", aoi(), LocalDate.of(2023, 8, 1),
                    LocalDate.of(2023, 8, 31), 50.0);
            List<SceneRef> scenes = p.search(s);

            List<SceneRef> expected = items.stream().map(i -> new SceneRef(i.getString("id"),
                    Instant.parse(i.getJsonObject("properties").getString("datetime")),
                    i.getJsonObject("properties").getJsonNumber("eo:cloud_cover").doubleValue())).toList();
            assertEquals(expected, scenes);
            assertEquals(new SceneRef("S2A_33TWL_20230818_0_L2A", Instant.parse("2023-08-18T10:08:08.248Z"), 45.745239),
                    scenes.get(1));

            List<StubServer.Recorded> sent = account.server.requests(SEARCH);
            assertEquals(2, sent.size(), "two pages");
            JsonObject first = parse(sent.get(0).text());
            assertEquals(Json.createObjectBuilder()
                    .add("collections", Json.createArrayBuilder().add("sentinel-2-l2a"))
                    .add("datetime", "2023-08-01T00:00:00Z/2023-08-31T23:59:59Z")
                    .add("intersects", GeoJson.write(aoi()))
                    .add("limit", 100)
                    .add("filter", "eo:cloud_cover <= 50")
                    .add("filter-lang", "cql2-text")
                    .build(), first);
            assertEquals(Json.createObjectBuilder(first).add("next", pageSize).build(), parse(sent.get(1).text()));
            for (StubServer.Recorded r : sent) {
                assertEquals("Bearer " + token(1), r.header("Authorization"));
            }
            assertEquals(List.of(p.searchCost(s), p.searchCost(s)), calls.costs, "each page charged its catalog cost");

            // no cloud limit (or 100 %): no filter
            p.search(new SceneSearch(null, null, "drava-a", aoi(), LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31),
                    100.0));
            JsonObject unfiltered = parse(account.server.requests(SEARCH).get(2).text());
            assertFalse(unfiltered.containsKey("filter"), unfiltered.toString());
            assertEquals("sentinel-2-l2a", unfiltered.getJsonArray("collections").getString(0),
                    "the default collection");
        }
    }
}
