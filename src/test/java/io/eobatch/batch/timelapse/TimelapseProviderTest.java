package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.batch.runtime.context.JobContext;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.batch.ItemResult;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.Providers;
import io.eobatch.provider.http.ThrottledCall;
import io.eobatch.provider.observearth.ObserveEarthClient;
import io.eobatch.provider.observearth.ObserveEarthConfig;
import io.eobatch.provider.observearth.ObserveEarthProvider;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.sentinelhub.SentinelHubClient;
import io.eobatch.provider.sentinelhub.SentinelHubConfig;
import io.eobatch.provider.sentinelhub.SentinelHubProvider;
import io.eobatch.provider.sentinelhub.SentinelHubRequests;
import io.eobatch.provider.sentinelhub.StubServer;
import io.eobatch.provider.throttle.RetriesExhaustedException;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.raster.image.AnimatedGif;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.results.ResultsStore;

/**
 * fetch-images of aoi-timelapse with a remote provider: the real {@link TimelapseProcessor} (its database and job
 * context replaced by plain objects) against providers talking HTTP to stubs on 127.0.0.1 (Sentinel Hub: token,
 * Catalog API with two pages, Process API drawing a PNG of the size asked; ObservEarth: geometry list, search,
 * image endpoint), then the GIF step's {@link TimelapseOutputs#writeAoi} on the frames, as make-gifs calls it.
 */
class TimelapseProviderTest {

    private static final long INSTANCE = 5;
    private static final String AOI = "field-1";
    private static final String TOKEN_PATH = "/oauth/token";
    private static final String CATALOG = SentinelHubRequests.CATALOG_SEARCH_PATH;
    private static final String PROCESS = SentinelHubRequests.PROCESS_PATH;
    private static final String API_KEY = "5b97d3f0-0000-4a1b-9c2d-3e4f5a6b7c8d";
    private static final String GEOMETRY_ID = "123e4567-e89b-12d3-a456-426614174000";
    private static final String OE_IMAGE = ObserveEarthClient.IMAGE_PATH + GEOMETRY_ID;
    /** The least cloudy of the two Catalog pages (0.4 % on page 2) and of ObservEarth's search.json (3.12 %). */
    private static final String SH_LEAST_CLOUDY = "S2B_MSIL2A_20230822T100559_N0509_R022_T33TWM_20230822T130010";
    private static final String OE_LEAST_CLOUDY = "S2B_MSIL2A_20230802T100559_N0509_R022_T33TWM_20230802T130311";

    @TempDir
    Path data;

    private static Geometry aoiGeometry() {
        return new GeometryFactory().createPolygon(new Coordinate[] {
            new Coordinate(15.60, 46.50), new Coordinate(15.62, 46.50), new Coordinate(15.62, 46.51),
            new Coordinate(15.60, 46.51), new Coordinate(15.60, 46.50)});
    }

