package io.eobatch.aoi;


/**
 * An AOI read from an upload, with where it came from: {@code field} names the feature in the request
 * ({@code features[2]}, {@code feature}, {@code geometry}, or {@code <layer>[fid=3]} for a GeoPackage), so that a
 * later refusal (e.g. its id is already stored) can point at it.
 */
public record ParsedAoi(String field, Aoi aoi) {
}
