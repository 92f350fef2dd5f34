package io.eobatch.raster;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The one place that sets up proj4j: coordinate reference systems by EPSG code (parsed once and cached) or from a
 * PROJ.4 definition, and the transforms between them.
 *
 * <p><b>Axis order</b>: always x = easting/longitude, y = northing/latitude, in degrees for geographic CRSs and
 * metres for projected ones (GeoJSON's and proj4j's order); EPSG:4326's official lat/lon order is never used.
 *
 * <p><b>Threads</b>: CRSs are shared by every thread. A proj4j transform keeps mutable scratch state, so
 * {@link #transform(int, int)} gives the calling thread's own cached transform (use it on that thread only) and
 * {@link #transform(CoordinateReferenceSystem, CoordinateReferenceSystem)} a new one.
 */
public final class Crs {

    /** EPSG code of WGS 84 geographic coordinates (used here in lon/lat order). */
    public static final int WGS84 = 4326;

    private static final CRSFactory FACTORY = new CRSFactory();
    private static final Map<Integer, CoordinateReferenceSystem> BY_EPSG = new ConcurrentHashMap<>();
    private static final ThreadLocal<Map<Long, CoordinateTransform>> TRANSFORMS =
            ThreadLocal.withInitial(HashMap::new);

    private Crs() {
    }

    /**
     * The CRS of an EPSG code (cached).
     *
     * @throws IllegalArgumentException naming the code when proj4j does not know it; proj4j's exception is the cause
     */
    public static CoordinateReferenceSystem epsg(int code) {
        return BY_EPSG.computeIfAbsent(code, c -> {
            try {
                return FACTORY.createFromName("EPSG:" + c);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unknown or unsupported CRS EPSG:" + c + ": " + e.getMessage(), e);
            }
        });
    }

    /** A CRS from a PROJ.4 definition such as {@code +proj=laea +lat_0=46 +lon_0=16 +ellps=WGS84} (not cached). */
    public static CoordinateReferenceSystem proj4(String name, String definition) {
        return FACTORY.createFromParameters(name, definition);
    }

    /** A new transform from {@code source} to {@code target}, for one thread at a time. */
    public static CoordinateTransform transform(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
        return new BasicCoordinateTransform(source, target);
    }

    /** The calling thread's transform from EPSG {@code source} to EPSG {@code target} (cached per thread). */
    public static CoordinateTransform transform(int source, int target) {
        long key = ((long) source << 32) | (target & 0xffffffffL);
        return TRANSFORMS.get().computeIfAbsent(key, k -> transform(epsg(source), epsg(target)));
    }

    /** Point {@code (x, y)} through {@code transform}: {x, y} in its target CRS (non-finite when out of range). */
    public static double[] apply(CoordinateTransform transform, double x, double y) {
        ProjCoordinate out = new ProjCoordinate();
        transform.transform(new ProjCoordinate(x, y), out);
        return new double[] {out.x, out.y};
    }
}
