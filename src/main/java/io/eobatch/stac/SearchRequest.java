package io.eobatch.stac;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import io.eobatch.results.JsonValues;

/**
 * A STAC item search: what {@code POST /search} sends, and what {@link StaticStacCatalog} filters by locally.
 *
 * @param collections   collection ids; empty = all
 * @param intersects    area of interest in EPSG:4326 (x = lon, y = lat), or null; exclusive with {@code bbox}
 * @param bbox          [west, south, east, north] in degrees, or null; west > east crosses the anti-meridian
 * @param from          start of the datetime interval, inclusive, or null for open
 * @param to            end of the datetime interval, inclusive, or null for open
 * @param maxCloudCover keep items with {@code eo:cloud_cover <= maxCloudCover} (percent), or null for no filter; sent
 *                      as {@code "query": {"eo:cloud_cover": {"lte": x}}} (query extension). Items without the
 *                      property do not match, as on a STAC API
 * @param sortby        sort keys (sort extension), empty = the server's order (static catalogs: datetime, then id)
 * @param limit         page size asked of the server (not a cap on the number of items), 1..10000
 */
public record SearchRequest(List<String> collections, Geometry intersects, double[] bbox, Instant from, Instant to,
                            Double maxCloudCover, List<SortBy> sortby, int limit) {

    /** Page size used when none is given. */
    public static final int DEFAULT_LIMIT = 100;

    public SearchRequest {
        collections = collections == null ? List.of() : List.copyOf(collections);
        sortby = sortby == null ? List.of() : List.copyOf(sortby);
        if (intersects != null && bbox != null) {
            throw new IllegalArgumentException("intersects and bbox are mutually exclusive in a STAC search");
        }
        if (intersects != null) {
            if (intersects.isEmpty()) {
                throw new IllegalArgumentException("intersects is empty");
            }
            if (intersects.getSRID() != 0 && intersects.getSRID() != 4326) {
                throw new IllegalArgumentException("intersects must be in EPSG:4326, has SRID " + intersects.getSRID());
            }
            Envelope e = intersects.getEnvelopeInternal();
            if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
                throw new IllegalArgumentException("intersects is not lon/lat degrees (EPSG:4326): envelope " + e);
            }
        }
        if (bbox != null) {
            try {
                bbox = StacItem.bbox(bbox.clone(), null, "bbox");
            } catch (StacException ex) {
                throw new IllegalArgumentException("bad bbox " + Arrays.toString(bbox) + ": " + ex.getMessage(), ex);
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("datetime interval from " + from + " is after to " + to);
        }
        if (maxCloudCover != null && !(maxCloudCover >= 0 && maxCloudCover <= 100)) {
            throw new IllegalArgumentException("maxCloudCover must be within [0, 100] percent: " + maxCloudCover);
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be within 1..10000: " + limit);
        }
    }

    @Override
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    /**
     * The RFC 3339 interval "from/to" with ".." for an open end ("2023-08-01T00:00:00Z/2023-08-31T23:59:59.999999Z"),
     * or null when both ends are open.
     */
    public String datetimeInterval() {
        if (from == null && to == null) {
            return null;
        }
        return (from == null ? ".." : DateTimeFormatter.ISO_INSTANT.format(from)) + "/"
                + (to == null ? ".." : DateTimeFormatter.ISO_INSTANT.format(to));
    }

    /** True when {@code t} lies in [from, to]. */
    public boolean matchesDatetime(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));
    }

    /**
     * The STAC API {@code POST /search} body: {collections, intersects | bbox, datetime, limit, query, sortby},
     * members omitted when not set.
     */
    public JsonObject toJson() {
        JsonObjectBuilder b = JsonValues.JSON.createObjectBuilder();
        if (!collections.isEmpty()) {
            b.add("collections", JsonValues.JSON.createArrayBuilder(collections));
        }
        if (intersects != null) {
            b.add("intersects", GeoJson.write(intersects));
        }
        if (bbox != null) {
            JsonArrayBuilder a = JsonValues.JSON.createArrayBuilder();
            for (double d : bbox) {
                a.add(d);
            }
            b.add("bbox", a);
        }
        String dt = datetimeInterval();
        if (dt != null) {
            b.add("datetime", dt);
        }
        b.add("limit", limit);
        if (maxCloudCover != null) {
            b.add("query", JsonValues.JSON.createObjectBuilder()
                    .add("eo:cloud_cover", JsonValues.JSON.createObjectBuilder().add("lte", maxCloudCover.doubleValue())));
        }
        if (!sortby.isEmpty()) {
            JsonArrayBuilder a = JsonValues.JSON.createArrayBuilder();
            for (SortBy s : sortby) {
                a.add(JsonValues.JSON.createObjectBuilder().add("field", s.field()).add("direction", s.direction().json()));
            }
            b.add("sortby", a);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A sort key of the STAC API sort extension.
     *
     * @param field     the item member: {@code id}, {@code collection}, or {@code properties.<name>}
     * @param direction ascending or descending
     */
    public record SortBy(String field, Direction direction) {

        public enum Direction {
            ASC, DESC;

            String json() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public SortBy {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(direction, "direction");
        }

        /** Ascending on {@code name}; a bare property name ("datetime") becomes "properties.datetime". */
        public static SortBy asc(String name) {
            return new SortBy(qualify(name), Direction.ASC);
        }

        /** Descending on {@code name}; a bare property name ("eo:cloud_cover") becomes "properties.eo:cloud_cover". */
        public static SortBy desc(String name) {
            return new SortBy(qualify(name), Direction.DESC);
        }

        private static String qualify(String name) {
            if (name.equals("id") || name.equals("collection") || name.startsWith("properties.")) {
                return name;
            }
            return "properties." + name;
        }
    }

    /** Builds a {@link SearchRequest}; every setter is optional. */
    public static final class Builder {
        private final List<String> collections = new ArrayList<>();
        private Geometry intersects;
        private double[] bbox;
        private Instant from;
        private Instant to;
        private Double maxCloudCover;
        private final List<SortBy> sortby = new ArrayList<>();
        private int limit = DEFAULT_LIMIT;

        private Builder() {
        }

        public Builder collections(String... ids) {
            collections.addAll(Arrays.asList(ids));
            return this;
        }

        public Builder collections(List<String> ids) {
            collections.addAll(ids);
            return this;
        }

        /** Area of interest in EPSG:4326, lon/lat. */
        public Builder intersects(Geometry aoi) {
            this.intersects = aoi;
            return this;
        }

        /** [west, south, east, north] in degrees. */
        public Builder bbox(double west, double south, double east, double north) {
            this.bbox = new double[] {west, south, east, north};
            return this;
        }

        /** Instants, both inclusive; either may be null for an open end. */
        public Builder datetime(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        /**
         * Whole UTC days, both inclusive: from 00:00:00Z of {@code from} to 23:59:59.999999Z of {@code to}
         * (microseconds, the finest precision STAC servers parse reliably). Either may be null.
         */
        public Builder datetime(LocalDate from, LocalDate to) {
            this.from = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
            this.to = to == null ? null
                    : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(1, ChronoUnit.MICROS);
            return this;
        }

        /** The whole UTC month. */
        public Builder month(YearMonth month) {
            return datetime(month.atDay(1), month.atEndOfMonth());
        }

        /** Cloud cover in percent, inclusive. */
        public Builder maxCloudCover(Double percent) {
            this.maxCloudCover = percent;
            return this;
        }

        public Builder sortBy(SortBy... keys) {
            sortby.addAll(Arrays.asList(keys));
            return this;
        }

        /** Page size asked of the server. */
        public Builder limit(int pageSize) {
            this.limit = pageSize;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(collections, intersects, bbox, from, to, maxCloudCover, sortby, limit);
        }
    }
}
