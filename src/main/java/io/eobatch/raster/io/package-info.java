/**
 * Bytes to and from files, local or remote: random access by ranges ({@link io.eobatch.raster.io.ByteSource}, files
 * and HTTP range requests with nearby ranges merged), the {@link io.eobatch.raster.io.HttpGate} hook every STAC and
 * COG request passes (where the application puts its throttle) and atomic file writes
 * ({@link io.eobatch.raster.io.AtomicFiles}). Not here: what the bytes mean (tiff) or the throttle (provider).
 */
package io.eobatch.raster.io;
