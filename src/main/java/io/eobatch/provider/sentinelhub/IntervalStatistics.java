package io.eobatch.provider.sentinelhub;

import io.eobatch.raster.stats.IndexStatistics;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one aggregation interval of a Statistical API answer: its statistics, or the reason it failed (an
 * interval {@code error} such as EXECUTION_ERROR, or a malformed entry). A failed interval is the failure of that
 * item alone.
 *
 * @param from       start of the interval, inclusive
 * @param to         end of the interval, exclusive
 * @param statistics the statistics, or null when the interval failed
 * @param error      why the interval failed, or null when it has statistics
 */
public record IntervalStatistics(Instant from, Instant to, IndexStatistics statistics, String error) {

    public IntervalStatistics {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if ((statistics == null) == (error == null)) {
            throw new IllegalArgumentException("an interval has either statistics or an error");
        }
    }

    /** Whether the interval has statistics. */
    public boolean ok() {
        return statistics != null;
    }
}
