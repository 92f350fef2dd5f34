package io.eobatch.provider.sentinelhub;

import io.eobatch.raster.stats.SpectralIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * One Statistical API request: index statistics of one AOI per aggregation interval over a period.
 *
 * @param aoi                 the AOI in EPSG:4326 (x = lon, y = lat, degrees), a Polygon or MultiPolygon
 * @param from                first day, inclusive (UTC)
 * @param to                  last day, inclusive (UTC)
 * @param aggregationInterval the length of each interval ({@code P1D}: one result per day with data); the last one
 *                            is shortened to end with {@code to}
 * @param index               the spectral index
 * @param maxCloudCover       scenes with more cloud (percent, scene-level {@code eo:cloud_cover}) are not used; null
 *                            for no limit
 * @param resolutionMetres    pixel size in metres (10 for Sentinel-2's finest bands); sent in degrees, see
 *                            {@link SentinelHubRequests#degreesPerMetre}
 */
public record StatisticsRequest(Geometry aoi, LocalDate from, LocalDate to, Period aggregationInterval,
                                SpectralIndex index, Double maxCloudCover, double resolutionMetres) {

    /** Default pixel size (metres). */
    public static final double DEFAULT_RESOLUTION_M = 10;

    public StatisticsRequest {
        checkAoi(aoi);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends (" + to + ") before it starts (" + from + ")");
        }
        Objects.requireNonNull(aggregationInterval, "aggregationInterval");
        if (aggregationInterval.isNegative() || aggregationInterval.isZero()) {
            throw new IllegalArgumentException("aggregation interval must be positive: " + aggregationInterval);
        }
        Objects.requireNonNull(index, "index");
        checkCloud(maxCloudCover);
        if (!(resolutionMetres > 0) || !Double.isFinite(resolutionMetres)) {
            throw new IllegalArgumentException("resolution must be a positive number of metres: " + resolutionMetres);
        }
    }

    /** Daily statistics at 10 m. */
    public static StatisticsRequest daily(Geometry aoi, LocalDate from, LocalDate to, SpectralIndex index,
                                          Double maxCloudCover) {
        return new StatisticsRequest(aoi, from, to, Period.ofDays(1), index, maxCloudCover, DEFAULT_RESOLUTION_M);
    }

    /** 00:00:00Z of {@code from}. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** 00:00:00Z of the day after {@code to} (the exclusive end of the period). */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The number of aggregation intervals in the period (the last one possibly shortened). */
    public int intervals() {
        int n = 0;
        LocalDate d = from;
        LocalDate endExclusive = to.plusDays(1);
        while (d.isBefore(endExclusive)) {
            n++;
            d = d.plus(aggregationInterval);
        }
        return n;
    }

    static void checkAoi(Geometry aoi) {
        Objects.requireNonNull(aoi, "aoi");
        if (aoi.isEmpty() || !(aoi instanceof Polygonal)) {
            throw new IllegalArgumentException("AOI must be a non-empty Polygon or MultiPolygon, got " + aoi.getGeometryType());
        }
        if (aoi.getSRID() != 0 && aoi.getSRID() != 4326) {
            throw new IllegalArgumentException("AOI must be in EPSG:4326 (lon/lat), has SRID " + aoi.getSRID());
        }
        Envelope e = aoi.getEnvelopeInternal();
        if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
            throw new IllegalArgumentException("AOI is not in lon/lat degrees (EPSG:4326): envelope " + e);
        }
    }

    static void checkCloud(Double maxCloudCover) {
        if (maxCloudCover != null && !(maxCloudCover >= 0 && maxCloudCover <= 100)) {
            throw new IllegalArgumentException("maxCloudCover must be within [0, 100] percent: " + maxCloudCover);
        }
    }
}
