package io.eobatch.provider.throttle;

import java.util.List;

/** Counting over sliding windows of start times (nanoseconds). */
final class Windows {

    private Windows() {
    }

    record Start(long at, double cost) {
    }

    /** Largest total cost of starts in any half-open window [t, t + window); starts sorted by time. */
    static double maxInAnyWindow(List<Start> starts, long window) {
        double max = 0;
        double sum = 0;
        int j = 0;
        for (int i = 0; i < starts.size(); i++) {
            while (j < starts.size() && starts.get(j).at() < starts.get(i).at() + window) {
                sum += starts.get(j).cost();
                j++;
            }
            max = Math.max(max, sum);
            sum -= starts.get(i).cost();
        }
        return max;
    }

    static long minGap(List<Start> starts) {
        long min = Long.MAX_VALUE;
        for (int i = 1; i < starts.size(); i++) {
            min = Math.min(min, starts.get(i).at() - starts.get(i - 1).at());
        }
        return min;
    }
}
