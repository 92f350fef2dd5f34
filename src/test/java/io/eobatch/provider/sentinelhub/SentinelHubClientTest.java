package io.eobatch.provider.sentinelhub;

import static io.eobatch.provider.sentinelhub.ShTestSupport.CLIENT_ID;
import static io.eobatch.provider.sentinelhub.ShTestSupport.SECRET_ENCODED;
import static io.eobatch.provider.sentinelhub.ShTestSupport.TOKEN_PATH;
import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.parse;
import static io.eobatch.provider.sentinelhub.ShTestSupport.realAnswer;
import static io.eobatch.provider.sentinelhub.ShTestSupport.resource;
import static io.eobatch.provider.sentinelhub.ShTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import io.eobatch.provider.sentinelhub.ShTestSupport.Account;
import io.eobatch.provider.sentinelhub.ShTestSupport.RecordingCall;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;
import io.eobatch.stac.StacItem;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.http.ProviderHttpException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The Sentinel Hub client against a stub account on 127.0.0.1 that speaks the protocol: exact requests (method,
 * path, headers, token form, JSON bodies) and results parsed from the real Statistical API answers of
 * shared/data/sentinel-hub-responses.
 */
class SentinelHubClientTest {

    private static final String STATS = SentinelHubRequests.STATISTICS_PATH;
    private static final String PROCESS = SentinelHubRequests.PROCESS_PATH;
    private static final String SEARCH = SentinelHubRequests.CATALOG_SEARCH_PATH;

    private static StatisticsRequest ndviJune() {
        return StatisticsRequest.daily(aoi(), LocalDate.of(2020, 6, 1), LocalDate.of(2020, 6, 30), SpectralIndex.NDVI, 20.0);
    }

