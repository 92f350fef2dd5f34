package io.eobatch.provider.observearth;

import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.parse;

import io.eobatch.provider.sentinelhub.ShTestSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.ImageNotOfferedException;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.http.ThrottledCall;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.sentinelhub.StubServer;
import io.eobatch.provider.throttle.RetriesExhaustedException;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.raster.stats.SpectralIndex;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link ObserveEarthProvider#image} against a stub on 127.0.0.1 speaking ObservEarth's shapes: the geometry found by
 * name, the least cloudy scene of the interval from the search ({@code search.json}: 3.12 % beats 8.75 %), then
 * {@code GET /api/s2/image/{geometry_id}?item_id=..&image_type=png&index=..} with the X-API-Key header; true colour
 * is not offered; the throttle's exhausted retries surface as {@link RetriesExhaustedException}.
 */
class ObserveEarthImageTest {

    private static final String API_KEY = "5b97d3f0-0000-4a1b-9c2d-3e4f5a6b7c8d";
    private static final String GEOMETRY_ID = "123e4567-e89b-12d3-a456-426614174000";
    private static final String IMAGE = ObserveEarthClient.IMAGE_PATH + GEOMETRY_ID;
    private static final String LEAST_CLOUDY = "S2B_MSIL2A_20230802T100559_N0509_R022_T33TWM_20230802T130311";
    private static final String OTHER = "S2A_MSIL2A_20230807T100601_N0509_R022_T33TWM_20230807T162530";
    private static final LocalDate AUG_1 = LocalDate.of(2023, 8, 1);
    private static final LocalDate AUG_31 = LocalDate.of(2023, 8, 31);


    private static String resource(String name) {
        return ShTestSupport.testResource("observearth/" + name);
    }


