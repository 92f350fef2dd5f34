package io.eobatch.provider.observearth;

import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Index statistics of a geometry on one date, from {@code POST /api/s2/stats/}.
 *
 * <p>Only {@code date} and {@code mean_value} are known for certain (the batch tutorial reads exactly these); the
 * other fields are read when present under the names the tutorial's naming suggests ({@code min_value},
 * {@code max_value}, {@code std_value}, {@code median_value}, {@code cloud_cover}) and are NaN otherwise. Pixel
 * counts are not part of any published answer, so these do not become {@link
 * io.eobatch.raster.stats.IndexStatistics} (which needs them); {@link #raw()} keeps the whole object.
 *
 * @param date       acquisition date (UTC)
 * @param mean       mean index value
 * @param min        minimum, or NaN
 * @param max        maximum, or NaN
 * @param stdev      standard deviation, or NaN
 * @param median     median, or NaN
 * @param cloudCover cloud cover in percent, or NaN
 * @param raw        the answer's object
 */
public record ObserveEarthStatistics(LocalDate date, double mean, double min, double max, double stdev,
                                     double median, double cloudCover, JsonObject raw) {

    public ObserveEarthStatistics {
        Objects.requireNonNull(date, "date");
    }
}
