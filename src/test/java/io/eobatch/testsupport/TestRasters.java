package io.eobatch.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.eobatch.raster.RasterBand;
import io.eobatch.raster.tiff.GeoTiffBand;

/** How the tests open GeoTIFFs: through the real COG reader, as the jobs do. */
public final class TestRasters {

    private TestRasters() {
    }

    /** Opens band 1 of a GeoTIFF file as a {@link RasterBand} ({@link GeoTiffBand}: windowed tile reads). */
    public static RasterBand open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such GeoTIFF: " + file);
        }
        return GeoTiffBand.open(file.toUri());
    }
}