    private static String resource(String name) {
        try (var in = TimelapseProviderTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    /** A PNG of the size the Process API request asks for, its first pixel the colour given. */
    private static StubServer.Reply drawn(StubServer.Recorded r, int argb) {
        JsonObject out = parse(r.text()).getJsonObject("output");
        BufferedImage img = new BufferedImage(out.getInt("width"), out.getInt("height"), BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, argb);
        try {
            return StubServer.Reply.bytes(200, "image/png", PngWriter.encode(img));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stub Sentinel Hub account: token, two Catalog pages (context.next = 2), Process API. */
    private static StubServer sentinelHub() throws IOException {
        StubServer s = new StubServer();
        s.route("POST", TOKEN_PATH, r -> StubServer.Reply.json(200,
                "{\"access_token\":\"tok-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
        s.route("POST", CATALOG, r -> StubServer.Reply.json(200, resource(parse(r.text()).containsKey("next")
                ? "sentinelhub/catalog-page-2.json" : "sentinelhub/catalog-page-1.json")));
        s.route("POST", PROCESS, r -> drawn(r, parse(r.text()).getString("evalscript").contains("true colour")
                ? 0xff808080 : 0xff1a9850));
        return s;
    }

    private static EoProvider sentinelHub(StubServer s) {
        return new SentinelHubProvider(new SentinelHubClient(new SentinelHubConfig(s.url(""), s.url(TOKEN_PATH),
                "eobatch-client", "secret", Duration.ofSeconds(20)), ProviderCall.DIRECT));
    }

    /** A stub ObservEarth account whose geometry list has the AOI under the provider's name for it. */
    private static StubServer observEarth() throws IOException {
        StubServer s = new StubServer();
        String name = "eobatch-" + AOI + "-";
        s.route("GET", ObserveEarthClient.GEOMETRY_PATH, r -> StubServer.Reply.json(200, "{\"results\":[]}"));
        s.route("POST", ObserveEarthClient.GEOMETRY_PATH, r -> {
            assertTrue(parse(r.text()).getString("name").startsWith(name));
            return StubServer.Reply.json(201, "{\"id\":\"" + GEOMETRY_ID + "\"}");
        });
        s.route("POST", ObserveEarthClient.SEARCH_PATH, r -> StubServer.Reply.json(200, resource("observearth/search.json")));
        s.route("GET", OE_IMAGE, r -> {
            BufferedImage img = new BufferedImage(30, 20, BufferedImage.TYPE_INT_ARGB);
            img.setRGB(2, 2, 0xff66bd63);
            try {
                return StubServer.Reply.bytes(200, "image/png", PngWriter.encode(img));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return s;
    }

    private static EoProvider observEarth(StubServer s, ProviderCall calls) {
        return new ObserveEarthProvider(new ObserveEarthClient(new ObserveEarthConfig(s.url("/"), API_KEY,
                Duration.ofSeconds(20)), calls));
    }

    /** Items marked IN_FLIGHT, and the frame a test says is stored. */
    private final List<Long> inFlight = new ArrayList<>();
    private TimelapseFrame stored;

    /** The processor of the job with {@code provider}, its database and job context replaced by plain objects. */
    private TimelapseProcessor processor(String providerName, EoProvider provider) {
        TimelapseProcessor p = new TimelapseProcessor();
        p.job = (JobContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JobContext.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getExecutionId" -> 77L;
                    case "getInstanceId" -> INSTANCE;
                    case "getJobName" -> "aoi-timelapse";
                    case "getProperties" -> jobProperties(providerName);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        p.ledger = new Ledger() {
            @Override
            public void markInFlight(long id, long executionId) {
                inFlight.add(id);
            }
        };
        p.frames = new TimelapseFrames() {
            @Override
            public Optional<TimelapseFrame> byWorkItem(long workItemId) {
                return Optional.ofNullable(stored);
            }
        };
        p.aois = new AoiRepository() {
            @Override
            public List<Aoi> find(Collection<String> ids) {
                assertEquals(List.of(AOI), List.copyOf(ids));
                return List.of(new Aoi(AOI, "field", aoiGeometry(), Instant.parse("2024-01-01T00:00:00Z")));
            }
        };
        p.providers = new Providers() {
            @Override
            public EoProvider get(String name) {
                assertEquals(providerName, name);
                return provider;
            }
        };
        p.results = ResultsStore.at(data);
        p.budgets = new io.eobatch.batch.Budgets(); // no budget parameter: never consulted beyond exhausted()
        return p;
    }

    /** The job's parameters as its XML resolves them (JobContext.getProperties()). */
    private static Properties jobProperties(String providerName) {
        Properties props = new Properties();
        props.putAll(Map.of("provider", providerName, "catalog", "demo", "collection", "sentinel-2-l2a",
                "index", "ndvi", "from", "2023-07-15", "to", "2023-09-30", "maxCloudCover", "40",
                "minClearFraction", "0.2", "colorMap", "viridis"));
        props.putAll(Map.of("valueMin", "0", "valueMax", "1", "budget", ""));
        return props;
    }

    private static TimelapseFrame frame(ItemResult o) {
        return (TimelapseFrame) o.output();
    }

    private static WorkItem item(long id, String month) {
        WorkItem w = WorkItem.planned(INSTANCE, "aoi-timelapse", AOI + "/" + month, (int) id, 1, AOI, month, List.of(),
                YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        w.id = id;
        return w;
    }

    private static BufferedImage read(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not an image: " + png);
        return img;
    }

    private static TimelapseOutputs.Month month(ItemResult o) {
        TimelapseFrame f = frame(o);
        return new TimelapseOutputs.Month(YearMonth.parse(f.month), o.status().name(), f.sceneId, f.acquired,
                f.clearFraction, null, f.indexPng, f.truecolourPng, f.note);
    }

    private static int gifFrames(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            reader.dispose();
            return n;
        }
    }

    @Test
    void sentinelHubMonthsAreItsLeastCloudyMosaicsInIndexAndTrueColourAndAnimate() throws Exception {
        try (StubServer sh = sentinelHub()) {
            TimelapseProcessor p = processor("sentinel-hub", sentinelHub(sh));

            ItemResult july = (ItemResult) p.processItem(item(1, "2023-07"));
            ItemResult aug = (ItemResult) p.processItem(item(2, "2023-08"));

            assertEquals(List.of(1L, 2L), inFlight);
            for (ItemResult o : List.of(july, aug)) {
                assertEquals(ItemStatus.DONE, o.status());
                TimelapseFrame f = frame(o);
                assertEquals(SH_LEAST_CLOUDY, f.sceneId);
                assertEquals(Instant.parse("2023-08-22T10:16:45Z"), f.acquired);
                assertEquals(3, f.candidates, "both Catalog pages");
                assertNull(f.clearFraction);
                assertNull(f.pixelCount);
                assertNull(f.validCount);
                assertTrue(f.note.startsWith("sentinel-hub drew the month from its 3 scene(s), least cloudy first: "
                        + SH_LEAST_CLOUDY + " (cloud cover 0.40%); the clear fraction over the AOI is not known"),
                        f.note);
                assertFalse(f.note.contains("no true-colour"), f.note);
                // native size: the AOI's bounding box at 10 m
                assertEquals(154, f.width);
                assertEquals(112, f.height);
                Path dir = ResultsStore.at(data).dir(INSTANCE);
                BufferedImage index = read(dir.resolve(f.indexPng));
                BufferedImage rgb = read(dir.resolve(f.truecolourPng));
                assertEquals(154, index.getWidth());
                assertEquals(112, rgb.getHeight());
                assertEquals(0xff1a9850, index.getRGB(0, 0));
                assertEquals(0xff808080, rgb.getRGB(0, 0));
            }
            assertEquals("timelapse/field-1/2023-07-ndvi.png", frame(july).indexPng);
            assertEquals("timelapse/field-1/2023-08-truecolour.png", frame(aug).truecolourPng);

            // per month: Catalog (2 pages), Process index, Process true colour; July from the period's 15th
            List<StubServer.Recorded> process = sh.requests(PROCESS);
            assertEquals(4, process.size());
            assertEquals(4, sh.count(CATALOG));
            JsonObject julyCatalog = parse(sh.requests(CATALOG).get(0).text());
            assertEquals("2023-07-15T00:00:00Z/2023-07-31T23:59:59Z", julyCatalog.getString("datetime"));
            assertEquals("eo:cloud_cover <= 40", julyCatalog.getString("filter"));
            JsonObject index = parse(process.get(2).text());
            assertEquals(parse("{\"timeRange\":{\"from\":\"2023-08-01T00:00:00Z\",\"to\":\"2023-09-01T00:00:00Z\"},"
                    + "\"maxCloudCoverage\":40.0,\"mosaickingOrder\":\"leastCC\"}"),
                    index.getJsonObject("input").getJsonArray("data").getJsonObject(0).getJsonObject("dataFilter"));
            assertTrue(index.getString("evalscript").contains("colour map viridis [0, 1]"), "the job's colour map");
            assertEquals(SentinelHubRequests.trueColourEvalscript(), parse(process.get(3).text()).getString("evalscript"));

            // make-gifs: the PNGs decoded into a two-frame GIF, the notes in the manifest
            int frames = TimelapseOutputs.writeAoi(ResultsStore.at(data), INSTANCE, AOI,
                    List.of(month(july), month(aug)), new AnimatedGif());
            assertEquals(2, frames);
            Path dir = ResultsStore.at(data).dir(INSTANCE);
            assertEquals(2, gifFrames(dir.resolve(TimelapseOutputs.gif(AOI))));
            JsonArray months = manifest(dir).getJsonArray("months");
            assertTrue(months.getJsonObject(1).getString("note").startsWith("sentinel-hub drew the month"));
            assertTrue(months.getJsonObject(1).isNull("clearFraction"));
            assertTrue(months.getJsonObject(1).getBoolean("inGif"));
        }
    }

    private static JsonObject manifest(Path dir) throws IOException {
        try (Reader r = Files.newBufferedReader(dir.resolve(TimelapseOutputs.manifest(AOI)));
             JsonReader jr = Json.createReader(r)) {
            return jr.readObject();
        }
    }

    @Test
    void observEarthMonthsHaveAnIndexImageAndNoTrueColour() throws Exception {
        try (StubServer oe = observEarth()) {
            TimelapseProcessor p = processor("observearth", observEarth(oe, ProviderCall.DIRECT));

            ItemResult aug = (ItemResult) p.processItem(item(2, "2023-08"));

            assertEquals(ItemStatus.DONE, aug.status());
            TimelapseFrame f = frame(aug);
            assertEquals(OE_LEAST_CLOUDY, f.sceneId);
            assertEquals(Instant.parse("2023-08-02T00:00:00Z"), f.acquired);
            assertEquals(2, f.candidates);
            assertNull(f.truecolourPng);
            assertNull(f.clearFraction);
            assertEquals(30, f.width, "the service's own size");
            assertEquals(20, f.height);
            assertTrue(f.note.contains("; no true-colour image: observearth does not draw true colour"), f.note);
            Path dir = ResultsStore.at(data).dir(INSTANCE);
            assertEquals(0xff66bd63, read(dir.resolve(f.indexPng)).getRGB(2, 2));
            assertFalse(Files.exists(dir.resolve(TimelapseOutputs.truecolourPng(AOI, YearMonth.of(2023, 8)))));
            // geometry list, registration, search, one image (true colour asks nothing)
            assertEquals(List.of("GET /api/geometry/", "POST /api/geometry/", "POST /api/s2/search/", "GET " + OE_IMAGE),
                    oe.requests().stream().map(r -> r.method() + " " + r.path()).toList());
            oe.requests().forEach(r -> assertEquals(API_KEY, r.header("X-API-Key")));
            assertEquals("item_id=" + OE_LEAST_CLOUDY + "&image_type=png&index=ndvi", oe.requests(OE_IMAGE).get(0).query());
            JsonObject search = parse(oe.requests(ObserveEarthClient.SEARCH_PATH).get(0).text());
            assertEquals("2023-08-01", search.getString("start_date"));
            assertEquals("2023-08-31", search.getString("end_date"));
            assertEquals(40.0, search.getJsonNumber("cloud_cover").doubleValue());

            assertEquals(1, TimelapseOutputs.writeAoi(ResultsStore.at(data), INSTANCE, AOI, List.of(month(aug)),
                    new AnimatedGif()));
            JsonObject m = manifest(dir).getJsonArray("months").getJsonObject(0);
            assertTrue(m.isNull("truecolourPng"));
            assertTrue(m.getString("note").contains("no true-colour image"));

            // the frame is stored with its index image on disk: reconciled without calling the provider again
            stored = f;
            int before = oe.requests().size();
            ItemResult again = (ItemResult) p.processItem(item(2, "2023-08"));
            assertEquals(ItemStatus.DONE, again.status());
            assertNull(frame(again));
            assertEquals(before, oe.requests().size());
        }
    }

    @Test
    void aMonthWithoutScenesIsNoDataWithoutAnImageRequest() throws Exception {
        try (StubServer sh = sentinelHub()) {
            sh.route("POST", CATALOG, r -> StubServer.Reply.json(200,
                    "{\"type\":\"FeatureCollection\",\"features\":[],\"context\":{\"limit\":100,\"returned\":0}}"));
            ItemResult o = (ItemResult) processor("sentinel-hub", sentinelHub(sh))
                    .processItem(item(3, "2023-09"));
            assertEquals(ItemStatus.NO_DATA, o.status());
            assertEquals("no scene over AOI field-1 in 2023-09 (2023-09-01..2023-09-30, "
                    + "provider sentinel-hub, cloud cover <= 40%)", o.reason());
            assertNull(frame(o));
            assertEquals(0, sh.count(PROCESS));
        }
    }

    @Test
    void exhaustedRetriesFailTheItemNotThePartition() throws Exception {
        try (StubServer oe = observEarth()) {
            oe.route("GET", OE_IMAGE, r -> StubServer.Reply.json(503, "{\"detail\":\"busy\"}"));
            Throttle throttle = new Throttle("observearth:test", ThrottleSettings.defaults("observearth")
                    .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5)));
            TimelapseProcessor p = processor("observearth", observEarth(oe, new ThrottledCall(throttle)));

            ItemDataException e = assertThrows(ItemDataException.class, () -> p.processItem(item(2, "2023-08")));

            RetriesExhaustedException cause = assertInstanceOf(RetriesExhaustedException.class, e.getCause());
            assertEquals(3, cause.attempts());
            assertEquals(e.getMessage(), cause.getMessage());
            assertEquals(3, oe.count(OE_IMAGE));
            assertEquals(List.of(2L), inFlight);
            assertFalse(Files.exists(ResultsStore.at(data).dir(INSTANCE).resolve(
                    TimelapseOutputs.indexPng(AOI, YearMonth.of(2023, 8), "ndvi"))));
        }
    }

    @Test
    void anAnswerThatDoesNotDecodeFailsTheItem() throws Exception {
        try (StubServer oe = observEarth()) {
            // a PNG signature with nothing after it: the client's magic check passes, ImageIO cannot read it
            byte[] broken = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
            oe.route("GET", OE_IMAGE, r -> StubServer.Reply.bytes(200, "image/png", broken));
            TimelapseProcessor p = processor("observearth", observEarth(oe, ProviderCall.DIRECT));
            ItemDataException e = assertThrows(ItemDataException.class, () -> p.processItem(item(2, "2023-08")));
            assertTrue(e.getMessage().startsWith("observearth index image of AOI field-1 in 2023-08"), e.getMessage());
        }
    }
}
