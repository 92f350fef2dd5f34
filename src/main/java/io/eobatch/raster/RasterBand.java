package io.eobatch.raster;

import java.io.IOException;

/**
 * One band of a georeferenced raster (a COG asset, a file, or memory), read by windows of full-resolution pixels.
 * Implementations read only what a window needs (for a COG: the internal tiles it touches).
 */
public interface RasterBand extends AutoCloseable {

    /** The full-resolution grid of this band. */
    GridGeometry grid();

    /** The nodata value declared by the file (GDAL_NODATA), or {@code null} when none is declared. */
    Double nodata();

    /**
     * Reads the window [col0, col0 + width) x [row0, row0 + height) as integer samples, row-major
     * ({@code result[r * width + c]}). Parts of the window outside the raster are filled with the nodata value
     * (0 when none is declared). Unsigned types are returned as their non-negative value.
     */
    int[] readWindow(int col0, int row0, int width, int height) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
