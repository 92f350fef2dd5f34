package io.eobatch.raster.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.eobatch.outbound.BodyTooLargeException;
import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.outbound.OutboundRefusedException;
import io.eobatch.testsupport.Misbehaving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** COG range reads against servers on 127.0.0.1 that ignore Range, run on, stall or redirect elsewhere. */
class HttpRangeOutboundTest {

    /** Files kept whole at most 1 MiB here. */
    private static final OutboundLimits LIMITS = new OutboundLimits(Duration.ofSeconds(10), 1 << 20, 1 << 20, 5);

    @RegisterExtension
    final Misbehaving.Server server = new Misbehaving.Server();

    private HttpRangeByteSource source(URI url, String... hosts) {
        return HttpRangeByteSource.builder(url).header("Authorization", "Bearer cog-s3cret")
                .policy(server.catalogPolicy(LIMITS, hosts)).build();
    }

    @Test
    void aServerThatIgnoresRangeAndDeclaresGigabytesIsNotRead() {
        server.endless("/huge.tif", 200, 8L << 30);
        HttpRangeByteSource s = source(server.url("/huge.tif"));
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class, () -> s.read(0, 16384));
        assertTrue(e.getMessage().contains("ignores Range") && e.getMessage().contains((8L << 30) + " bytes")
                && e.getMessage().contains("eobatch.http.max-file-bytes"), e.getMessage());
        assertEquals(0, s.bytesReceived());
        assertFalse(s.holdsWholeFile());
    }

    @Test
    void aServerThatIgnoresRangeAndStreamsForEverCostsOneBoundedRead() throws Exception {
        server.endless("/stream.tif", 200, 0);
        HttpRangeByteSource s = source(server.url("/stream.tif"));
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class, () -> s.read(0, 16384));
        assertTrue(e.getMessage().contains("more than 1048576 bytes (eobatch.http.max-file-bytes): cut off"), e.getMessage());
        assertEquals(1, s.requestCount());
        long written = server.bytesWrittenOnceQuiet(5);
        assertTrue(written < 64L << 20, "the server sent " + written + " bytes");
    }

    @Test
    void aPartialAnswerLongerThanTheRangeIsCutAtTheRange() throws Exception {
        server.on("/runs-on.tif", ex -> {
            ex.getResponseHeaders().add("Content-Range", "bytes 0-99/100000000");
            ex.sendResponseHeaders(206, 0);
            byte[] block = new byte[64 * 1024];
            block[0] = 42;
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 1600; i++) {
                    out.write(block);
                }
            } catch (IOException e) {
                // hung up on
            }
        });
        HttpRangeByteSource s = source(server.url("/runs-on.tif"));
        byte[] got = s.read(0, 100);
        assertEquals(100, got.length);
        assertEquals(42, got[0]);
        assertEquals(100, s.bytesReceived());
    }

    @Test
    void aRangeThatStallsAfterItsHeadersFailsWithinTheTimeout() throws Exception {
        try (Misbehaving.Staller staller = new Misbehaving.Staller(
                "HTTP/1.1 206 Partial Content\nContent-Range: bytes 0-16383/100000\nContent-Length: 16384\n",
                new byte[100])) {
            HttpRangeByteSource s = HttpRangeByteSource.builder(staller.url("/cog.tif")).timeout(Duration.ofMillis(800))
                    .build();
            long t0 = System.nanoTime();
            HttpTimeoutException e = assertThrows(HttpTimeoutException.class, () -> s.read(0, 16384));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 700 && ms < 5000, "failed after " + ms + " ms");
            assertTrue(e.getMessage().contains("headers and body"), e.getMessage());
        }
    }

    @Test
    void aRedirectToAnotherAllowedHostCarriesNoAuthorization() throws Exception {
        byte[] file = new byte[1000];
        file[10] = 7;
        server.redirect("/a.tif", 302, server.otherHost("/b.tif").toString()).on("/b.tif", ex -> {
            ex.getResponseHeaders().add("Content-Range", "bytes 0-99/1000");
            ex.sendResponseHeaders(206, 100);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(file, 0, 100);
            }
        });
        assertArrayEquals(java.util.Arrays.copyOf(file, 100), source(server.url("/a.tif"), "localhost").read(0, 100));
        assertEquals("Bearer cog-s3cret", server.requests("/a.tif").get(0).header("Authorization"));
        assertNull(server.requests("/b.tif").get(0).header("Authorization"));
        assertEquals("bytes=0-99", server.requests("/b.tif").get(0).header("Range"));
    }

    @Test
    void aRedirectToAHostNotAllowedOrLinkLocalIsRefused() {
        server.redirect("/a.tif", 302, server.otherHost("/b.tif").toString())
                .redirect("/meta.tif", 307, "http://169.254.169.254/latest/meta-data/");
        OutboundRefusedException e = assertThrows(OutboundRefusedException.class,
                () -> source(server.url("/a.tif")).read(0, 100));
        assertTrue(e.getMessage().contains("is not allowed for catalog t"), e.getMessage());
        e = assertThrows(OutboundRefusedException.class, () -> source(server.url("/meta.tif"), "*").read(0, 100));
        assertTrue(e.getMessage().contains("link-local"), e.getMessage());
        assertEquals(0, server.requests("/b.tif").size());
    }

    @Test
    void byteSourcesRefusesAnHrefOutsideThePolicyBeforeReading() {
        OutboundPolicy http = server.catalogPolicy(LIMITS);
        for (String href : new String[] {"http://169.254.169.254/latest/meta-data/b04.tif", "file:///etc/passwd",
                server.otherHost("/b04.tif").toString()}) {
            assertThrows(OutboundRefusedException.class, () -> ByteSources.open(URI.create(href), http), href);
        }
        assertEquals(0, server.received.size());
    }
}
