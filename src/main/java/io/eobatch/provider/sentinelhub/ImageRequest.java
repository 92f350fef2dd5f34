package io.eobatch.provider.sentinelhub;

import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.stats.SpectralIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One Process API request for a PNG of an AOI: the least cloudy mosaic of the period, in true colour or as an index
 * through a colour map (transparent where the SCL mask rejects a pixel, and outside the AOI).
 *
 * @param aoi           the AOI in EPSG:4326 (lon/lat), a Polygon or MultiPolygon; the image covers its bounding box
 * @param from          first day, inclusive (UTC)
 * @param to            last day, inclusive (UTC)
 * @param index         the index to render, or null for true colour (B04, B03, B02 with a 2.5 gain)
 * @param colorMap      the colour map of the index (ignored for true colour); null for the index's default
 * @param maxCloudCover scene-level cloud cover limit in percent, or null
 * @param width         image width in pixels, 1..2500
 * @param height        image height in pixels, 1..2500
 */
public record ImageRequest(Geometry aoi, LocalDate from, LocalDate to, SpectralIndex index, ColorMap colorMap,
                           Double maxCloudCover, int width, int height) {

    /** The Process API's largest width or height. */
    public static final int MAX_SIZE = 2500;

    public ImageRequest {
        StatisticsRequest.checkAoi(aoi);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends (" + to + ") before it starts (" + from + ")");
        }
        StatisticsRequest.checkCloud(maxCloudCover);
        if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
            throw new IllegalArgumentException("image size must be within 1.." + MAX_SIZE + ": " + width + "x" + height);
        }
        if (index != null && colorMap == null) {
            colorMap = defaultColorMap(index);
        }
    }

    /** Whether this is a true-colour image (no index). */
    public boolean trueColour() {
        return index == null;
    }

    /** RdYlGn over [-0.2, 0.9] for NDVI and EVI, Blues over [-0.3, 0.6] for NDWI. */
    public static ColorMap defaultColorMap(SpectralIndex index) {
        return index == SpectralIndex.NDWI ? ColorMap.blues(-0.3, 0.6) : ColorMap.rdYlGn();
    }

    /** 00:00:00Z of {@code from}. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** 00:00:00Z of the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
