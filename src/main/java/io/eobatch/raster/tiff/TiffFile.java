package io.eobatch.raster.tiff;

import java.nio.ByteOrder;
import java.util.List;

/**
 * The parsed headers of a TIFF or BigTIFF file: byte order, every image of the IFD chain, and the GeoTIFF/GDAL
 * tags of the first image. Immutable, so it can be cached ({@link TiffHeaderCache}) and shared between threads.
 *
 * @param byteOrder      byte order of the file ("II" little endian, "MM" big endian)
 * @param bigTiff        true for BigTIFF (version 43, 64-bit offsets)
 * @param images         the IFD chain in file order (the full-resolution image first)
 * @param geo            georeferencing tags of the first image (all fields null when absent)
 * @param headerBytes    bytes of the file read to parse the headers (prefix plus any extra reads)
 */
public record TiffFile(ByteOrder byteOrder, boolean bigTiff, List<TiffImage> images, GeoTags geo, long headerBytes) {

    /**
     * GeoTIFF and GDAL tags of the first image.
     *
     * @param geoKeys        GeoKeyDirectoryTag (34735) as unsigned shorts, or null
     * @param pixelScale     ModelPixelScaleTag (33550): sx, sy, sz, or null
     * @param tiepoints      ModelTiepointTag (33922): I, J, K, X, Y, Z (repeated), or null
     * @param transformation ModelTransformationTag (34264): 4x4 row-major, or null
     * @param gdalNodata     GDAL_NODATA (42113) text, or null
     */
    public record GeoTags(int[] geoKeys, double[] pixelScale, double[] tiepoints, double[] transformation,
                          String gdalNodata) {

        /** The value of GeoKey {@code key} when stored inline (TIFFTagLocation 0), or -1 when absent. */
        public int geoKey(int key) {
            if (geoKeys == null || geoKeys.length < 4) {
                return -1;
            }
            int n = geoKeys[3];
            for (int i = 0; i < n && 4 + 4 * i + 3 < geoKeys.length; i++) {
                int at = 4 + 4 * i;
                if (geoKeys[at] == key) {
                    return geoKeys[at + 1] == 0 ? geoKeys[at + 3] : -1;
                }
            }
            return -1;
        }
    }
}
