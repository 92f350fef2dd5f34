package io.eobatch.aoi;

/**
 * A geometry is not an acceptable AOI geometry. The message says why and where, in GeoJSON terms (e.g.
 * {@code "coordinates[0][3]: latitude 91.0 is outside [-90, 90]"}); the reader that catches it adds which feature.
 */
public class InvalidGeometryException extends RuntimeException {

    public InvalidGeometryException(String detail) {
        super(detail);
    }
}
