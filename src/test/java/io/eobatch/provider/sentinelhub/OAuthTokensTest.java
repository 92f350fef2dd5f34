package io.eobatch.provider.sentinelhub;

import static io.eobatch.provider.sentinelhub.ShTestSupport.TOKEN_PATH;
import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.sentinelhub.ShTestSupport.Account;
import io.eobatch.provider.sentinelhub.ShTestSupport.MutableClock;
import io.eobatch.provider.sentinelhub.ShTestSupport.RecordingCall;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.http.ProviderHttpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Token caching, refresh before expiry, one refresh at a time, and the 401 rule, against the stub account. */
class OAuthTokensTest {

    private static final String STATS = SentinelHubRequests.STATISTICS_PATH;
    private static final String EMPTY = "{\"data\":[],\"status\":\"OK\"}";
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    private static StatisticsRequest request() {
        return StatisticsRequest.daily(aoi(), LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 2), SpectralIndex.NDVI, null);
    }

    @Test
    void oneTokenRequestForManyCallsAcrossEightThreads() throws Exception {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, EMPTY));
            SentinelHubClient client = account.client();
            int threads = 8;
            int callsEach = 6;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < callsEach; i++) {
                            client.statistics(request());
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, account.tokenRequests.get());
            assertEquals(1, client.tokens().requestCount());
            List<StubServer.Recorded> sent = account.server.requests(STATS);
            assertEquals(threads * callsEach, sent.size());
            Set<String> auth = new TreeSet<>();
            sent.forEach(r -> auth.add(r.header("Authorization")));
            assertEquals(Set.of("Bearer " + token(1)), auth);
        }
    }

    @Test
    void refreshesBeforeExpiryOnTheInjectedClock() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, EMPTY));
            MutableClock clock = new MutableClock(T0);
            SentinelHubClient client = account.client(ProviderCall.DIRECT, clock);
            client.statistics(request());
            assertEquals(T0.plusSeconds(3600), client.tokens().expiry());

            // 3600 s token: refreshed when 10% (360 s) or less is left
            clock.advance(Duration.ofSeconds(3600 - 361));
            client.statistics(request());
            assertEquals(1, account.tokenRequests.get(), "361 s left: still the first token");

            clock.advance(Duration.ofSeconds(2));
            client.statistics(request());
            assertEquals(2, account.tokenRequests.get(), "359 s left: refreshed");
            List<StubServer.Recorded> sent = account.server.requests(STATS);
            assertEquals("Bearer " + token(1), sent.get(1).header("Authorization"));
            assertEquals("Bearer " + token(2), sent.get(2).header("Authorization"));
            assertEquals(clock.instant().plusSeconds(3600), client.tokens().expiry());

            // a 300 s token: the 60 s floor applies
            account.expiresIn = 300;
            clock.advance(Duration.ofSeconds(3600));
            client.statistics(request());
            assertEquals(3, account.tokenRequests.get());
            clock.advance(Duration.ofSeconds(239));
            client.statistics(request());
            assertEquals(3, account.tokenRequests.get(), "61 s left of 300");
            clock.advance(Duration.ofSeconds(2));
            client.statistics(request());
            assertEquals(4, account.tokenRequests.get(), "59 s left of 300");

            // a 60 s token is not refreshed on every call: at most half its life is the margin
            account.expiresIn = 60;
            clock.advance(Duration.ofSeconds(3600));
            client.statistics(request());
            client.statistics(request());
            assertEquals(5, account.tokenRequests.get());
            clock.advance(Duration.ofSeconds(31));
            client.statistics(request());
            assertEquals(6, account.tokenRequests.get());
        }
    }

    @Test
    void whileOneThreadRefreshesOthersUseTheStillValidToken() throws Exception {
        try (Account account = new Account()) {
            MutableClock clock = new MutableClock(T0);
            SentinelHubClient client = account.client(ProviderCall.DIRECT, clock);
            OAuthTokens tokens = client.tokens();
            assertEquals(token(1), tokens.token());

            clock.advance(Duration.ofSeconds(3300)); // 300 s left: due, still valid
            account.holdRequest = 2;
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> refreshing = pool.submit(tokens::token);
                assertTrue(account.entered.await(30, TimeUnit.SECONDS), "the refresh reached the token endpoint");
                // the refresh is held in the token endpoint: another caller does not wait for it
                String meanwhile = assertTimeoutPreemptively(Duration.ofSeconds(10), tokens::token);
                assertEquals(token(1), meanwhile);
                account.release.countDown();
                assertEquals(token(2), refreshing.get(30, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
            assertEquals(token(2), tokens.token());
            assertEquals(2, account.tokenRequests.get());
        }
    }

    @Test
    void failedEarlyRefreshKeepsTheStillValidToken() throws IOException {
        try (Account account = new Account()) {
            MutableClock clock = new MutableClock(T0);
            OAuthTokens tokens = account.client(ProviderCall.DIRECT, clock).tokens();
            assertEquals(token(1), tokens.token());
            clock.advance(Duration.ofSeconds(3300));
            account.tokenFailure = StubServer.Reply.json(503, "{\"error\":\"unavailable\"}");
            assertEquals(token(1), tokens.token(), "300 s left, the refresh failed: the old token");
            assertEquals(2, account.tokenRequests.get());
            account.tokenFailure = null;
            assertEquals(token(3), tokens.token(), "the next call refreshes");

            clock.advance(Duration.ofSeconds(3600));
            account.tokenFailure = StubServer.Reply.json(503, "{}");
            ProviderHttpException e = assertThrows(ProviderHttpException.class, tokens::token, "expired: no fallback");
            assertEquals(503, e.status());
        }
    }

    @Test
    void unauthorizedAnswerGetsOneRefreshAndOneRetry() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> ("Bearer " + token(1)).equals(r.header("Authorization"))
                    ? StubServer.Reply.json(401, "{\"error\":{\"status\":401,\"reason\":\"Unauthorized\",\"message\":\"Token expired\"}}")
                    : StubServer.Reply.json(200, EMPTY));
            RecordingCall calls = new RecordingCall();
            SentinelHubClient client = account.client(calls, Clock.systemUTC());
            StatisticsResult r = client.statistics(request());
            assertEquals("OK", r.status());
            assertEquals(2, account.tokenRequests.get());
            List<StubServer.Recorded> sent = account.server.requests(STATS);
            assertEquals(2, sent.size());
            assertEquals("Bearer " + token(1), sent.get(0).header("Authorization"));
            assertEquals("Bearer " + token(2), sent.get(1).header("Authorization"));
            assertEquals(sent.get(0).text(), sent.get(1).text());
            assertEquals(2, calls.costs.size(), "each attempt goes through the wrapper");

            client.statistics(request());
            assertEquals(2, account.tokenRequests.get(), "the refreshed token is cached");
        }
    }

    @Test
    void secondUnauthorizedAnswerIsAnError() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(401, "{\"error\":\"unauthorized\"}"));
            ProviderHttpException e = assertThrows(ProviderHttpException.class, () -> account.client().statistics(request()));
            assertEquals(401, e.status());
            assertEquals(2, account.tokenRequests.get());
            assertEquals(2, account.server.count(STATS));
        }
    }

    @Test
    void threadsRejectedWithTheSameTokenShareOneRefresh() throws Exception {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> ("Bearer " + token(1)).equals(r.header("Authorization"))
                    ? StubServer.Reply.json(401, "{}") : StubServer.Reply.json(200, EMPTY));
            SentinelHubClient client = account.client();
            assertEquals(token(1), client.tokens().token());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<StatisticsResult>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return client.statistics(request());
                    }));
                }
                start.countDown();
                for (Future<StatisticsResult> f : futures) {
                    assertEquals("OK", f.get(60, TimeUnit.SECONDS).status());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(2, account.tokenRequests.get());
        }
    }

    @Test
    void expiryFromTheJwtWhenExpiresInIsMissing() throws IOException {
        long exp = T0.plusSeconds(1800).getEpochSecond();
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"x\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        String jwt = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2lnbmF0dXJl";
        try (Account account = new Account()) {
            account.tokenFailure = StubServer.Reply.json(200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"bearer\"}");
            OAuthTokens tokens = account.client(ProviderCall.DIRECT, new MutableClock(T0)).tokens();
            assertEquals(jwt, tokens.token());
            assertEquals(Instant.ofEpochSecond(exp), tokens.expiry());

            account.tokenFailure = StubServer.Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600}");
            OAuthTokens broken = account.client(ProviderCall.DIRECT, new MutableClock(T0)).tokens();
            ItemDataException e = assertThrows(ItemDataException.class, broken::token);
            assertEquals("POST " + account.server.url(TOKEN_PATH) + ": field 'access_token' missing or not a string", e.getMessage());
        }
    }

    @Test
    void tokenEndpointErrorIsAnHttpError() throws IOException {
        try (Account account = new Account()) {
            account.tokenFailure = StubServer.Reply.json(401,
                    "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
            ProviderHttpException e = assertThrows(ProviderHttpException.class, () -> account.client().statistics(request()));
            assertEquals(401, e.status());
            assertEquals(account.server.url(TOKEN_PATH), e.url());
            assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
            assertEquals(0, account.server.count(STATS));
        }
    }
}
