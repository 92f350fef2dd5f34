package io.eobatch.batch;

import java.util.Collection;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.raster.Reprojection;
import io.eobatch.raster.stats.Band;
import io.eobatch.stac.StacAsset;
import io.eobatch.stac.StacItem;

/**
 * What reading an AOI's window of a scene's COGs costs, for the estimates: per asset a header and a window (two range
 * requests) and the window's bytes, from the asset's {@code proj:shape}/{@code proj:transform}: the pixels of the
 * AOI's bounding box on the asset's grid x bytes per sample (2 for the 16-bit bands, 1 for SCL) x
 * {@value #COMPRESSION} (DEFLATE on reflectances), plus one {@value #HEADER_BYTES}-byte header per file. A COG reads
 * whole internal tiles, so small AOIs read more than this.
 *
 * @param requests range requests
 * @param bytes    bytes read
 */
public record CogReads(long requests, long bytes) {

    /** Share of raw bytes left after DEFLATE on Sentinel-2 reflectances (a guess, documented). */
    public static final double COMPRESSION = 0.6;
    /** Bytes of a COG header request. */
    public static final long HEADER_BYTES = 16 * 1024;

    public static final CogReads NONE = new CogReads(0, 0);

    /** Reading {@code bands} and the SCL of {@code scene} over {@code aoiWgs84}. */
    public static CogReads of(StacItem scene, Collection<Band> bands, Geometry aoiWgs84) {
        long bytes = 0;
        for (Band b : bands) {
            bytes += assetBytes(scene, b.stacAssetKey(), aoiWgs84, 2);
        }
        bytes += assetBytes(scene, "scl", aoiWgs84, 1);
        return new CogReads(2L * (bands.size() + 1), bytes);
    }

    public CogReads plus(CogReads o) {
        return new CogReads(requests + o.requests, bytes + o.bytes);
    }

    /** Bytes one asset would cost for the AOI: header + the AOI window's pixels on the asset's grid, compressed. */
    public static long assetBytes(StacItem item, String key, Geometry aoiWgs84, int bytesPerSample) {
        StacAsset a = item.asset(key).orElse(null);
        if (a == null || a.projShape() == null || a.projTransform() == null || item.epsg() == null) {
            return HEADER_BYTES;
        }
        double[] t = a.projTransform();
        int rows = a.projShape()[0];
        int cols = a.projShape()[1];
        Envelope e = Reprojection.fromWgs84(aoiWgs84, item.epsg()).getEnvelopeInternal();
        double c0 = Math.max(0, Math.floor((e.getMinX() - t[2]) / t[0]));
        double c1 = Math.min(cols, Math.ceil((e.getMaxX() - t[2]) / t[0]));
        double r0 = Math.max(0, Math.floor((e.getMaxY() - t[5]) / t[4]));
        double r1 = Math.min(rows, Math.ceil((e.getMinY() - t[5]) / t[4]));
        double pixels = Math.max(0, c1 - c0) * Math.max(0, r1 - r0);
        return HEADER_BYTES + Math.round(pixels * bytesPerSample * COMPRESSION);
    }
}
