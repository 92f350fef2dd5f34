package io.eobatch.provider.sentinelhub;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One Catalog API search (STAC item search): scenes of a collection over an area and a period.
 *
 * @param collection    collection id, e.g. {@value #SENTINEL_2_L2A}
 * @param intersects    the area in EPSG:4326 (lon/lat), or null when {@code bbox} is given
 * @param bbox          [west, south, east, north] in degrees, or null when {@code intersects} is given
 * @param from          first day, inclusive (UTC)
 * @param to            last day, inclusive (UTC)
 * @param maxCloudCover keep scenes with {@code eo:cloud_cover <=} this (percent), sent as a CQL2 text filter; null
 *                      for all
 * @param limit         page size, 1..100 (the Catalog API's largest)
 */
public record CatalogSearch(String collection, Geometry intersects, double[] bbox, LocalDate from, LocalDate to,
                            Double maxCloudCover, int limit) {

    public static final String SENTINEL_2_L2A = "sentinel-2-l2a";
    public static final int MAX_LIMIT = 100;

    public CatalogSearch {
        Objects.requireNonNull(collection, "collection");
        if ((intersects == null) == (bbox == null)) {
            throw new IllegalArgumentException("give exactly one of intersects and bbox");
        }
        if (intersects != null) {
            if (intersects.isEmpty()) {
                throw new IllegalArgumentException("intersects is empty");
            }
            if (intersects.getSRID() != 0 && intersects.getSRID() != 4326) {
                throw new IllegalArgumentException("intersects must be in EPSG:4326, has SRID " + intersects.getSRID());
            }
        }
        if (bbox != null) {
            if (bbox.length != 4 || !(bbox[1] <= bbox[3]) || Math.abs(bbox[0]) > 180 || Math.abs(bbox[2]) > 180
                    || Math.abs(bbox[1]) > 90 || Math.abs(bbox[3]) > 90) {
                throw new IllegalArgumentException("bbox must be [west, south, east, north] in degrees: " + Arrays.toString(bbox));
            }
            bbox = bbox.clone();
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends (" + to + ") before it starts (" + from + ")");
        }
        StatisticsRequest.checkCloud(maxCloudCover);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
        }
    }

    /** Sentinel-2 L2A scenes intersecting {@code aoi}, 100 a page. */
    public static CatalogSearch sentinel2(Geometry aoi, LocalDate from, LocalDate to, Double maxCloudCover) {
        return new CatalogSearch(SENTINEL_2_L2A, aoi, null, from, to, maxCloudCover, MAX_LIMIT);
    }

    @Override
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    /** 00:00:00Z of {@code from}. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** 23:59:59Z of {@code to} (the Catalog API's inclusive end). */
    public Instant endInclusive() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    }
}
