package io.eobatch.provider;

import java.time.LocalDate;
import java.util.Objects;

import org.locationtech.jts.geom.Geometry;

/**
 * A scene search over one AOI.
 *
 * @param catalog       catalog name (the stac provider; the others ignore it)
 * @param collection    collection id
 * @param aoiId         the AOI's id (ObservEarth registers the geometry under it)
 * @param aoi           the AOI in EPSG:4326
 * @param from          first day, inclusive (UTC)
 * @param to            last day, inclusive (UTC)
 * @param maxCloudCover scene cloud cover limit in percent, or null for none
 */
public record SceneSearch(String catalog, String collection, String aoiId, Geometry aoi, LocalDate from,
                          LocalDate to, Double maxCloudCover) {

    public SceneSearch {
        Objects.requireNonNull(aoiId, "aoiId");
        Objects.requireNonNull(aoi, "aoi");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
