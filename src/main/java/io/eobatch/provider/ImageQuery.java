package io.eobatch.provider;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.stats.SpectralIndex;

/**
 * An image of one AOI over one interval.
 *
 * @param catalog       catalog name (stac)
 * @param collection    collection id
 * @param aoiId         the AOI's id
 * @param aoi           the AOI in EPSG:4326
 * @param from          first day of the interval, inclusive (UTC)
 * @param to            last day of the interval, inclusive (UTC)
 * @param sceneIds      scenes the plan chose for the interval (the stac provider renders exactly these), may be empty
 * @param index         the index to draw through {@code colorMap}, or null for true colour
 * @param colorMap      colour map of the index (ignored for true colour)
 * @param maxCloudCover scene cloud cover limit in percent, or null
 * @param width         image width in pixels
 * @param height        image height in pixels
 */
public record ImageQuery(String catalog, String collection, String aoiId, Geometry aoi, LocalDate from, LocalDate to,
                         List<String> sceneIds, SpectralIndex index, ColorMap colorMap, Double maxCloudCover,
                         int width, int height) {

    public ImageQuery {
        Objects.requireNonNull(aoi, "aoi");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        sceneIds = sceneIds == null ? List.of() : List.copyOf(sceneIds);
    }

    public boolean trueColour() {
        return index == null;
    }
}
