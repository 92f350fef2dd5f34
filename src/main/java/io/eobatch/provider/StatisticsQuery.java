package io.eobatch.provider;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.raster.stats.Weighting;

/**
 * The statistics of one work item: one AOI over one interval.
 *
 * @param catalog       catalog name (stac)
 * @param collection    collection id
 * @param aoiId         the AOI's id
 * @param aoi           the AOI in EPSG:4326
 * @param from          first day of the interval, inclusive (UTC)
 * @param to            last day of the interval, inclusive (UTC)
 * @param sceneIds      the scenes the plan found in the interval (the stac provider reads exactly these)
 * @param index         the spectral index
 * @param maxCloudCover scene cloud cover limit in percent, or null
 * @param weighting     how pixels count ({@link Weighting#COVERAGE} only where
 *                      {@link Capabilities#coverageWeighting})
 */
public record StatisticsQuery(String catalog, String collection, String aoiId, Geometry aoi, LocalDate from,
                              LocalDate to, List<String> sceneIds, SpectralIndex index, Double maxCloudCover,
                              Weighting weighting) {

    /** A query under the centre rule. */
    public StatisticsQuery(String catalog, String collection, String aoiId, Geometry aoi, LocalDate from,
                           LocalDate to, List<String> sceneIds, SpectralIndex index, Double maxCloudCover) {
        this(catalog, collection, aoiId, aoi, from, to, sceneIds, index, maxCloudCover, Weighting.CENTRE);
    }

    public StatisticsQuery {
        Objects.requireNonNull(aoi, "aoi");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(index, "index");
        sceneIds = List.copyOf(sceneIds);
        weighting = weighting == null ? Weighting.CENTRE : weighting;
    }
}
