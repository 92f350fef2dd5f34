package io.eobatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;

import io.eobatch.persistence.TestDatabases;
import io.eobatch.persistence.TestDatabases.Kind;
import io.eobatch.provider.throttle.DatabaseLimits;
import io.eobatch.provider.throttle.SharedLimits;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;

/**
 * What one admission through a provider throttle costs: the one-node limiter in the JVM against the limits across
 * nodes in the database ({@link DatabaseLimits}) on H2 (in this JVM) and on PostgreSQL (embedded, a separate server
 * process on 127.0.0.1), one caller and 8 at once (a plain main, not a test; run by src/test/bench/limiter.sh).
 *
 * <p>An operation is {@code throttle.call(1, () -> 1)}: an in-flight slot taken and given back and, in the "rate"
 * rows, a start reserved in the request and the processing-unit windows. The limits never bind (16 in flight, the
 * rate windows one second long with 1,500 requests and 1,500 units each, far above what a provider account allows:
 * Sentinel Hub's are per minute), so the time is the limiter's own: for the database, one transaction to admit and
 * one to release, with the sliding log holding up to a second's calls. The in-JVM limiter's "rate" rows are bound
 * by the 1,500 a second, not by its cost (its "slots" rows give that). Median of 3 rounds after a warm-up round.
 */
public final class LimiterBench {

    private LimiterBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        List<String> rows = new ArrayList<>();
        TestDatabases.Db h2 = TestDatabases.open(Kind.H2);
        TestDatabases.Db pg = TestDatabases.open(Kind.POSTGRESQL);
        JdbcConnectionPool h2Pool = h2.pool(16);
        JdbcConnectionPool pgPool = pg.pool(16);
        try {
            for (String scenario : List.of("slots", "rate")) {
                ThrottleSettings s = ThrottleSettings.defaults("sentinel-hub").withMaxInFlight(16)
                        .withRequestsPerMinute(scenario.equals("rate") ? 1500 : 0)
                        .withUnitsPerMinute(scenario.equals("rate") ? 1500 : 0)
                        .withWindow(Duration.ofSeconds(1));
                for (int threads : new int[] {1, 8}) {
                    rows.add(row(scenario, "in the JVM", threads, rounds, scenario.equals("rate") ? 3000 : 200_000,
                            s, null));
                    rows.add(row(scenario, "H2 (in the JVM)", threads, rounds, 3000, s,
                            new DatabaseLimits(h2Pool, "bench", Duration.ofMinutes(5))));
                    rows.add(row(scenario, "PostgreSQL (127.0.0.1)", threads, rounds, 3000, s,
                            new DatabaseLimits(pgPool, "bench", Duration.ofMinutes(5))));
                }
            }
        } finally {
            h2Pool.dispose();
            pgPool.dispose();
        }
        System.out.println("| limits | kept | callers | µs per admission (wall / calls) | admissions per second |");
        System.out.println("|---|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String row(String scenario, String kept, int threads, int rounds, int ops, ThrottleSettings s,
            SharedLimits shared) throws Exception {
        double[] us = new double[rounds + 1];
        for (int r = 0; r <= rounds; r++) { // round 0: warm-up
            Throttle t = new Throttle("sentinel-hub:bench:" + UUID.randomUUID(), s, shared);
            us[r] = Timing.microsPerOp(threads, ops, () -> i -> t.call(1, () -> 1L));
        }
        double median = Timing.median(java.util.Arrays.copyOfRange(us, 1, us.length));
        return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %,.0f |", scenario, kept, threads, median,
                1e6 / median);
    }
}