    private static byte[] png(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(1, 1, 0xff66bd63);
        try {
            return PngWriter.encode(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stub account whose geometry list holds the AOI under the provider's name for it. */
    private static StubServer account() throws IOException {
        StubServer server = new StubServer();
        String name = ObserveEarthProvider.geometryName("field-1", aoi());
        server.route("GET", ObserveEarthClient.GEOMETRY_PATH, r -> StubServer.Reply.json(200,
                "{\"count\":1,\"results\":[{\"id\":\"" + GEOMETRY_ID + "\",\"name\":\"" + name + "\"}]}"));
        server.route("POST", ObserveEarthClient.SEARCH_PATH, r -> StubServer.Reply.json(200, resource("search.json")));
        return server;
    }

    private static ObserveEarthProvider provider(StubServer server, ProviderCall calls) {
        return new ObserveEarthProvider(new ObserveEarthClient(new ObserveEarthConfig(server.url("/"), API_KEY,
                Duration.ofSeconds(20)), calls));
    }

    private static ImageQuery query(List<String> scenes, SpectralIndex index, Double cloud) {
        return new ImageQuery(null, "sentinel-2-l2a", "field-1", aoi(), AUG_1, AUG_31, scenes, index, null, cloud, 0, 0);
    }

    @Test
    void drawsTheLeastCloudySceneOfTheIntervalWithTheApiKey() throws IOException {
        byte[] png = png(37, 21);
        try (StubServer server = account()) {
            server.route("GET", IMAGE, r -> StubServer.Reply.bytes(200, "image/png", png));
            ObserveEarthProvider provider = provider(server, ProviderCall.DIRECT);
            ImageQuery q = query(List.of(), SpectralIndex.EVI, 30.0);
            assertEquals(2.0, provider.imageCost(q), "search + image");

            byte[] answer = provider.image(q);

            assertArrayEquals(png, answer);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(answer));
            assertNotNull(img);
            assertEquals(37, img.getWidth(), "the service's own size: observearth takes none");
            assertEquals(List.of("GET " + ObserveEarthClient.GEOMETRY_PATH, "POST " + ObserveEarthClient.SEARCH_PATH,
                    "GET " + IMAGE), server.requests().stream().map(r -> r.method() + " " + r.path()).toList());
            for (StubServer.Recorded r : server.requests()) {
                assertEquals(API_KEY, r.header("X-API-Key"), r.path());
                assertNull(r.header("Authorization"), r.path());
            }
            assertEquals(parse("{\"geometry_id\":\"" + GEOMETRY_ID + "\",\"start_date\":\"2023-08-01\","
                    + "\"end_date\":\"2023-08-31\",\"cloud_cover\":30.0}"),
                    parse(server.requests(ObserveEarthClient.SEARCH_PATH).get(0).text()));
            StubServer.Recorded get = server.requests(IMAGE).get(0);
            assertEquals("item_id=" + LEAST_CLOUDY + "&image_type=png&index=evi", get.query());
            assertEquals("", get.text());
        }
    }

    @Test
    void theCallersSceneIsDrawnWithoutASearchAndTheGeometryIsLookedUpOnce() throws IOException {
        try (StubServer server = account()) {
            server.route("GET", IMAGE, r -> StubServer.Reply.bytes(200, "image/png", png(4, 4)));
            ObserveEarthProvider provider = provider(server, ProviderCall.DIRECT);
            ImageQuery q = query(List.of(OTHER, LEAST_CLOUDY), SpectralIndex.NDVI, null);
            assertEquals(1.0, provider.imageCost(q), "image only");

            provider.image(q);
            provider.image(q);

            assertEquals(1, server.count(ObserveEarthClient.GEOMETRY_PATH));
            assertEquals(0, server.count(ObserveEarthClient.SEARCH_PATH));
            List<StubServer.Recorded> gets = server.requests(IMAGE);
            assertEquals(2, gets.size());
            assertEquals("item_id=" + OTHER + "&image_type=png&index=ndvi", gets.get(1).query());
        }
    }

    @Test
    void trueColourIsNotOfferedAndAsksNothing() throws IOException {
        try (StubServer server = account()) {
            ObserveEarthProvider provider = provider(server, ProviderCall.DIRECT);
            ImageNotOfferedException e = assertThrows(ImageNotOfferedException.class,
                    () -> provider.image(query(List.of(LEAST_CLOUDY), null, null)));
            assertTrue(e.getMessage().startsWith("observearth does not draw true colour"), e.getMessage());
            assertEquals(0, server.requests().size());
        }
    }

    @Test
    void anIntervalWithoutScenesFailsTheImage() throws IOException {
        try (StubServer server = account()) {
            server.route("POST", ObserveEarthClient.SEARCH_PATH, r -> StubServer.Reply.json(200,
                    "{\"results\":[],\"count\":0}"));
            ObserveEarthProvider provider = provider(server, ProviderCall.DIRECT);
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> provider.image(query(List.of(), SpectralIndex.NDVI, null)));
            assertEquals("observearth image of AOI field-1 from 2023-08-01 to 2023-08-31: no scene to draw "
                    + "(the search found none)", e.getMessage());
            assertEquals(0, server.count(IMAGE));
        }
    }

    @Test
    void transientFailuresOutlastingTheThrottlesAttemptsAreRetriesExhausted() throws IOException {
        try (StubServer server = account()) {
            server.route("GET", IMAGE, r -> StubServer.Reply.json(503, "{\"detail\":\"busy\"}"));
            Throttle throttle = new Throttle("observearth:test", ThrottleSettings.defaults("observearth")
                    .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5)));
            ObserveEarthProvider provider = provider(server, new ThrottledCall(throttle));
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                    () -> provider.image(query(List.of(LEAST_CLOUDY), SpectralIndex.NDVI, null)));
            assertEquals(3, e.attempts());
            assertEquals(503, e.lastStatus().orElseThrow());
            assertEquals(3, server.count(IMAGE));
            assertTrue(!e.getMessage().contains(API_KEY), "the key stays out of messages");
        }
    }
}
