package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.image.TrueColour;
import io.eobatch.testsupport.MemoryBand;
import io.eobatch.testsupport.TestData;

/**
 * Rendering an AOI on a scene: the window, the AOI mask, clouds and nodata transparent, and the same pixels as the
 * statistics (synthetic 10 x 10 scenes of 10 m in EPSG:32633, and the real Drava clips).
 */
class SceneRenderTest {

    private static final int EPSG = 32633;
    private static final GridGeometry GRID = new GridGeometry(EPSG, 10, 10, 500000, 5000100, 10, -10);
    private static final GridGeometry SCL_GRID = new GridGeometry(EPSG, 5, 5, 500000, 5000100, 20, -20);
    /** Columns 2..5 and rows 1..3 (pixel centres inside), i.e. a 4 x 3 window. */
    private static final String BOX = "POLYGON ((500020 5000090, 500060 5000090, 500060 5000060, 500020 5000060, "
            + "500020 5000090))";
    /** A triangle inside the box's window: its window is 4 x 3 but not every pixel is in. */
    private static final String TRIANGLE = "POLYGON ((500020 5000090, 500060 5000090, 500020 5000060, 500020 5000090))";

    private final WKTReader wkt = new WKTReader();
    private final MemoryBand red = MemoryBand.constant(GRID, 1000);
    private final MemoryBand nir = MemoryBand.constant(GRID, 3000);
    private final MemoryBand green = MemoryBand.constant(GRID, 1500);
    private final MemoryBand blue = MemoryBand.constant(GRID, 500);
    private final MemoryBand scl = MemoryBand.constant(SCL_GRID, 4);

    private SceneInput scene() {
        return new SceneInput("synthetic", 5.0, Map.of(Band.RED, red, Band.NIR, nir, Band.GREEN, green,
                Band.BLUE, blue), scl, 0);
    }

    private SceneRender render(String aoi, boolean trueColour) throws Exception {
        return SceneRender.render(scene(), wkt.read(aoi), EPSG, SpectralIndex.NDVI, CloudMask.DEFAULT, trueColour)
                .orElseThrow();
    }

    @Test
    void theWindowIsTheAoisBoundingBoxOnTheBandGrid() throws Exception {
        SceneRender r = render(BOX, false);
        assertEquals(4, r.width());
        assertEquals(3, r.height());
        assertEquals(500020, r.grid().originX(), 0);
        assertEquals(5000090, r.grid().originY(), 0);
        assertEquals(12, r.pixelCount());
        assertEquals(12, r.validCount());
        assertEquals(0.5, r.value(0, 0), 0, "NDVI of 1000/3000");
        assertEquals(12, red.pixelsRead(), "only the window of each band is read");
        assertEquals(12, nir.pixelsRead(), "only the window of each band is read");
    }

    @Test
    void pixelsOutsideTheAoiAreTransparentInTheIndexImage() throws Exception {
        SceneRender r = render(TRIANGLE, false);
        assertEquals(4, r.width());
        assertEquals(3, r.height());
        int opaque = 0;
        BufferedImage img = r.indexImage(ColorMap.rdYlGn());
        for (int row = 0; row < r.height(); row++) {
            for (int col = 0; col < r.width(); col++) {
                int alpha = img.getRGB(col, row) >>> 24;
                assertEquals(r.isInAoi(col, row) ? 255 : 0, alpha, "pixel " + col + "," + row);
                opaque += alpha == 255 ? 1 : 0;
            }
        }
        assertEquals(r.pixelCount(), opaque);
        assertTrue(r.pixelCount() < 12, "the triangle leaves part of its window out: " + r.pixelCount());
        assertFalse(r.isInAoi(3, 2));
        assertTrue(Double.isNaN(r.value(3, 2)));
    }