    @Test
    void statisticsSendsTheDocumentedRequestAndReadsTheRealAnswer() throws IOException {
        String answer = realAnswer("normal_stat_result.json", 0).toString();
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, answer));
            RecordingCall calls = new RecordingCall();
            StatisticsResult result = account.client(calls, Clock.systemUTC()).statistics(ndviJune());

            // the token request: a client-credentials form, URL-encoded
            List<StubServer.Recorded> tokenRequests = account.server.requests(TOKEN_PATH);
            assertEquals(1, tokenRequests.size());
            StubServer.Recorded t = tokenRequests.get(0);
            assertEquals("POST", t.method());
            assertEquals("application/x-www-form-urlencoded", t.header("Content-Type"));
            assertEquals("grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + SECRET_ENCODED, t.text());
            assertNull(t.header("Authorization"));

            // the statistics request
            List<StubServer.Recorded> sent = account.server.requests(STATS);
            assertEquals(1, sent.size());
            StubServer.Recorded s = sent.get(0);
            assertEquals("POST", s.method());
            assertEquals("Bearer " + token(1), s.header("Authorization"));
            assertEquals("application/json", s.header("Content-Type"));
            assertEquals("application/json", s.header("Accept"));
            JsonObject body = parse(s.text());
            assertEquals(Json.createObjectBuilder()
                    .add("geometry", GeoJson.write(aoi()))
                    .add("properties", Json.createObjectBuilder().add("crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"))
                    .build(), body.getJsonObject("input").getJsonObject("bounds"));
            assertEquals(parse("{\"data\":[{\"type\":\"sentinel-2-l2a\",\"dataFilter\":{\"maxCloudCoverage\":20.0,"
                    + "\"mosaickingOrder\":\"leastCC\"}}]}").getJsonArray("data"), body.getJsonObject("input").getJsonArray("data"));
            JsonObject aggregation = body.getJsonObject("aggregation");
            assertEquals(parse("{\"from\":\"2020-06-01T00:00:00Z\",\"to\":\"2020-07-01T00:00:00Z\"}"), aggregation.getJsonObject("timeRange"));
            assertEquals(parse("{\"of\":\"P1D\",\"lastIntervalBehavior\":\"SHORTEN\"}"), aggregation.getJsonObject("aggregationInterval"));
            // 10 m at latitude 46.505 in degrees (WGS84 degree lengths: 76755.53 m of longitude, 111161.15 m of latitude)
            assertEquals(0.00013028377672489347, aggregation.getJsonNumber("resx").doubleValue(), 1e-15);
            assertEquals(8.995948884405056e-05, aggregation.getJsonNumber("resy").doubleValue(), 1e-15);
            String evalscript = aggregation.getString("evalscript");
            assertTrue(evalscript.startsWith("//VERSION=3\n"), evalscript);
            assertTrue(evalscript.contains("input: [{bands: [\"B04\", \"B08\", \"SCL\", \"dataMask\"]}]"), evalscript);
            assertTrue(evalscript.contains("output: [{id: \"ndvi\", bands: 1, sampleType: \"FLOAT32\"}, {id: \"dataMask\", bands: 1}]"), evalscript);
            assertTrue(evalscript.contains("const MASKED = [0, 1, 3, 8, 9, 10];"), evalscript);
            assertTrue(evalscript.contains("const v = (s.B08 - s.B04) / (s.B08 + s.B04);"), evalscript);
            assertTrue(evalscript.contains("s.dataMask === 1 && MASKED.indexOf(s.SCL) < 0 && s.SCL <= 11 && isFinite(v)"), evalscript);
            assertTrue(evalscript.contains("return {ndvi: [ok ? v : NaN], dataMask: [ok ? 1 : 0]};"), evalscript);
            assertEquals(parse("{\"default\":{\"statistics\":{\"default\":{\"percentiles\":{\"k\":[10,50,90]}}},"
                    + "\"histograms\":{\"default\":{\"nBins\":20,\"lowEdge\":-1.0,\"highEdge\":1.0}}}}"), body.getJsonObject("calculations"));
            assertEquals(3, body.size(), "input, aggregation, calculations: " + body.keySet());

            // the answer (numbers of shared/data/sentinel-hub-responses/normal_stat_result.json)
            assertEquals("OK", result.status());
            assertEquals(1, result.intervals().size());
            IntervalStatistics i = result.intervals().get(0);
            assertTrue(i.ok());
            assertEquals(Instant.parse("2020-06-11T00:00:00Z"), i.from());
            assertEquals(Instant.parse("2020-06-12T00:00:00Z"), i.to());
            IndexStatistics st = i.statistics();
            assertEquals(112, st.pixelCount());
            assertEquals(3, st.nodataCount());
            assertEquals(109, st.validCount());
            assertEquals(0, st.cloudCount());
            assertEquals(0.38401383599010064, st.mean());
            assertEquals(0.23480869829654694, st.min());
            assertEquals(0.7734549045562744, st.max());
            assertEquals(0.11153442042832748, st.stdev());
            assertEquals(0.3445783257484436, st.p50());
            assertTrue(Double.isNaN(st.p10()), "the answer has no 10th percentile");
            assertTrue(Double.isNaN(st.p90()), "the answer has no 90th percentile");
            assertEquals(109.0 / 112, st.clearFraction());
            assertEquals(new IndexStatistics.Histogram(-1.0, 1.0, new long[] {0, 0, 0, 0, 0, 0, 68, 35, 6, 0}), st.histogram());

            // the cost reported to the wrapper: 154 x 112 px, 3 bands (B04, B08, SCL), 30 intervals
            assertEquals(List.of(154 * 112 / (512.0 * 512.0) * 30), calls.costs);
            assertEquals(calls.costs.get(0), result.cost());
        }
    }

    @Test
    void partialAnswerFailsOnlyItsFailedInterval() throws IOException {
        String answer = realAnswer("normal_stat_partial_result.json", 0).toString();
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, answer));
            StatisticsResult result = account.client().statistics(ndviJune());
            assertEquals("PARTIAL", result.status());
            assertEquals(2, result.intervals().size());
            IntervalStatistics failed = result.intervals().get(0);
            assertFalse(failed.ok());
            assertEquals(Instant.parse("2020-06-07T00:00:00Z"), failed.from());
            assertEquals("EXECUTION_ERROR", failed.error());
            IntervalStatistics ok = result.intervals().get(1);
            assertEquals(Instant.parse("2020-06-12T00:00:00Z"), ok.from());
            assertEquals(0.38401383599010064, ok.statistics().mean());
            assertEquals(List.of(failed), result.failed());
            assertEquals(List.of(ok), result.succeeded());
        }
    }

    @Test
    void nanStatisticsAndErrorObjectsOfRealBatchAnswers() throws IOException {
        // a response of the Batch Statistical results: "NaN" statistics where every pixel is no-data
        String nan = realAnswer("batch_stat_results.json", 0).asJsonObject().getJsonObject("response").toString();
        // an interval error given as an object {"type": "EXECUTION_ERROR"}
        String errorObject = realAnswer("batch_stat_failed_results.json", 2).asJsonObject().getJsonObject("response").toString();
        // {"data": null, "status": "FAILED"}
        String failed = realAnswer("batch_stat_failed_results.json", 0).asJsonObject().getJsonObject("response").toString();
        try (Account account = new Account()) {
            SentinelHubClient client = account.client();

            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, nan));
            StatisticsResult r1 = client.statistics(ndviJune());
            IndexStatistics empty = r1.intervals().get(0).statistics();
            assertEquals(112, empty.pixelCount());
            assertEquals(0, empty.validCount());
            assertEquals(112, empty.nodataCount());
            assertTrue(Double.isNaN(empty.mean()) && Double.isNaN(empty.stdev()));
            assertFalse(empty.hasValues());
            assertEquals(0.0, empty.clearFraction());
            assertEquals(109, r1.intervals().get(1).statistics().validCount());

            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, errorObject));
            StatisticsResult r2 = client.statistics(ndviJune());
            assertEquals("EXECUTION_ERROR", r2.intervals().get(0).error());
            assertEquals(48, r2.intervals().get(1).statistics().validCount());
            assertEquals(0.41071487963199604, r2.intervals().get(1).statistics().mean());

            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, failed));
            ItemDataException e = assertThrows(ItemDataException.class, () -> client.statistics(ndviJune()));
            assertTrue(e.getMessage().contains("statistical request FAILED") && e.getMessage().contains("'data' missing"), e.getMessage());
            assertTrue(e.getMessage().contains(account.server.url(STATS).toString()), e.getMessage());
        }
    }

    @Test
    void failedRequestIsAnHttpErrorOrAnItemFailure() throws IOException {
        String failed = realAnswer("normal_stat_failed_result.json", 0).toString();
        try (Account account = new Account()) {
            SentinelHubClient client = account.client();
            account.server.route("POST", STATS, r -> StubServer.Reply.json(400, failed));
            ProviderHttpException e = assertThrows(ProviderHttpException.class, () -> client.statistics(ndviJune()));
            assertEquals(400, e.status());
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("COMMON_BAD_PAYLOAD"), e.getMessage());
            assertInstanceOf(ItemDataException.class, e.toBatchException());

            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, failed));
            ItemDataException d = assertThrows(ItemDataException.class, () -> client.statistics(ndviJune()));
            assertTrue(d.getMessage().contains("COMMON_BAD_PAYLOAD"), d.getMessage());

            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, "{\"data\": [ {\"interval\""));
            ItemDataException m = assertThrows(ItemDataException.class, () -> client.statistics(ndviJune()));
            assertTrue(m.getMessage().contains("not valid JSON at line 1"), m.getMessage());
        }
    }

    @Test
    void malformedIntervalFailsThatIntervalAndNamesTheField() throws IOException {
        JsonObject real = realAnswer("normal_stat_result.json", 0).asJsonObject();
        JsonObject good = real.getJsonArray("data").getJsonObject(0);
        JsonObject bad = Json.createObjectBuilder(good)
                .add("interval", Json.createObjectBuilder().add("from", "2020-06-12T00:00:00Z").add("to", "2020-06-13T00:00:00Z"))
                .add("outputs", Json.createObjectBuilder().add("ndvi", Json.createObjectBuilder().add("bands",
                        Json.createObjectBuilder().add("B0", Json.createObjectBuilder().add("stats",
                                Json.createObjectBuilder().add("sampleCount", 10).add("noDataCount", 11))))))
                .build();
        String answer = Json.createObjectBuilder().add("data", Json.createArrayBuilder().add(good).add(bad))
                .add("status", "OK").build().toString();
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, answer));
            StatisticsResult result = account.client().statistics(ndviJune());
            assertTrue(result.intervals().get(0).ok());
            assertEquals("malformed answer: field 'data[1].outputs.ndvi.bands.B0.stats.noDataCount' 11 > sampleCount 10",
                    result.intervals().get(1).error());
        }
    }

    @Test
    void catalogSearchFollowsTheNextTokenAndSendsTheSameQuery() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", SEARCH, r -> StubServer.Reply.json(200,
                    resource(parse(r.text()).containsKey("next") ? "catalog-page-2.json" : "catalog-page-1.json"))
                    .with("Content-Type", "application/geo+json"));
            RecordingCall calls = new RecordingCall();
            List<StacItem> items = account.client(calls, Clock.systemUTC()).catalogSearch(
                    CatalogSearch.sentinel2(aoi(), LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31), 20.0));

            List<StubServer.Recorded> sent = account.server.requests(SEARCH);
            assertEquals(2, sent.size());
            for (StubServer.Recorded r : sent) {
                assertEquals("Bearer " + token(1), r.header("Authorization"));
                assertEquals("application/json", r.header("Content-Type"));
                assertEquals("application/geo+json", r.header("Accept"));
            }
            JsonObject first = parse(sent.get(0).text());
            assertEquals(Json.createObjectBuilder()
                    .add("collections", Json.createArrayBuilder().add("sentinel-2-l2a"))
                    .add("datetime", "2023-08-01T00:00:00Z/2023-08-31T23:59:59Z")
                    .add("intersects", GeoJson.write(aoi()))
                    .add("limit", 100)
                    .add("filter", "eo:cloud_cover <= 20")
                    .add("filter-lang", "cql2-text")
                    .build(), first);
            assertEquals(Json.createObjectBuilder(first).add("next", 2).build(), parse(sent.get(1).text()));

            assertEquals(List.of("S2B_MSIL2A_20230802T100559_N0509_R022_T33TWM_20230802T130311",
                    "S2A_MSIL2A_20230807T100601_N0509_R022_T33TWM_20230807T162530",
                    "S2B_MSIL2A_20230822T100559_N0509_R022_T33TWM_20230822T130010"),
                    items.stream().map(StacItem::id).toList());
            assertEquals(Instant.parse("2023-08-07T10:16:40Z"), items.get(1).datetime());
            assertEquals(17.5, items.get(1).cloudCover());
            assertEquals(32633, items.get(2).epsg());
            // 1.7 km² over one month: 0.01 PU a page
            assertEquals(List.of(0.01, 0.01), calls.costs);
        }
    }

    @Test
    void catalogPagingInALoopIsAnError() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", SEARCH, r -> StubServer.Reply.json(200, resource("catalog-page-1.json")));
            ItemDataException e = assertThrows(ItemDataException.class, () -> account.client().catalogSearch(
                    CatalogSearch.sentinel2(aoi(), LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31), null)));
            assertTrue(e.getMessage().contains("paging token 2 repeats"), e.getMessage());
            assertEquals(2, account.server.count(SEARCH));
            assertFalse(parse(account.server.requests(SEARCH).get(0).text()).containsKey("filter"));
        }
    }

    @Test
    void processSendsThePngRequestAndReturnsTheImage() throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(3, 4, 0xff1a9850);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        byte[] png = out.toByteArray();
        try (Account account = new Account()) {
            account.server.route("POST", PROCESS, r -> StubServer.Reply.bytes(200, "image/png", png));
            RecordingCall calls = new RecordingCall();
            SentinelHubClient client = account.client(calls, Clock.systemUTC());
            ImageRequest request = new ImageRequest(aoi(), LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31),
                    SpectralIndex.NDVI, null, 30.0, 64, 48);
            assertArrayEquals(png, client.process(request));

            StubServer.Recorded s = account.server.requests(PROCESS).get(0);
            assertEquals("Bearer " + token(1), s.header("Authorization"));
            assertEquals("image/png", s.header("Accept"));
            JsonObject body = parse(s.text());
            assertEquals(parse("{\"width\":64,\"height\":48,\"responses\":[{\"identifier\":\"default\",\"format\":{\"type\":\"image/png\"}}]}"),
                    body.getJsonObject("output"));
            assertEquals(parse("{\"type\":\"sentinel-2-l2a\",\"dataFilter\":{\"timeRange\":{\"from\":\"2023-08-01T00:00:00Z\","
                    + "\"to\":\"2023-09-01T00:00:00Z\"},\"maxCloudCoverage\":30.0,\"mosaickingOrder\":\"leastCC\"}}"),
                    body.getJsonObject("input").getJsonArray("data").getJsonObject(0));
            assertEquals(GeoJson.write(aoi()), body.getJsonObject("input").getJsonObject("bounds").getJsonObject("geometry"));
            String evalscript = body.getString("evalscript");
            // RdYlGn over [-0.2, 0.9]: 11 stops, first colour 0xa50026, last 0x006837
            assertTrue(evalscript.contains("const STOPS = [-0.2, -0.09, 0.02, 0.13, 0.24, 0.35, 0.46, 0.57, 0.68, 0.79, 0.9];"), evalscript);
            assertTrue(evalscript.contains("const COLOURS = [[0.6471, 0, 0.149], "), evalscript);
            assertTrue(evalscript.contains("[0, 0.4078, 0.2157]];"), evalscript);
            assertTrue(evalscript.contains("return [0, 0, 0, 0];"), evalscript);
            // 64 x 48 px, 3 bands: 0.0117 PU
            assertEquals(List.of(64 * 48 / (512.0 * 512.0)), calls.costs);

            ImageRequest trueColour = new ImageRequest(aoi(), LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31),
                    null, null, null, 64, 48);
            client.process(trueColour);
            JsonObject tc = parse(account.server.requests(PROCESS).get(1).text());
            assertTrue(tc.getString("evalscript").contains("return [2.5 * s.B04, 2.5 * s.B03, 2.5 * s.B02, s.dataMask];"));
            assertFalse(tc.getJsonObject("input").getJsonArray("data").getJsonObject(0).getJsonObject("dataFilter")
                    .containsKey("maxCloudCoverage"));

            account.server.route("POST", PROCESS, r -> StubServer.Reply.json(200, "{\"not\":\"a png\"}"));
            ItemDataException e = assertThrows(ItemDataException.class, () -> client.process(request));
            assertTrue(e.getMessage().contains("answer is not a PNG (15 bytes, Content-Type application/json)"), e.getMessage());
        }
    }

    @Test
    void rateLimitSurfacesStatusAndRetryAfter() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(429,
                    "{\"error\":{\"status\":429,\"reason\":\"Too Many Requests\",\"message\":\"You have exceeded your rate limit\"}}")
                    .with("Retry-After", "1500"));
            ProviderHttpException e = assertThrows(ProviderHttpException.class, () -> account.client().statistics(ndviJune()));
            assertEquals(429, e.status());
            assertEquals("1500", e.retryAfter().orElseThrow());
            assertTrue(e.isTransient());
            assertEquals("POST", e.method());
            assertEquals(account.server.url(STATS), e.url());
            assertTrue(e.getMessage().startsWith("POST " + account.server.url(STATS) + " answered HTTP 429 (Retry-After: 1500): "
                    + "{\"error\":{\"status\":429,\"reason\":\"Too Many Requests\""), e.getMessage());
            assertInstanceOf(TransientSourceException.class, e.toBatchException());
            assertEquals(1, account.server.count(STATS), "retrying is the throttle's business");

            account.server.route("POST", STATS, r -> StubServer.Reply.json(503, "{}"));
            ProviderHttpException u = assertThrows(ProviderHttpException.class, () -> account.client().statistics(ndviJune()));
            assertTrue(u.retryAfter().isEmpty());
            assertTrue(u.isTransient());
        }
    }

    @Test
    void connectionFailureIsTransient() throws IOException {
        SentinelHubConfig config;
        try (Account account = new Account()) {
            config = account.config();
        }
        // the server is closed: connection refused
        TransientSourceException e = assertThrows(TransientSourceException.class,
                () -> new SentinelHubClient(config, ProviderCall.DIRECT).statistics(ndviJune()));
        assertTrue(e.getMessage().startsWith("POST " + config.tokenUrl() + " failed: "), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void outputIdOfEachIndex() {
        assertEquals("ndvi", SentinelHubRequests.outputId(SpectralIndex.NDVI));
        assertTrue(SentinelHubRequests.statisticsEvalscript(SpectralIndex.EVI)
                .contains("input: [{bands: [\"B02\", \"B04\", \"B08\", \"SCL\", \"dataMask\"]}]"));
        assertTrue(SentinelHubRequests.statisticsEvalscript(SpectralIndex.NDWI)
                .contains("const v = (s.B03 - s.B08) / (s.B03 + s.B08);"));
        assertTrue(SentinelHubRequests.indexEvalscript(SpectralIndex.NDWI, ColorMap.blues(-0.3, 0.6))
                .contains("const STOPS = [-0.3, -0.1875, -0.075, 0.0375, 0.15, 0.2625, 0.375, 0.4875, 0.6];"));
        StatisticsRequest monthly = new StatisticsRequest(aoi(), LocalDate.of(2023, 1, 15), LocalDate.of(2023, 3, 20),
                Period.ofMonths(1), SpectralIndex.NDVI, null, 20);
        assertEquals(3, monthly.intervals());
        assertEquals("P1M", SentinelHubRequests.statistics(monthly).getJsonObject("aggregation")
                .getJsonObject("aggregationInterval").getString("of"));
    }
}
