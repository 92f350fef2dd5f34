package io.eobatch.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.eobatch.raster.RasterBand;

/** How the tests open GeoTIFFs: the one place to swap the test adapter for the real COG reader. */
public final class TestRasters {

    private TestRasters() {
    }

    /** Opens a single-band GeoTIFF file as a {@link RasterBand}. */
    public static RasterBand open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such GeoTIFF: " + file);
        }
        return new NgaTiffBand(file.toFile());
    }
}
