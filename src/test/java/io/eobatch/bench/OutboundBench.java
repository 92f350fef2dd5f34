package io.eobatch.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.eobatch.outbound.OutboundHttp;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.raster.io.RangeHttpServer;

/**
 * What the outbound rules cost a COG range read (a plain main, not a test; {@code sh src/test/bench/outbound.sh}):
 * a GET of 16 KiB ({@code Range}) of a 1 MB file served from 127.0.0.1, the way {@code HttpRangeByteSource} read it
 * before (the JDK's blocking {@code send} with an {@code InputStream} body, the request timeout covering the headers
 * only, redirects followed by the JDK) against {@link OutboundHttp#send} (policy check, {@code sendAsync} waited for
 * with one deadline for headers and body, a bounded body subscriber, redirects by us), in alternating rounds of one
 * run, from 1 and 8 threads; and the same for a whole 4 MB answer (a server that ignores {@code Range}). A third
 * reader, the JDK's own {@code BodyHandlers.ofByteArray()} (a body read whole, no limit), shows what reading the body
 * before the answer completes costs by itself.
 */
public final class OutboundBench {

    private static final int READS = 400;
    private static final int ROUNDS = 9;
    private static final HttpClient JDK = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    private static final HttpClient OURS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private OutboundBench() {
    }

    interface Read {
        int run(URI url, long offset, int length) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] content = new byte[1_000_000];
        new Random(3).nextBytes(content);
        byte[] big = new byte[4_000_000];
        new Random(4).nextBytes(big);
        OutboundPolicy policy = OutboundPolicy.anyHost();
        Read before = (url, offset, length) -> {
            HttpRequest r = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("Range", "bytes=" + offset + "-" + (offset + length - 1)).GET().build();
            HttpResponse<InputStream> resp = JDK.send(r, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                return length < 0 ? in.readAllBytes().length : in.readNBytes(length).length;
            }
        };
        Read bytes = (url, offset, length) -> {
            HttpRequest r = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("Range", "bytes=" + offset + "-" + (offset + length - 1)).GET().build();
            return OURS.send(r, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        };
        Read now = (url, offset, length) -> {
            OutboundHttp.Answer a = OutboundHttp.send(OURS, new OutboundHttp.Request("GET", url,
                    Map.of("Range", "bytes=" + offset + "-" + (offset + length - 1)), null), policy,
                    Duration.ofSeconds(60), OutboundHttp.CrossOrigin.DROP_HEADERS,
                    (u, s, h) -> s == 206 ? OutboundHttp.BodyLimit.truncate(length)
                            : OutboundHttp.BodyLimit.whole(u, h, 256L << 20, "max-file-bytes"), null);
            return a.body().length;
        };
        try (RangeHttpServer server = new RangeHttpServer()) {
            URI url = server.serve("/cog.tif", content);
            for (int threads : new int[] {1, 8}) {
                compare("16 KiB range GET", url, threads, READS, 16 * 1024, before, now);
                compare("16 KiB range GET", url, threads, READS, 16 * 1024, before, bytes, "JDK ofByteArray");
            }
            URI whole = server.serve("/whole.tif", big);
            // offset 0 with the length of the whole file: the stub answers 206 with all of it
            compare("4 MB answer", whole, 1, 40, big.length, before, now);
            compare("4 MB answer", whole, 1, 40, big.length, before, bytes, "JDK ofByteArray");
        }
    }

    private static void compare(String what, URI url, int threads, int reads, int length, Read before, Read now)
            throws Exception {
        compare(what, url, threads, reads, length, before, now, "OutboundHttp");
    }

    private static void compare(String what, URI url, int threads, int reads, int length, Read before, Read now,
                                String nowName) throws Exception {
        double[] m = Timing.alternating(ROUNDS, () -> run(url, threads, reads, length, before),
                () -> run(url, threads, reads, length, now));
        System.out.printf(Locale.ROOT, "%s, %d thread(s), %d requests per round, median of %d rounds: JDK send with "
                + "an InputStream (before) %.1f us/request, %s %.1f us/request (%+.1f %%)%n", what, threads, reads,
                ROUNDS, m[0], nowName, m[1], 100 * (m[1] / m[0] - 1));
    }

    private static double run(URI url, int threads, int reads, int length, Read read) throws Exception {
        return Timing.microsPerOp(threads, reads, () -> i -> {
            long offset = length >= 1_000_000 ? 0 : (i * 37_000L) % 900_000;
            int n = read.run(url, offset, length);
            if (n != length) {
                throw new IllegalStateException("read " + n + " bytes, not " + length);
            }
            return n;
        });
    }
}
