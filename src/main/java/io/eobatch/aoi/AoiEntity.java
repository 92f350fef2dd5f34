package io.eobatch.aoi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.locationtech.jts.geom.Envelope;


/**
 * A row of the {@code aoi} table (migration V1): the geometry as GeoJSON text (EPSG:4326 lon/lat), its bounding
 * box in degrees (for SQL filters), its area in m2 ({@link AoiArea}) and when it was stored (UTC, in a
 * {@code timestamp} column without time zone, hence {@link LocalDateTime} at UTC).
 */
@Entity
@Table(name = "aoi")
public class AoiEntity {

    @Id
    @Column(name = "id", length = Aoi.MAX_ID_LENGTH)
    String id;

    @Column(name = "name", length = Aoi.MAX_NAME_LENGTH)
    String name;

    /** The geometry object as GeoJSON text ({@link AoiGeometries#toGeoJson}). */
    @Column(name = "geojson", nullable = false)
    String geojson;

    /** Bounding box, degrees. */
    @Column(name = "min_lon", nullable = false)
    double minLon;

    @Column(name = "min_lat", nullable = false)
    double minLat;

    @Column(name = "max_lon", nullable = false)
    double maxLon;

    @Column(name = "max_lat", nullable = false)
    double maxLat;

    /** Area on the WGS 84 ellipsoid, m2. */
    @Column(name = "area_m2")
    Double areaM2;

    /** When stored, UTC. */
    @Column(name = "created_at", nullable = false)
    LocalDateTime createdAt;

    protected AoiEntity() {
    }

    /** The row for {@code aoi}. */
    public static AoiEntity of(Aoi aoi) {
        AoiEntity e = new AoiEntity();
        e.id = aoi.id();
        e.name = aoi.name();
        e.geojson = AoiGeometries.toGeoJson(aoi.geometry());
        Envelope bbox = aoi.bbox();
        e.minLon = bbox.getMinX();
        e.minLat = bbox.getMinY();
        e.maxLon = bbox.getMaxX();
        e.maxLat = bbox.getMaxY();
        e.areaM2 = AoiArea.squareMetres(aoi.geometry());
        e.createdAt = LocalDateTime.ofInstant(aoi.created(), ZoneOffset.UTC);
        return e;
    }

    /** The AOI of this row. */
    public Aoi toAoi() {
        return new Aoi(id, name, AoiGeometries.fromStoredGeoJson(geojson), createdAt.toInstant(ZoneOffset.UTC));
    }

    public String getId() {
        return id;
    }

    public Double getAreaM2() {
        return areaM2;
    }

    public Instant getCreated() {
        return createdAt.toInstant(ZoneOffset.UTC);
    }
}
