package io.eobatch.bench;

import java.net.URI;
import java.util.Locale;
import java.util.Random;

import io.eobatch.provider.stac.StacHttpGate;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.raster.io.HttpGate;
import io.eobatch.raster.io.HttpRangeByteSource;
import io.eobatch.raster.io.RangeHttpServer;

/**
 * What the stac provider's gate costs when no limit binds (a plain main, not a test;
 * {@code sh src/test/bench/http-gate.sh}).
 *
 * <ol>
 *   <li>The gate alone: {@code send} of an exchange that does nothing, {@link HttpGate#DIRECT} against a
 *       {@link StacHttpGate} whose limits are far away (max-in-flight 64, requests-per-minute 0), from 1 and 8
 *       threads: the time the gate adds to every request when no limit binds.</li>
 *   <li>Over HTTP: range reads of 16 KiB of a 1 MB file served from 127.0.0.1 (TCP_NODELAY on the JDK server, else
 *       its delayed-ACK stalls of ~40 ms hide everything), one thread after another and from 8 threads, direct
 *       and gated in alternating rounds; the median per request of each.</li>
 * </ol>
 */
public final class HttpGateBench {

    private static final int READS = 400;
    private static final int ROUNDS = 9;
    private static final int CALLS = 2_000_000;

    private HttpGateBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        URI where = URI.create("http://127.0.0.1:1/cog.tif");
        HttpGate far = new StacHttpGate(ThrottleSettings.defaults("stac").withMaxInFlight(64).withRequestsPerMinute(0));
        for (int threads : new int[] {1, 8}) {
            double[] m = Timing.alternating(ROUNDS, () -> calls(where, threads, HttpGate.DIRECT),
                    () -> calls(where, threads, far));
            System.out.printf(Locale.ROOT, "gate alone, %d thread(s), %,d calls per round, median of %d rounds: "
                    + "direct %.3f us/call, StacHttpGate %.3f us/call%n", threads, CALLS, ROUNDS, m[0], m[1]);
        }
        byte[] content = new byte[1_000_000];
        new Random(3).nextBytes(content);
        try (RangeHttpServer server = new RangeHttpServer()) {
            URI url = server.serve("/cog.tif", content);
            HttpGate gated = new StacHttpGate(ThrottleSettings.defaults("stac").withMaxInFlight(64)
                    .withRequestsPerMinute(0));
            for (int threads : new int[] {1, 8}) {
                double[] m = Timing.alternating(ROUNDS, () -> run(url, threads, HttpGate.DIRECT),
                        () -> run(url, threads, gated));
                System.out.printf(Locale.ROOT, "%d thread(s), %d reads of 16 KiB per round, median of %d rounds: "
                        + "direct %.1f us/request, through the gate %.1f us/request (%+.1f %%)%n", threads, READS,
                        ROUNDS, m[0], m[1], 100 * (m[1] / m[0] - 1));
            }
        } finally {
            HttpGate.install(null);
        }
    }

    /** Microseconds of wall time per call of a gate with an exchange that does nothing. */
    private static double calls(URI uri, int threads, HttpGate gate) throws Exception {
        return Timing.microsPerOp(threads, CALLS, () -> i -> gate.send(uri, () -> (long) i));
    }

    /** Microseconds of wall time per request for {@link #READS} reads spread over {@code threads} threads. */
    private static double run(URI url, int threads, HttpGate gate) throws Exception {
        HttpGate.install(gate);
        return Timing.microsPerOp(threads, READS, () -> {
            HttpRangeByteSource s = HttpRangeByteSource.of(url);
            return i -> s.read((i * 37_000L) % 900_000, 16 * 1024).length;
        });
    }
}
