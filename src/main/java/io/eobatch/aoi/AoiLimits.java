package io.eobatch.aoi;

/**
 * Size limits of an AOI upload (answered with 413 when exceeded). They bound the memory a request takes (a
 * GeoJSON body is parsed as a tree) and the work each AOI costs downstream.
 */
public final class AoiLimits {

    /** At most this many features in one upload (GeoJSON FeatureCollection or all layers of a GeoPackage). */
    public static final int MAX_FEATURES = 10_000;
    /**
     * At most this many characters of GeoJSON per geometry, as stored (1 MiB: about 25 000 positions with full
     * double precision).
     */
    public static final int MAX_GEOMETRY_CHARS = 1 << 20;
    /**
     * At most this many bytes of request body (10 MiB), GeoJSON or GeoPackage, answered with a 413 problem. The
     * HTTP listener's own {@code max-post-size} is set higher (wildfly-config/40-http.cli), so that this limit, not
     * the server's bare 400, is what a client meets. To accept more, raise both (and mind that a GeoJSON body is
     * parsed as a tree, several times its size in memory).
     */
    public static final long MAX_BODY_BYTES = 10L << 20;

    private AoiLimits() {
    }
}
