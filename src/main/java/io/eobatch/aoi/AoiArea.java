package io.eobatch.aoi;

import java.util.Locale;

import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

import io.eobatch.raster.Crs;

/**
 * The area of an AOI on the WGS 84 ellipsoid, in square metres.
 *
 * <p>Each polygon is projected to a Lambert azimuthal equal-area projection (ellipsoidal form, proj4j
 * {@code +proj=laea +ellps=WGS84}) centred on its bounding box, where planar area is ellipsoidal area. Its edges
 * are first densified to at most {@value #MAX_SEGMENT_DEGREES}° so that they follow the straight lon/lat lines
 * GeoJSON means (RFC 7946 §3.1.1) rather than straight lines of the projection. Holes are subtracted; each part
 * of a MultiPolygon has its own projection centre (parts on both sides of the anti-meridian are fine).
 *
 * <p>Accuracy, checked in {@code AoiAreaTest} against GeographicLib ({@code geod_polygonarea} of PROJ 9.1):
 * 2e-7 relative to the same polygon with lon/lat-straight edges (1.5e-9 with a 0.001° step: the residue is the
 * densification); 1.6e-5 relative to the polygon with geodesic edges (another polygon: 15 km edges at 46°N
 * bulge by metres), and a 1° cell at 45°N equals the closed-form ellipsoidal zone area to 1e-6. UTM would be
 * simpler but distorts areas by up to 0.2 % towards the zone edges.
 */
public final class AoiArea {

    /** Longest edge, in degrees, before projecting: longer ones get intermediate points. */
    static final double MAX_SEGMENT_DEGREES = 0.01;

    private static final CoordinateReferenceSystem WGS84 = Crs.proj4("WGS84",
            "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs");

    private AoiArea() {
    }

    /** Area in m2 of a Polygon or MultiPolygon in EPSG:4326 lon/lat degrees. */
    public static double squareMetres(Geometry lonLat) {
        double sum = 0;
        for (int i = 0; i < lonLat.getNumGeometries(); i++) {
            if (lonLat.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                sum += polygon(p);
            }
        }
        return sum;
    }

    private static double polygon(Polygon p) {
        Envelope e = p.getEnvelopeInternal();
        double lon0 = (e.getMinX() + e.getMaxX()) / 2;
        double lat0 = (e.getMinY() + e.getMaxY()) / 2;
        CoordinateReferenceSystem laea = Crs.proj4("laea", String.format(Locale.ROOT,
                "+proj=laea +lat_0=%.9f +lon_0=%.9f +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs", lat0, lon0));
        CoordinateTransform toLaea = Crs.transform(WGS84, laea);
        double area = Math.abs(ring(p.getExteriorRing(), toLaea));
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
            area -= Math.abs(ring(p.getInteriorRingN(h), toLaea));
        }
        return area;
    }

    /** Signed planar area of the ring once densified and projected. */
    private static double ring(LineString ring, CoordinateTransform toLaea) {
        Coordinate[] cs = ring.getCoordinates();
        java.util.List<Coordinate> projected = new java.util.ArrayList<>(cs.length * 2);
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate out = new ProjCoordinate();
        for (int i = 0; i < cs.length; i++) {
            Coordinate a = cs[i];
            int steps = 1;
            if (i + 1 < cs.length) {
                Coordinate b = cs[i + 1];
                double length = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y));
                steps = Math.max(1, (int) Math.ceil(length / MAX_SEGMENT_DEGREES));
            }
            for (int s = 0; s < (i + 1 < cs.length ? steps : 1); s++) {
                double t = (double) s / steps;
                Coordinate b = i + 1 < cs.length ? cs[i + 1] : a;
                in.x = a.x + (b.x - a.x) * t;
                in.y = a.y + (b.y - a.y) * t;
                toLaea.transform(in, out);
                projected.add(new Coordinate(out.x, out.y));
            }
        }
        return Area.ofRingSigned(projected.toArray(Coordinate[]::new));
    }
}
