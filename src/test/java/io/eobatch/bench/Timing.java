package io.eobatch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * What the HTTP benchmarks ({@link HttpGateBench}, {@link OutboundBench}) share: the wall time per operation of a
 * round spread over threads, two candidates measured in alternating rounds, and the median of the rounds.
 */
final class Timing {

    /** The i-th operation of a round; its result is summed so that the JIT cannot drop the work. */
    interface Op {
        long run(int i) throws Exception;
    }

    private Timing() {
    }

    /**
     * Microseconds of wall time per operation for operations 0 .. ops-1 spread over {@code threads} threads (thread t
     * runs t, t + threads, ...), each thread with its own {@link Op} from {@code perThread} (asked for on that thread).
     * An operation that throws fails the round: its exception is the cause of the {@code ExecutionException}.
     */
    static double microsPerOp(int threads, int ops, Supplier<Op> perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Op op = perThread.get();
                    long sum = 0;
                    for (int i = thread; i < ops; i += threads) {
                        sum += op.run(i);
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : futures) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e3 / ops;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The medians {a, b} of {@code rounds} rounds of a and b measured alternately, after one warm-up round of each. */
    static double[] alternating(int rounds, Callable<Double> a, Callable<Double> b) throws Exception {
        double[] ta = new double[rounds];
        double[] tb = new double[rounds];
        a.call(); // warm-up
        b.call();
        for (int r = 0; r < rounds; r++) {
            ta[r] = a.call();
            tb[r] = b.call();
        }
        return new double[] {median(ta), median(tb)};
    }

    /** The middle value (the upper one of an even count). */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
