package io.eobatch.raster.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hook itself, without any throttle: the default, installing, and what the range reader tells a gate. */
class HttpGateTest {

    private RangeHttpServer server;
    private byte[] content;
    private HttpGate before;

    @BeforeEach
    void start() throws IOException {
        before = HttpGate.current();
        server = new RangeHttpServer();
        content = new byte[500_000];
        new Random(7).nextBytes(content);
    }

    @AfterEach
    void stop() {
        HttpGate.install(before);
        server.close();
    }

    /** Records every exchange and answer it sees, then runs the exchange. */
    static final class Recording implements HttpGate {
        final List<URI> sends = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        final List<String> retryAfters = Collections.synchronizedList(new ArrayList<>());

        @Override
        public <T> T send(URI uri, Exchange<T> exchange) throws IOException, InterruptedException {
            sends.add(uri);
            return exchange.run();
        }

        @Override
        public void answered(URI uri, int status, HttpHeaders headers) {
            statuses.add(status);
            headers.firstValue("Retry-After").ifPresent(retryAfters::add);
        }
    }

    @Test
    void theDefaultIsDirectAndInstallingNullPutsItBack() {
        assertSame(HttpGate.DIRECT, HttpGate.current(), "nothing installed outside the application");
        Recording r = new Recording();
        assertSame(HttpGate.DIRECT, HttpGate.install(r));
        assertSame(r, HttpGate.current());
        assertSame(r, HttpGate.install(null));
        assertSame(HttpGate.DIRECT, HttpGate.current());
    }

    @Test
    void everyRangeRequestGoesThroughTheGateOnceAndReportsItsStatus() throws IOException {
        URI url = server.serve("/f.bin", content);
        Recording r = new Recording();
        HttpGate.install(r);
        HttpRangeByteSource s = HttpRangeByteSource.of(url);
        List<ByteRange> far = List.of(new ByteRange(0, 1000), new ByteRange(100_000, 1000),
                new ByteRange(200_000, 1000), new ByteRange(300_000, 1000), new ByteRange(400_000, 1000));
        List<byte[]> got = s.readRanges(far);
        for (int i = 0; i < far.size(); i++) {
            ByteRange b = far.get(i);
            assertArrayEquals(Arrays.copyOfRange(content, (int) b.offset(), (int) b.end()), got.get(i), "range " + i);
        }
        assertEquals(5, server.requests());
        assertEquals(5, r.sends.size(), "one gate passage per request sent");
        assertEquals(Collections.nCopies(5, url), r.sends);
        assertEquals(Collections.nCopies(5, 206), r.statuses);
    }

    @Test
    void anErrorAnswerIsReportedWithItsRetryAfterAndComesOutOnceUnchanged() {
        URI busy = server.fail("/busy.bin", 429, "7");
        Recording r = new Recording();
        HttpGate.install(r);
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> HttpRangeByteSource.of(busy).read(0, 10));
        assertEquals(429, e.status());
        assertEquals(1, server.requests(), "one attempt: no retry inside the reader");
        assertEquals(List.of(429), r.statuses);
        assertEquals(List.of("7"), r.retryAfters);
    }

    @Test
    void aGateMayRefuseWithAnIOExceptionThatTheReaderPassesOn() {
        URI url = server.serve("/f.bin", content);
        HttpGate refusing = new HttpGate() {
            @Override
            public <T> T send(URI uri, Exchange<T> exchange) throws IOException {
                throw new IOException("account of " + uri.getHost() + " busy");
            }
        };
        HttpGate.install(refusing);
        IOException e = assertThrows(IOException.class, () -> HttpRangeByteSource.of(url).read(0, 10));
        assertEquals("account of 127.0.0.1 busy", e.getMessage());
        assertEquals(0, server.requests(), "refused before sending");
    }
}
