package io.eobatch.raster;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Reprojects coordinates and JTS geometries between EPSG coordinate reference systems, with the CRSs and proj4j
 * transforms of {@link Crs}.
 *
 * <p><b>Axis order</b>: always x = easting/longitude, y = northing/latitude, in degrees for geographic CRSs
 * and metres for projected ones. That is the order of GeoJSON ({@code [lon, lat]}) and of proj4j, and what GDAL
 * uses for GeoJSON layers ("traditional GIS order"); EPSG:4326's official lat/lon order is never used here.
 *
 * <p><b>Geometries</b> are transformed vertex by vertex, without densifying edges: a straight edge in the source
 * CRS stays a straight edge between the transformed vertices, as GDAL's rasterizer does (it transforms the
 * vertices of the polygon and burns straight edges in pixel space). For AOIs of a few kilometres the curvature
 * an edge would take in the target CRS is far below a millimetre.
 *
 * <p>Accuracy: proj4j's UTM agrees with GDAL/PROJ ({@code gdaltransform}) to better than a micrometre on the
 * test AOIs (see {@code ReprojectionTest}).
 *
 * <p>Thread-safe: each thread uses its own transforms ({@link Crs#transform(int, int)}).
 */
public final class Reprojection {

    /** EPSG code of WGS 84 geographic coordinates (used here in lon/lat order). */
    public static final int WGS84 = Crs.WGS84;

    private Reprojection() {
    }

    /**
     * Transforms one point. Returns {x, y} in the target CRS (easting/longitude first).
     *
     * @param x source easting or longitude (degrees for geographic CRSs)
     * @param y source northing or latitude
     */
    public static double[] transform(double x, double y, int srcEpsg, int dstEpsg) {
        if (srcEpsg == dstEpsg) {
            return new double[] {x, y};
        }
        return Crs.apply(Crs.transform(srcEpsg, dstEpsg), x, y);
    }

    /**
     * A copy of {@code geometry} with every vertex transformed from {@code srcEpsg} to {@code dstEpsg}
     * (no densification). The input is not modified. Returns a copy even when both codes are equal.
     */
    public static Geometry transform(Geometry geometry, int srcEpsg, int dstEpsg) {
        Geometry copy = geometry.copy();
        if (srcEpsg == dstEpsg || copy.isEmpty()) {
            return copy;
        }
        CoordinateTransform ct = Crs.transform(srcEpsg, dstEpsg);
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate out = new ProjCoordinate();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                ct.transform(in, out);
                if (!Double.isFinite(out.x) || !Double.isFinite(out.y)) {
                    throw new IllegalArgumentException("cannot transform vertex (" + in.x + ", " + in.y
                            + ") from EPSG:" + srcEpsg + " to EPSG:" + dstEpsg);
                }
                seq.setOrdinate(i, CoordinateSequence.X, out.x);
                seq.setOrdinate(i, CoordinateSequence.Y, out.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }

    /** {@code geometryLonLat} (EPSG:4326, GeoJSON lon/lat order) transformed to {@code dstEpsg}. */
    public static Geometry fromWgs84(Geometry geometryLonLat, int dstEpsg) {
        return transform(geometryLonLat, WGS84, dstEpsg);
    }
}
