package io.eobatch.stac;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/** Footprint helpers in EPSG:4326 degrees. */
final class Footprints {

    private Footprints() {
    }

    /**
     * The polygon of a [west, south, east, north] bbox; when west > east (the box crosses the anti-meridian) a
     * MultiPolygon of the parts [west, 180] and [-180, east].
     */
    static Geometry ofBbox(double[] b) {
        if (b[0] <= b[2]) {
            return box(b[0], b[1], b[2], b[3]);
        }
        return GeoJson.WGS84.createMultiPolygon(new Polygon[] {box(b[0], b[1], 180, b[3]), box(-180, b[1], b[2], b[3])});
    }

    private static Polygon box(double w, double s, double e, double n) {
        Geometry g = GeoJson.WGS84.toGeometry(new Envelope(w, e, s, n));
        if (g instanceof Polygon p) {
            return p;
        }
        // A degenerate box (zero width or height): JTS would make a point or a line; widen it by 1e-12 degrees.
        return (Polygon) GeoJson.WGS84.toGeometry(new Envelope(w, e + (e == w ? 1e-12 : 0), s, n + (n == s ? 1e-12 : 0)));
    }
}
