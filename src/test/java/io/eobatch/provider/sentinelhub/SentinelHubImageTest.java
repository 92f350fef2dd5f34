package io.eobatch.provider.sentinelhub;

import static io.eobatch.provider.sentinelhub.ShTestSupport.GF;
import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.parse;
import static io.eobatch.provider.sentinelhub.ShTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.sentinelhub.ShTestSupport.Account;
import io.eobatch.provider.sentinelhub.ShTestSupport.RecordingCall;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * {@link SentinelHubProvider#image} against a stub account on 127.0.0.1: the exact Process API request an
 * {@link ImageQuery} becomes (bounds, leastCC data filter over the interval, output size, PNG, evalscript), its cost,
 * and that the PNG the stub draws at the requested size comes back intact.
 */
class SentinelHubImageTest {

    private static final String PROCESS = SentinelHubRequests.PROCESS_PATH;
    private static final LocalDate AUG_1 = LocalDate.of(2023, 8, 1);
    private static final LocalDate AUG_31 = LocalDate.of(2023, 8, 31);

    /** A stub Process API: a PNG of the size the request asks for (output.width x output.height), one opaque pixel. */
    private static StubServer.Reply drawRequestedSize(StubServer.Recorded r) {
        JsonObject output = parse(r.text()).getJsonObject("output");
        BufferedImage img = new BufferedImage(output.getInt("width"), output.getInt("height"), BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0xff1a9850);
        try {
            return StubServer.Reply.bytes(200, "image/png", PngWriter.encode(img));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "not a decodable image: " + png.length + " bytes");
        return img;
    }

    private static ImageQuery query(SpectralIndex index, ColorMap colours, Double cloud, int w, int h) {
        return new ImageQuery(null, "sentinel-2-l2a", "field-1", aoi(), AUG_1, AUG_31, List.of("S2B_X_20230813"),
                index, colours, cloud, w, h);
    }

    @Test
    void anIndexQueryIsOneProcessRequestForALeastCloudyPngOfTheAskedSize() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", PROCESS, SentinelHubImageTest::drawRequestedSize);
            RecordingCall calls = new RecordingCall();
            SentinelHubProvider provider = new SentinelHubProvider(account.client(calls, Clock.systemUTC()));
            ColorMap viridis = ColorMap.viridis(0, 1);
            ImageQuery q = query(SpectralIndex.NDVI, viridis, 30.0, 64, 48);

            byte[] png = provider.image(q);

            BufferedImage img = decode(png);
            assertEquals(64, img.getWidth());
            assertEquals(48, img.getHeight());
            assertEquals(0xff1a9850, img.getRGB(0, 0));
            assertEquals(1, account.server.count(PROCESS));
            StubServer.Recorded sent = account.server.requests(PROCESS).get(0);
            assertEquals("Bearer " + token(1), sent.header("Authorization"));
            assertEquals("image/png", sent.header("Accept"));
            assertEquals("application/json", sent.header("Content-Type"));
            JsonObject body = parse(sent.text());
            JsonObject expected = Json.createObjectBuilder()
                    .add("input", parse("{\"bounds\":{\"geometry\":" + GeoJson.write(aoi())
                            + ",\"properties\":{\"crs\":\"http://www.opengis.net/def/crs/OGC/1.3/CRS84\"}},"
                            + "\"data\":[{\"type\":\"sentinel-2-l2a\",\"dataFilter\":{"
                            + "\"timeRange\":{\"from\":\"2023-08-01T00:00:00Z\",\"to\":\"2023-09-01T00:00:00Z\"},"
                            + "\"maxCloudCoverage\":30.0,\"mosaickingOrder\":\"leastCC\"}}]}"))
                    .add("output", parse("{\"width\":64,\"height\":48,\"responses\":[{\"identifier\":\"default\","
                            + "\"format\":{\"type\":\"image/png\"}}]}"))
                    .add("evalscript", SentinelHubRequests.indexEvalscript(SpectralIndex.NDVI, viridis))
                    .build();
            assertEquals(expected, body);
            String script = body.getString("evalscript");
            // the query's colour map (viridis over [0, 1]), the SCL mask and dataMask: transparent where rejected
            assertTrue(script.contains("colour map viridis [0, 1]"), script);
            assertTrue(script.contains("const STOPS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];"), script);
            assertTrue(script.contains("input: [{bands: [\"B04\", \"B08\", \"SCL\", \"dataMask\"]}]"), script);
            assertTrue(script.contains("const MASKED = [0, 1, 3, 8, 9, 10];"), script);
            assertTrue(script.contains("s.dataMask === 1 && MASKED.indexOf(s.SCL) < 0"), script);
            assertTrue(script.contains("return [0, 0, 0, 0];"), script);
            assertTrue(script.contains("output: {bands: 4"), script);

            // cost: 64 x 48 px, B04 + B08 + SCL = 3 bands, PNG: 3072 / 262144 PU, charged to the throttle as such
            double pu = 64 * 48 / (512.0 * 512.0);
            assertEquals(pu, provider.imageCost(q), 1e-15);
            assertEquals(List.of(pu), calls.costs);
        }
    }

    @Test
    void trueColourAtNativeSizeIsTheAoisBoundingBoxAt10Metres() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", PROCESS, SentinelHubImageTest::drawRequestedSize);
            SentinelHubProvider provider = new SentinelHubProvider(account.client());
            // no cloud limit (100 %): not sent; 0 x 0: native size
            ImageQuery q = query(null, null, 100.0, 0, 0);

            BufferedImage img = decode(provider.image(q));

            // lon 15.60..15.62 at lat 46.505: 1534 m -> 154 px; lat 46.50..46.51: 1111 m -> 112 px
            assertEquals(154, img.getWidth());
            assertEquals(112, img.getHeight());
            JsonObject body = parse(account.server.requests(PROCESS).get(0).text());
            assertEquals(parse("{\"width\":154,\"height\":112,\"responses\":[{\"identifier\":\"default\","
                    + "\"format\":{\"type\":\"image/png\"}}]}"), body.getJsonObject("output"));
            assertEquals(parse("{\"timeRange\":{\"from\":\"2023-08-01T00:00:00Z\",\"to\":\"2023-09-01T00:00:00Z\"},"
                            + "\"mosaickingOrder\":\"leastCC\"}"),
                    body.getJsonObject("input").getJsonArray("data").getJsonObject(0).getJsonObject("dataFilter"));
            assertEquals(SentinelHubRequests.trueColourEvalscript(), body.getString("evalscript"));
            assertTrue(body.getString("evalscript").contains("s.dataMask];"), "alpha is dataMask: clear outside the AOI");
            // 154 x 112 px, 3 bands (B04, B03, B02)
            assertEquals(154 * 112 / (512.0 * 512.0), provider.imageCost(q), 1e-15);
        }
    }

    @Test
    void nativeSizeOfALargeAoiFitsTheApisLimitKeepingItsShape() {
        Geometry big = GF.createPolygon(new Coordinate[] {new Coordinate(15.5, 46.0), new Coordinate(16.5, 46.0),
            new Coordinate(16.5, 46.5), new Coordinate(15.5, 46.5), new Coordinate(15.5, 46.0)});
        ImageQuery q = new ImageQuery(null, null, "big", big, AUG_1, AUG_31, List.of(), SpectralIndex.NDVI, null, null,
                0, 0);
        // 7712 x 5558 px at 10 m -> 2500 x 1802
        assertArrayEquals(new int[] {2500, 1802}, SentinelHubProvider.nativeSize(q));
        ImageRequest r = SentinelHubProvider.request(q);
        assertEquals(2500, r.width());
        assertEquals(1802, r.height());
        assertEquals(ImageRequest.defaultColorMap(SpectralIndex.NDVI).toString(), r.colorMap().toString());
    }

    @Test
    void whatTheApiCannotDrawFailsTheItemWithoutARequest() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", PROCESS, SentinelHubImageTest::drawRequestedSize);
            SentinelHubProvider provider = new SentinelHubProvider(account.client());
            ImageQuery point = new ImageQuery(null, null, "pt", GF.createPoint(new Coordinate(15.6, 46.5)), AUG_1,
                    AUG_31, List.of(), SpectralIndex.NDVI, null, null, 64, 64);
            ItemDataException e = assertThrows(ItemDataException.class, () -> provider.image(point));
            assertTrue(e.getMessage().startsWith("sentinel-hub image of AOI pt from 2023-08-01 to 2023-08-31: "),
                    e.getMessage());
            ImageQuery huge = query(SpectralIndex.NDVI, null, null, 3000, 100);
            e = assertThrows(ItemDataException.class, () -> provider.image(huge));
            assertTrue(e.getMessage().contains("3000x100"), e.getMessage());
            assertEquals(0, account.server.count(PROCESS));
            assertEquals(0, account.tokenRequests.get());
        }
    }

    @Test
    void anAnswerThatIsNotAPngFailsTheItem() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", PROCESS, r -> StubServer.Reply.json(200, "{\"error\":\"x\"}"));
            SentinelHubProvider provider = new SentinelHubProvider(account.client());
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> provider.image(query(SpectralIndex.NDVI, null, null, 8, 8)));
            assertTrue(e.getMessage().contains(account.server.url(PROCESS) + ": answer is not a PNG"), e.getMessage());
        }
    }
}
