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
 * @param sceneIds      scenes the caller chose for the interval, best first (the stac provider renders exactly these,
 *                      the first on top; observearth draws the first), may be empty
 * @param index         the index to draw through {@code colorMap}, or null for true colour
 * @param colorMap      colour map of the index (ignored for true colour); null for the index's default
 *                      ({@link #colours()})
 * @param maxCloudCover scene cloud cover limit in percent, or null
 * @param width         image width in pixels; 0 (with height 0) for the provider's native size: stac, the scene's band
 *                      grid over the AOI's window; sentinel-hub, the AOI's bounding box at 10 m (at most 2500 px a
 *                      side); observearth always draws at its own size (its image endpoint takes none)
 * @param height        image height in pixels; 0 with width 0
 */
public record ImageQuery(String catalog, String collection, String aoiId, Geometry aoi, LocalDate from, LocalDate to,
                         List<String> sceneIds, SpectralIndex index, ColorMap colorMap, Double maxCloudCover,
                         int width, int height) {

    public ImageQuery {
        Objects.requireNonNull(aoi, "aoi");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        sceneIds = sceneIds == null ? List.of() : List.copyOf(sceneIds);
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("image size must be positive, or 0x0 for the provider's native size: "
                    + width + "x" + height);
        }
    }

    public boolean trueColour() {
        return index == null;
    }

    /** Whether the provider's native size is asked for (0 x 0). */
    public boolean nativeSize() {
        return width == 0;
    }

    /** The same query for another image: {@code otherIndex}, or null for true colour. */
    public ImageQuery withIndex(SpectralIndex otherIndex) {
        return new ImageQuery(catalog, collection, aoiId, aoi, from, to, sceneIds, otherIndex, colorMap, maxCloudCover,
                width, height);
    }

    /** The colour map of the index: the one given, else RdYlGn over [-0.2, 0.9] (NDVI, EVI), Blues over [-0.3, 0.6] (NDWI). */
    public ColorMap colours() {
        if (colorMap != null) {
            return colorMap;
        }
        return index == SpectralIndex.NDWI ? ColorMap.blues(-0.3, 0.6) : ColorMap.rdYlGn();
    }
}
