package io.eobatch.provider.observearth;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A geometry registered with ObservEarth.
 *
 * @param id       its id (a UUID string), what the search, stats and image endpoints take as {@code geometry_id}
 * @param name     its name, or null
 * @param geometry its polygon in EPSG:4326 (lon/lat), or null when the answer had none
 */
public record ObserveEarthGeometry(String id, String name, Geometry geometry) {

    public ObserveEarthGeometry {
        Objects.requireNonNull(id, "id");
    }
}
