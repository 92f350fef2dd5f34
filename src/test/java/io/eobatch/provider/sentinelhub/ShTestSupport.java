package io.eobatch.provider.sentinelhub;

import io.eobatch.provider.http.ProviderCall;
import io.eobatch.testsupport.TestData;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Shared pieces of the Sentinel Hub tests: the stub account, the real answers, a clock, a recording wrapper. Public
 * for the tests of the other provider packages ({@code ThrottledCallTest}, {@code ProviderSecretsTest}).
 */
public final class ShTestSupport {

    public static final String CLIENT_ID = "eobatch-client";
    /** A client secret with characters that must be URL-encoded in the token form. */
    public static final String SECRET = "s3cr+t/&=Sec-7Q";
    public static final String SECRET_ENCODED = "s3cr%2Bt%2F%26%3DSec-7Q";
    public static final String TOKEN_PATH = "/auth/realms/x/protocol/openid-connect/token";
    static final GeometryFactory GF = new GeometryFactory();

    private ShTestSupport() {
    }

    /** The token of the n-th token request (1-based): long and unique, so that a leak is found by search. */
    public static String token(int n) {
        return "eyJhbGciOiJSUzI1NiJ9.tok-" + n + "-c0ffee" + n + "b4dc0de";
    }

    /** A stub Sentinel Hub: a token endpoint that counts and can be held, and whatever API routes the test adds. */
    public static final class Account implements AutoCloseable {
        public final StubServer server;
        public final AtomicInteger tokenRequests = new AtomicInteger();
        volatile long expiresIn = 3600;
        /** When set, token request number {@code holdRequest} waits for {@code release} after counting down {@code entered}. */
        volatile int holdRequest = -1;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        /** When set, the token endpoint answers this instead of a token. */
        public volatile StubServer.Reply tokenFailure;

        public Account() throws IOException {
            server = new StubServer();
            server.route("POST", TOKEN_PATH, r -> {
                int n = tokenRequests.incrementAndGet();
                if (tokenFailure != null) {
                    return tokenFailure;
                }
                if (n == holdRequest) {
                    entered.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return StubServer.Reply.json(200, "{\"access_token\":\"" + token(n) + "\",\"expires_in\":" + expiresIn
                        + ",\"token_type\":\"Bearer\",\"refresh_expires_in\":0,\"not-before-policy\":0,\"scope\":\"profile email\"}");
            });
        }

        public SentinelHubConfig config() {
            return new SentinelHubConfig(server.url(""), server.url(TOKEN_PATH), CLIENT_ID, SECRET, Duration.ofSeconds(20));
        }

        public SentinelHubClient client(ProviderCall calls, Clock clock) {
            return new SentinelHubClient(config(), calls, clock);
        }

        public SentinelHubClient client() {
            return client(ProviderCall.DIRECT, Clock.systemUTC());
        }

        @Override
        public void close() {
            release.countDown();
            server.close();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** A wrapper that runs calls directly and records the cost of each. */
    static final class RecordingCall implements ProviderCall {
        final List<Double> costs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public <T> T run(double cost, Callable<T> call) {
            costs.add(cost);
            return ProviderCall.callUnchecked(call);
        }
    }

    /** The shared real Sentinel Hub answers (skips the test when the folder is absent). */
    public static Path responses() {
        return TestData.shared("sentinel-hub-responses");
    }

    /** Element {@code index} of the JSON array in shared file {@code name}. */
    public static JsonValue realAnswer(String name, int index) {
        Path p = TestData.shared("sentinel-hub-responses/" + name);
        try (JsonReader r = Json.createReader(Files.newBufferedReader(p, StandardCharsets.UTF_8))) {
            JsonArray a = r.readArray();
            return a.get(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        return testResource("sentinelhub/" + name);
    }

    /** A text file of src/test/resources, e.g. {@code observearth/stats.json}. */
    public static String testResource(String path) {
        try (var in = ShTestSupport.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    /** The rectangle lon [15.60, 15.62] x lat [46.50, 46.51] (about 1.5 x 1.1 km). */
    public static Geometry aoi() {
        return GF.createPolygon(new Coordinate[] {
            new Coordinate(15.60, 46.50), new Coordinate(15.62, 46.50), new Coordinate(15.62, 46.51),
            new Coordinate(15.60, 46.51), new Coordinate(15.60, 46.50)});
    }

    static Map<String, String> bearer(int n) {
        return Map.of("authorization", "Bearer " + token(n));
    }
}
