package io.eobatch.aoi;

/**
 * Size limits of an AOI upload (answered with 413 when exceeded). They bound the memory a request takes (a GeoJSON
 * body is parsed as a tree) and the work each AOI costs downstream. Settings ({@code io.eobatch.config.Limits} reads
 * them with the other limits; the README's Security section has the table); the readers are given them.
 *
 * @param maxFeatures      at most this many features in one upload (GeoJSON FeatureCollection or all layers of a
 *                         GeoPackage); {@value #KEY_FEATURES}, default 10,000
 * @param maxGeometryChars at most this many characters of GeoJSON per geometry, as stored; {@value #KEY_GEOMETRY_CHARS},
 *                         default 1 MiB (about 25,000 positions with full double precision)
 * @param maxBodyBytes     at most this many bytes of request body, GeoJSON or GeoPackage; {@value #KEY_BODY_BYTES},
 *                         default 10 MiB, at most {@value #MAX_BODY_BYTES_SETTING}. The HTTP listener's own
 *                         {@code max-post-size} is set higher (64 MiB, wildfly-config/40-http.cli), so that this
 *                         limit, not the server's bare 400, is what a client meets; to accept more than that, raise
 *                         both (and mind that a GeoJSON body is parsed as a tree, several times its size in memory)
 */
public record AoiLimits(int maxFeatures, int maxGeometryChars, long maxBodyBytes) {

    public static final String KEY_FEATURES = "eobatch.limits.aoi-features";
    public static final String KEY_GEOMETRY_CHARS = "eobatch.limits.aoi-geometry-chars";
    public static final String KEY_BODY_BYTES = "eobatch.limits.aoi-body-bytes";
    /** The most {@link #maxBodyBytes} may be set to (1 GiB): the body is held in memory as one array. */
    public static final long MAX_BODY_BYTES_SETTING = 1L << 30;

    /** The defaults, when nothing is configured. */
    public static final AoiLimits DEFAULTS = new AoiLimits(10_000, 1 << 20, 10L << 20);
}
