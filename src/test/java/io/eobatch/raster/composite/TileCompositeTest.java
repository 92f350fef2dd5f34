package io.eobatch.raster.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.raster.tiff.GeoTiffBand;
import io.eobatch.testsupport.MemoryBand;

/** Composites on 2x2-pixel scenes whose values are chosen by hand. */
class TileCompositeTest {

    /** Source: 2x2 pixels of 20 m; tile: 4x4 pixels of 10 m on the same extent. */
    private static final GridGeometry SRC = new GridGeometry(32633, 2, 2, 500000, 5000040, 20, -20);
    private static final GridGeometry TILE = new GridGeometry(32633, 4, 4, 500000, 5000040, 10, -10);

    private static SceneInput scene(String id, int[] red, int[] nir, int[] scl) {
        return new SceneInput(id, 0, Map.of(Band.RED, new MemoryBand(SRC, red, 0.0), Band.NIR,
                new MemoryBand(SRC, nir, 0.0)), new MemoryBand(SRC, scl, 0.0), 0);
    }

    private static final List<SceneInput> SCENES = List.of(
            // pixel 0: NDVI 0.5; 1: cloud; 2: red nodata; 3: NDVI 0
            scene("a", new int[] {1000, 1000, 0, 2000}, new int[] {3000, 3000, 3000, 2000}, new int[] {4, 9, 4, 4}),
            // pixel 0: NDVI 0.6; 1: NDVI -0.2; 2: shadow; 3: NDVI 0.2
            scene("b", new int[] {1000, 3000, 1000, 2000}, new int[] {4000, 2000, 3000, 3000}, new int[] {4, 5, 3, 4}),
            // pixel 0: NDVI 0.2; 1: unknown SCL class 12; 2: cirrus; 3: NDVI 0.4
            scene("c", new int[] {2000, 1000, 1000, 1500}, new int[] {3000, 3000, 3000, 3500}, new int[] {4, 12, 10, 4}));

    private static float at(TileComposite.Result r, int srcCol, int srcRow) {
        // every 2x2 block of the tile takes one source pixel
        return r.values()[(2 * srcRow) * 4 + 2 * srcCol];
    }

    @Test
    void maxMedianAndMeanOfTheValidValues() throws Exception {
        TileComposite.Result max = TileComposite.compute(TILE, SCENES, SpectralIndex.NDVI, CloudMask.DEFAULT,
                CompositeMethod.MAX);
        assertEquals(0.6f, at(max, 0, 0));
        assertEquals((float) (-1000.0 / 5000), at(max, 1, 0));
        assertTrue(Float.isNaN(at(max, 0, 1)), "no valid scene -> NaN");
        assertEquals((float) (2000.0 / 5000), at(max, 1, 1));
        assertEquals(12, max.valid());
        assertEquals(List.of(8L, 12L, 8L), java.util.Arrays.stream(max.perScene()).boxed().toList());

        TileComposite.Result median = TileComposite.compute(TILE, SCENES, SpectralIndex.NDVI, CloudMask.DEFAULT,
                CompositeMethod.MEDIAN);
        assertEquals(0.5f, at(median, 0, 0));
        assertEquals(0.2f, at(median, 1, 1));

        TileComposite.Result mean = TileComposite.compute(TILE, SCENES, SpectralIndex.NDVI, CloudMask.DEFAULT,
                CompositeMethod.MEAN);
        assertEquals((float) ((0.5 + 0.6 + 0.2) / 3), at(mean, 0, 0));
        assertEquals((float) ((0.0 + 0.2 + 0.4) / 3), at(mean, 1, 1));
    }

    @Test
    void theCogHoldsTheValuesWithNanAsNodata(@TempDir Path dir) throws Exception {
        TileComposite.Result max = TileComposite.compute(TILE, SCENES, SpectralIndex.NDVI, CloudMask.DEFAULT,
                CompositeMethod.MAX);
        Path f = dir.resolve("t.tif");
        TileComposite.writeCog(max, f);
        try (GeoTiffBand b = GeoTiffBand.open(f.toUri())) {
            assertEquals(TILE, b.grid());
            assertTrue(b.nodata().isNaN(), "nodata " + b.nodata());
            double[] v = b.readWindowDouble(0, 0, 4, 4);
            for (int i = 0; i < 16; i++) {
                assertEquals(max.values()[i], (float) v[i], "pixel " + i);
            }
        }
    }
}
