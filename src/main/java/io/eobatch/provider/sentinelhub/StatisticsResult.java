package io.eobatch.provider.sentinelhub;

import java.util.List;

/**
 * A parsed Statistical API answer.
 *
 * @param status    the answer's {@code status}: OK, PARTIAL (some intervals failed) or FAILED; "OK" when absent
 * @param intervals one entry per interval with data, in the answer's order; intervals without any scene are absent
 *                  (the API leaves them out)
 * @param cost      processing units of the request ({@link SentinelHubRequestCost#of(StatisticsRequest)})
 */
public record StatisticsResult(String status, List<IntervalStatistics> intervals, double cost) {

    public StatisticsResult {
        intervals = List.copyOf(intervals);
    }

    /** The intervals with statistics. */
    public List<IntervalStatistics> succeeded() {
        return intervals.stream().filter(IntervalStatistics::ok).toList();
    }

    /** The intervals that failed. */
    public List<IntervalStatistics> failed() {
        return intervals.stream().filter(i -> !i.ok()).toList();
    }
}
