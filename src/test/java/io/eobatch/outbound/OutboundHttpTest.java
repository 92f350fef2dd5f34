package io.eobatch.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.eobatch.testsupport.Misbehaving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link OutboundHttp} against servers on 127.0.0.1 that misbehave each way. */
class OutboundHttpTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> CREDENTIALS = Map.of("Authorization", "Bearer s3cret-token",
            "X-API-Key", "k3y-never-elsewhere", "Accept", "application/json");
    private static final OutboundHttp.BodyRule WHOLE_1MB =
            (u, s, h) -> OutboundHttp.BodyLimit.whole(u, h, 1 << 20, "test limit");

    @RegisterExtension
    final Misbehaving.Server server = new Misbehaving.Server();

    private OutboundHttp.Answer get(URI url, OutboundPolicy policy, OutboundHttp.CrossOrigin cross) throws Exception {
        return OutboundHttp.send(CLIENT, new OutboundHttp.Request("GET", url, CREDENTIALS, null), policy,
                Duration.ofSeconds(10), cross, WHOLE_1MB, null);
    }

    /** The catalog's policy: 127.0.0.1 at the server's port, plus {@code hosts}. */
    private OutboundPolicy catalog(String... hosts) {
        return server.catalogPolicy(OutboundLimits.DEFAULTS, hosts);
    }

    @Test
    void aRedirectToAnotherHostCarriesNoCredentials() throws Exception {
        server.redirect("/a", 302, server.otherHost("/b").toString()).text("/b", 200, "{}");
        OutboundHttp.Answer a = get(server.url("/a"), catalog("localhost"), OutboundHttp.CrossOrigin.DROP_HEADERS);
        assertEquals(200, a.status());
        assertEquals(1, a.redirects());
        Misbehaving.Received b = server.requests("/b").get(0);
        assertEquals("localhost:" + server.port(), b.header("Host"));
        assertNull(b.header("Authorization"), "the bearer token went to another host");
        assertNull(b.header("X-API-Key"), "the API key went to another host");
        assertEquals("application/json", b.header("Accept"));
    }

    @Test
    void aRedirectWithinTheOriginKeepsTheCredentials() throws Exception {
        server.redirect("/a", 307, "/b").text("/b", 200, "{}");
        get(server.url("/a"), catalog(), OutboundHttp.CrossOrigin.REFUSE);
        assertEquals("Bearer s3cret-token", server.requests("/b").get(0).header("Authorization"));
    }

    @Test
    void aRequestWithCredentialsIsNeverRedirectedToAnotherHost() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            server.received.clear();
            String path = "/r" + status;
            server.redirect(path, status, server.otherHost("/elsewhere").toString());
            OutboundRefusedException e = assertThrows(OutboundRefusedException.class,
                    () -> get(server.url(path), OutboundPolicy.anyHost(), OutboundHttp.CrossOrigin.REFUSE));
            assertTrue(e.getMessage().contains("another host") && e.getMessage().contains("localhost"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
        assertEquals(0, server.requests("/elsewhere").size(), "a request reached the other host");
    }

    @Test
    void aRedirectToAHostNotAllowedIsNotFollowed() {
        server.redirect("/a", 302, server.otherHost("/b").toString());
        OutboundRefusedException e = assertThrows(OutboundRefusedException.class,
                () -> get(server.url("/a"), catalog(), OutboundHttp.CrossOrigin.DROP_HEADERS));
        assertTrue(e.getMessage().contains("localhost:" + server.port() + " is not allowed for catalog t"), e.getMessage());
        assertTrue(e.getMessage().contains("eobatch.catalog.t.allowed-hosts"), e.getMessage());
        assertEquals(0, server.requests("/b").size());
    }

    @Test
    void aRedirectToAFileIsRefused() {
        server.redirect("/a", 302, "file:///etc/passwd");
        OutboundRefusedException e = assertThrows(OutboundRefusedException.class,
                () -> get(server.url("/a"), catalog("*"), OutboundHttp.CrossOrigin.DROP_HEADERS));
        assertTrue(e.getMessage().contains("file:///etc/passwd") && e.getMessage().contains("scheme file"), e.getMessage());
    }

    @Test
    void aRedirectToALinkLocalAddressIsRefusedEvenWhenEveryHostIsAllowed() {
        server.redirect("/a", 302, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        OutboundRefusedException e = assertThrows(OutboundRefusedException.class,
                () -> get(server.url("/a"), catalog("*"), OutboundHttp.CrossOrigin.DROP_HEADERS));
        assertTrue(e.getMessage().contains("link-local"), e.getMessage());
    }

    @Test
    void anHttpsRequestIsNotDowngraded() throws Exception {
        // the policy of an https catalog refuses http, and the loop refuses https -> http whatever the policy
        OutboundPolicy https = OutboundPolicy.forRoot("catalog s", null, URI.create("https://example.org/c.json"),
                List.of("127.0.0.1"), OutboundLimits.DEFAULTS);
        assertFalse(https.allows(server.url("/x")));
    }

    @Test
    void redirectsAreCounted() {
        server.redirect("/loop", 302, "/loop");
        OutboundRefusedException e = assertThrows(OutboundRefusedException.class,
                () -> get(server.url("/loop"), catalog(), OutboundHttp.CrossOrigin.DROP_HEADERS));
        assertTrue(e.getMessage().contains("more than 5 redirects"), e.getMessage());
        assertEquals(6, server.requests("/loop").size());
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsNotRead() {
        server.endless("/big", 200, 10L << 30); // declares 10 GiB
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class,
                () -> get(server.url("/big"), catalog(), OutboundHttp.CrossOrigin.DROP_HEADERS));
        assertTrue(e.getMessage().contains("declares " + (10L << 30) + " bytes") && e.getMessage().contains("test limit"),
                e.getMessage());
    }

    @Test
    void aBodyWithoutLengthIsCutOffAtTheLimit() throws Exception {
        server.endless("/stream", 200, 0); // chunked, never ends
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class,
                () -> get(server.url("/stream"), catalog(), OutboundHttp.CrossOrigin.DROP_HEADERS));
        assertTrue(e.getMessage().contains("larger than " + (1 << 20)), e.getMessage());
        // one bounded read: the server could write the limit and what the socket buffers hold, not gigabytes
        long written = server.bytesWrittenOnceQuiet(5);
        assertTrue(written < 64L << 20, "the server wrote " + written + " bytes");
    }

    @Test
    void aServerThatStallsAfterItsHeadersFailsWithinTheTimeout() throws Exception {
        try (Misbehaving.Staller staller = new Misbehaving.Staller(
                "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 1000\n", "{\"a\":".getBytes())) {
            long t0 = System.nanoTime();
            HttpTimeoutException e = assertThrows(HttpTimeoutException.class, () -> OutboundHttp.send(CLIENT,
                    new OutboundHttp.Request("GET", staller.url("/doc"), Map.of(), null), OutboundPolicy.anyHost(),
                    Duration.ofMillis(800), OutboundHttp.CrossOrigin.REFUSE, WHOLE_1MB, null));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 700 && ms < 5000, "failed after " + ms + " ms");
            assertTrue(e.getMessage().contains("headers and body"), e.getMessage());
            assertTrue(staller.clientHungUp(5000), "the stalled connection was left open");
        }
    }

    /**
     * Why {@link OutboundHttp} keeps its own deadline: the JDK's request timeout ends when the headers arrive; a body
     * that stalls after them is waited for beyond it.
     */
    @Test
    void theJdkRequestTimeoutDoesNotCoverTheBody() throws Exception {
        try (Misbehaving.Staller staller = new Misbehaving.Staller(
                "HTTP/1.1 200 OK\nContent-Length: 1000\n", "abc".getBytes(StandardCharsets.US_ASCII))) {
            HttpRequest r = HttpRequest.newBuilder(staller.url("/doc")).timeout(Duration.ofMillis(300)).build();
            CompletableFuture<HttpResponse<byte[]>> f = CLIENT.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray());
            assertThrows(TimeoutException.class, () -> f.get(2, TimeUnit.SECONDS),
                    "the JDK's request timeout (300 ms) now covers the body: OutboundHttp's own deadline could go");
            f.cancel(true);
        }
    }
}