    @Test
    void cloudsAndNodataAreTransparentAndCountAsNotClear() throws Exception {
        scl.set(1, 0, 9); // SCL pixel (1, 0) covers band pixels (2..3, 0..1): cloud high probability
        red.set(5, 3, 0); // nodata
        SceneRender r = render(BOX, true);
        assertEquals(12, r.pixelCount());
        assertEquals(12 - 2 - 1, r.validCount(), "band pixels (2,1), (3,1) under the cloud, (5,3) nodata");
        assertEquals(9.0 / 12, r.clearFraction(), 1e-15);
        BufferedImage index = r.indexImage(ColorMap.rdYlGn());
        assertEquals(0, index.getRGB(0, 0) >>> 24, "cloud: transparent");
        assertEquals(0, index.getRGB(3, 2) >>> 24, "nodata: transparent");
        assertEquals(255, index.getRGB(2, 2) >>> 24);
        BufferedImage rgb = r.trueColourImage(TrueColour.defaults(), false);
        assertEquals(255, rgb.getRGB(0, 0) >>> 24, "clouds show in true colour");
        assertEquals(0, rgb.getRGB(3, 2) >>> 24, "nodata is transparent in true colour");
        IndexStatistics s = SceneStatistics.compute(scene(), wkt.read(BOX), EPSG, SpectralIndex.NDVI,
                CloudMask.DEFAULT);
        assertEquals(s.validCount(), r.validCount());
        assertEquals(s.clearFraction(), r.clearFraction(), 0);
    }

    @Test
    void trueColourCanBeCutToTheAoi() throws Exception {
        SceneRender r = render(TRIANGLE, true);
        BufferedImage whole = r.trueColourImage(TrueColour.defaults(), false);
        BufferedImage cut = r.trueColourImage(TrueColour.defaults(), true);
        assertEquals(255, whole.getRGB(3, 2) >>> 24);
        assertEquals(0, cut.getRGB(3, 2) >>> 24);
        assertEquals(whole.getRGB(0, 0), cut.getRGB(0, 0));
        int expected = 0xff000000 | TrueColour.defaults().encode(1000, 0) << 16
                | TrueColour.defaults().encode(1500, 0) << 8 | TrueColour.defaults().encode(500, 0);
        assertEquals(expected, whole.getRGB(0, 0));
    }

    @Test
    void withoutTrueColourTheRgbBandsAreNotRead() throws Exception {
        SceneRender r = render(BOX, false);
        assertFalse(r.hasTrueColour());
        assertEquals(0, blue.pixelsRead());
        assertEquals(0, green.pixelsRead());
        assertThrows(IllegalStateException.class, () -> r.trueColourImage(TrueColour.defaults(), false));
    }

    @Test
    void anAoiOffTheSceneRendersNothing() throws Exception {
        Optional<SceneRender> r = SceneRender.render(scene(), wkt.read("POLYGON ((600000 5000000, 600100 5000000, "
                + "600100 5000100, 600000 5000000))"), EPSG, SpectralIndex.NDVI, CloudMask.DEFAULT, true);
        assertTrue(r.isEmpty());
    }

    static java.util.List<String> dravaItems() throws IOException {
        return TestData.dravaItems();
    }

    /** On the real clips, the image shows exactly the pixels the statistics count (GDAL-verified there). */
    @ParameterizedTest
    @MethodSource("dravaItems")
    void dravaImagesShowThePixelsTheStatisticsCount(String item) throws IOException {
        SceneInput scene = TestData.scene(TestData.dravaItem(item));
        try {
            for (TestData.Feature f : TestData.features(TestData.sharedData().resolve("aoi/aoi-drava.geojson"))) {
                Geometry aoi = f.geometry();
                IndexStatistics s = SceneStatistics.compute(scene, aoi, f.epsg(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT);
                Optional<SceneRender> r = SceneRender.render(scene, aoi, f.epsg(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT, true);
                if (s.pixelCount() == 0) {
                    assertTrue(r.isEmpty(), item + " " + f.id());
                    continue;
                }
                SceneRender render = r.orElseThrow();
                assertEquals(s.pixelCount(), render.pixelCount(), item + " " + f.id());
                assertEquals(s.validCount(), render.validCount(), item + " " + f.id());
                assertEquals(s.clearFraction(), render.clearFraction(), 0, item + " " + f.id());
                BufferedImage img = render.indexImage(ColorMap.rdYlGn());
                long opaque = 0;
                double sum = 0;
                for (int row = 0; row < render.height(); row++) {
                    for (int col = 0; col < render.width(); col++) {
                        if (img.getRGB(col, row) >>> 24 == 255) {
                            opaque++;
                        }
                        if (render.isValid(col, row)) {
                            sum += render.value(col, row);
                        }
                    }
                }
                assertEquals(s.validCount(), opaque, item + " " + f.id() + ": opaque pixels = valid pixels");
                assertEquals(s.mean(), sum / s.validCount(), 1e-9, item + " " + f.id());
                assertTrue(render.trueColourImage(TrueColour.defaults(), true).getWidth() == render.width());
            }
        } finally {
            TestData.close(scene);
        }
    }
}
