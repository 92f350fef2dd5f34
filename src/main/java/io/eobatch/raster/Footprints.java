package io.eobatch.raster;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Footprints of grids in other CRSs: the envelope of points sampled along the grid's boundary and reprojected. Used
 * to skip AOIs that cannot touch a scene (before reprojecting them: UTM formulas give garbage or infinities a
 * quarter of the globe away) and to bound a mosaic's window by the scenes it is made of. Also the footprint of a
 * STAC bbox in EPSG:4326 degrees ({@link #ofBbox}), split at the anti-meridian.
 */
public final class Footprints {

    /** Points per edge: enough for the curvature of a 110 km UTM tile's edges in lon/lat or in a neighbour zone. */
    private static final int SAMPLES_PER_EDGE = 16;
    /** Geometries in EPSG:4326, x = longitude, y = latitude, in degrees. */
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), Reprojection.WGS84);

    private Footprints() {
    }

    /**
     * Envelope of the grid's outline in {@code epsg} (x = easting/longitude), or {@code null} when a boundary point
     * does not transform to finite coordinates. Edges are sampled, not densified exactly: callers add a margin.
     */
    public static Envelope envelopeIn(GridGeometry grid, int epsg) {
        double[] b = grid.bounds();
        Envelope env = new Envelope();
        for (int i = 0; i <= SAMPLES_PER_EDGE; i++) {
            double f = (double) i / SAMPLES_PER_EDGE;
            double x = b[0] + f * (b[2] - b[0]);
            double y = b[1] + f * (b[3] - b[1]);
            if (!add(env, x, b[1], grid.epsg(), epsg) || !add(env, x, b[3], grid.epsg(), epsg)
                    || !add(env, b[0], y, grid.epsg(), epsg) || !add(env, b[2], y, grid.epsg(), epsg)) {
                return null;
            }
        }
        return env;
    }

    /**
     * The window of {@code target} covering the footprint of {@code source} (one pixel of margin), not clipped;
     * {@code null} when the footprint cannot be transformed.
     */
    public static PixelWindow windowOn(GridGeometry source, GridGeometry target) {
        Envelope env = envelopeIn(source, target.epsg());
        if (env == null) {
            return null;
        }
        double c0 = Math.floor(Math.min(target.toCol(env.getMinX()), target.toCol(env.getMaxX()))) - 1;
        double c1 = Math.ceil(Math.max(target.toCol(env.getMinX()), target.toCol(env.getMaxX()))) + 1;
        double r0 = Math.floor(Math.min(target.toRow(env.getMinY()), target.toRow(env.getMaxY()))) - 1;
        double r1 = Math.ceil(Math.max(target.toRow(env.getMinY()), target.toRow(env.getMaxY()))) + 1;
        double limit = Integer.MAX_VALUE / 4.0;
        if (Math.abs(c0) > limit || Math.abs(c1) > limit || Math.abs(r0) > limit || Math.abs(r1) > limit) {
            return null;
        }
        return new PixelWindow((int) c0, (int) r0, (int) (c1 - c0), (int) (r1 - r0));
    }

    /** The smallest window holding both (either may be empty). */
    public static PixelWindow union(PixelWindow a, PixelWindow b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        int c0 = Math.min(a.col0(), b.col0());
        int r0 = Math.min(a.row0(), b.row0());
        int c1 = Math.max(a.col0() + a.width(), b.col0() + b.width());
        int r1 = Math.max(a.row0() + a.height(), b.row0() + b.height());
        return new PixelWindow(c0, r0, c1 - c0, r1 - r0);
    }

    /** The overlap of two windows, EMPTY when they miss. */
    public static PixelWindow intersection(PixelWindow a, PixelWindow b) {
        int c0 = Math.max(a.col0(), b.col0());
        int r0 = Math.max(a.row0(), b.row0());
        int c1 = Math.min(a.col0() + a.width(), b.col0() + b.width());
        int r1 = Math.min(a.row0() + a.height(), b.row0() + b.height());
        return (c1 <= c0 || r1 <= r0) ? PixelWindow.EMPTY : new PixelWindow(c0, r0, c1 - c0, r1 - r0);
    }

    /**
     * The polygon of a [west, south, east, north] bbox in EPSG:4326 degrees; when west > east (the box crosses the
     * anti-meridian) a MultiPolygon of the parts [west, 180] and [-180, east].
     */
    public static Geometry ofBbox(double[] b) {
        if (b[0] <= b[2]) {
            return box(b[0], b[1], b[2], b[3]);
        }
        return WGS84.createMultiPolygon(new Polygon[] {box(b[0], b[1], 180, b[3]), box(-180, b[1], b[2], b[3])});
    }

    private static Polygon box(double w, double s, double e, double n) {
        Geometry g = WGS84.toGeometry(new Envelope(w, e, s, n));
        if (g instanceof Polygon p) {
            return p;
        }
        // A degenerate box (zero width or height): JTS would make a point or a line; widen it by 1e-12 degrees.
        return (Polygon) WGS84.toGeometry(new Envelope(w, e + (e == w ? 1e-12 : 0), s, n + (n == s ? 1e-12 : 0)));
    }

    private static boolean add(Envelope env, double x, double y, int from, int to) {
        double[] p = Reprojection.transform(x, y, from, to);
        if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
            return false;
        }
        env.expandToInclude(p[0], p[1]);
        return true;
    }
}
