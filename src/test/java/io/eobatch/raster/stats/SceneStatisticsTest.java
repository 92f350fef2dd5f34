package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import io.eobatch.raster.GridGeometry;
import io.eobatch.testsupport.MemoryBand;

/**
 * Pixel rules on synthetic in-memory scenes: 10 x 10 pixels of 10 m in EPSG:32633 at (500000, 5000100), SCL on a
 * 20 m grid. AOIs are given in the grid's CRS.
 */
class SceneStatisticsTest {

    private static final int EPSG = 32633;
    private static final GridGeometry GRID = new GridGeometry(EPSG, 10, 10, 500000, 5000100, 10, -10);
    private static final GridGeometry SCL_GRID = new GridGeometry(EPSG, 5, 5, 500000, 5000100, 20, -20);
    /** The whole grid, with margin. */
    private static final String ALL = "POLYGON ((499990 5000110, 500110 5000110, 500110 4999990, 499990 4999990, 499990 5000110))";

    private final WKTReader wkt = new WKTReader();
    private MemoryBand red = MemoryBand.constant(GRID, 1000);
    private MemoryBand nir = MemoryBand.constant(GRID, 3000);
    private MemoryBand green = MemoryBand.constant(GRID, 1500);
    private MemoryBand blue = MemoryBand.constant(GRID, 500);
    private MemoryBand scl = MemoryBand.constant(SCL_GRID, 4);

    private SceneInput scene(int offset) {
        return new SceneInput("synthetic", 5.0, Map.of(Band.RED, red, Band.NIR, nir, Band.GREEN, green, Band.BLUE, blue),
                scl, offset);
    }

    private IndexStatistics ndvi(String aoi) throws IOException, ParseException {
        return SceneStatistics.compute(scene(0), wkt.read(aoi), EPSG, SpectralIndex.NDVI, CloudMask.DEFAULT);
    }

    @Test
    void constantSceneGivesConstantIndex() throws Exception {
        IndexStatistics s = ndvi(ALL);
        assertEquals(100, s.pixelCount());
        assertEquals(100, s.validCount());
        assertEquals(0.5, s.mean(), 0.0);
        assertEquals(0.0, s.stdev(), 0.0);
        assertEquals(0.5, s.p10(), 0.0);
        assertEquals(1.0, s.clearFraction(), 0.0);
        assertEquals(100, s.histogram().counts()[15], "0.5 lies on an inner edge: the bin above");
    }

    @Test
    void nodataZeroAndDeclaredNodataAreInvalid() throws Exception {
        red.set(0, 0, 0);
        nir.set(1, 0, 0);
        MemoryBand nirWithNodata = new MemoryBand(GRID, new int[100], 65535.0);
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                nirWithNodata.set(c, r, c == 2 && r == 0 ? 65535 : (c == 1 && r == 0 ? 0 : 3000));
            }
        }
        nir = nirWithNodata;
        IndexStatistics s = ndvi(ALL);
        assertEquals(100, s.pixelCount());
        assertEquals(97, s.validCount());
        assertEquals(3, s.nodataCount());
        assertEquals(0, s.cloudCount());
    }

    @Test
    void sclIsSampledNearestOnItsCoarserGridAndMasksClouds() throws Exception {
        scl.set(0, 0, 9);  // covers band pixels (0..1, 0..1)
        scl.set(4, 4, 12); // unknown class: invalid by default
        IndexStatistics s = ndvi(ALL);
        assertEquals(92, s.validCount());
        assertEquals(8, s.cloudCount());

        CloudMask lenient = CloudMask.of(Set.of(9), false);
        IndexStatistics t = SceneStatistics.compute(scene(0), wkt.read(ALL), EPSG, SpectralIndex.NDVI, lenient);
        assertEquals(96, t.validCount(), "class 12 allowed by a configured mask");
    }

    @Test
    void zeroDenominatorIsInvalidNotInfinite() throws Exception {
        red.set(5, 5, 1000);
        nir.set(5, 5, 1000);
        IndexStatistics withOffset = SceneStatistics.compute(scene(-1000), wkt.read(ALL), EPSG, SpectralIndex.NDVI,
                CloudMask.DEFAULT);
        assertEquals(99, withOffset.validCount(), "(1000 - 1000) + (1000 - 1000) = 0");
        assertTrue(Double.isFinite(withOffset.max()));
        assertEquals((2000.0 - 0) / (2000 + 0), withOffset.mean(), 0.0, "offset DNs: red 0, nir 2000 -> 1");
    }

    @Test
    void eviAndNdwiFollowTheirFormulas() throws Exception {
        Geometry aoi = wkt.read(ALL);
        IndexStatistics evi = SceneStatistics.compute(scene(0), aoi, EPSG, SpectralIndex.EVI, CloudMask.DEFAULT);
        double n = 0.3;
        double r = 0.1;
        double b = 0.05;
        assertEquals(2.5 * (n - r) / (n + 6 * r - 7.5 * b + 1), evi.mean(), 1e-15);
        IndexStatistics ndwi = SceneStatistics.compute(scene(0), aoi, EPSG, SpectralIndex.NDWI, CloudMask.DEFAULT);
        assertEquals((1500.0 - 3000) / (1500 + 3000), ndwi.mean(), 1e-15);
    }

    @Test
    void aoiOutsideTheSceneOrSmallerThanAPixelGivesZeroPixelsAndNaN() throws Exception {
        IndexStatistics out = ndvi("POLYGON ((600000 6000000, 600100 6000000, 600100 5999900, 600000 6000000))");
        assertEquals(0, out.pixelCount());
        assertEquals(0.0, out.clearFraction(), 0.0);
        assertTrue(Double.isNaN(out.mean()) && Double.isNaN(out.p50()));
        IndexStatistics tiny = ndvi("POLYGON ((500011 5000089, 500014 5000089, 500014 5000086, 500011 5000089))");
        assertEquals(0, tiny.pixelCount());
        assertEquals(0, red.pixelsRead(), "nothing read for an empty mask");
    }

    @Test
    void onlyTheAoiWindowIsRead() throws Exception {
        IndexStatistics s = ndvi("POLYGON ((500012 5000088, 500038 5000088, 500038 5000062, 500012 5000062, 500012 5000088))");
        assertEquals(9, s.pixelCount());
        assertEquals(9, red.pixelsRead());
        assertEquals(9, nir.pixelsRead());
        assertTrue(scl.pixelsRead() <= 4, "SCL window: " + scl.pixelsRead());
    }

    @Test
    void allCloudyGivesNaNValuesAndZeroClearFraction() throws Exception {
        scl = MemoryBand.constant(SCL_GRID, 8);
        IndexStatistics s = ndvi(ALL);
        assertEquals(100, s.pixelCount());
        assertEquals(0, s.validCount());
        assertEquals(100, s.cloudCount());
        assertEquals(0.0, s.clearFraction(), 0.0);
        assertTrue(Double.isNaN(s.stdev()));
        assertEquals(0, s.histogram().total());
    }

    @Test
    void missingBandIsNamed() {
        SceneInput noNir = new SceneInput("x", 1, Map.of(Band.RED, red), scl, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SceneStatistics.compute(noNir, wkt.read(ALL), EPSG, SpectralIndex.NDVI, CloudMask.DEFAULT));
        assertTrue(e.getMessage().contains("NIR") && e.getMessage().contains("B08"), e.getMessage());
    }

    @Test
    void mosaicTakesTheFirstValidSceneInCloudOrder() throws Exception {
        MemoryBand nir2 = MemoryBand.constant(GRID, 9000);
        MemoryBand scl2 = MemoryBand.constant(SCL_GRID, 4);
        scl.set(0, 0, 9); // the clearer scene is cloudy on 4 pixels: the other fills them
        SceneInput clear = new SceneInput("b-clear", 1.0, Map.of(Band.RED, red, Band.NIR, nir), scl, 0);
        SceneInput cloudy = new SceneInput("a-cloudy", 50.0, Map.of(Band.RED, red, Band.NIR, nir2), scl2, 0);
        IndexStatistics m = SceneStatistics.computeMosaic(List.of(cloudy, clear), wkt.read(ALL), EPSG,
                SpectralIndex.NDVI, CloudMask.DEFAULT);
        assertEquals(100, m.validCount());
        assertEquals(0, m.cloudCount());
        assertEquals(0.8, m.max(), 0.0, "(9000 - 1000) / 10000 from the cloudier scene");
        assertEquals(0.5, m.p50(), 0.0);
        assertEquals((96 * 0.5 + 4 * 0.8) / 100, m.mean(), 1e-15);
    }

    @Test
    void mosaicCountsPixelsCoveredByAnyScene() throws Exception {
        GridGeometry east = new GridGeometry(EPSG, 10, 10, 500100, 5000100, 10, -10);
        SceneInput west = scene(0);
        SceneInput eastScene = new SceneInput("east", 9.0,
                Map.of(Band.RED, MemoryBand.constant(east, 1000), Band.NIR, MemoryBand.constant(east, 1000)),
                MemoryBand.constant(new GridGeometry(EPSG, 5, 5, 500100, 5000100, 20, -20), 4), 0);
        Geometry across = wkt.read("POLYGON ((500050 5000100, 500250 5000100, 500250 5000000, 500050 5000000, 500050 5000100))");
        IndexStatistics m = SceneStatistics.computeMosaic(List.of(eastScene, west), across, EPSG, SpectralIndex.NDVI,
                CloudMask.DEFAULT);
        assertEquals(100 + 50, m.pixelCount(), "5 columns of west, 10 of east; the rest of the AOI has no scene");
        assertEquals(150, m.validCount());
        assertEquals(50, m.histogram().counts()[15]);
        assertEquals(100, m.histogram().counts()[10], "NDVI 0 of the east scene");
    }

    @Test
    void aoiOnTheOtherSideOfTheGlobeGivesZeroPixelsNotAnError() throws Exception {
        Geometry farAway = wkt.read("POLYGON ((-170 45, -169 45, -169 46, -170 45))");
        assertEquals(0, SceneStatistics.compute(scene(0), farAway, SpectralIndex.NDVI, CloudMask.DEFAULT).pixelCount());
        assertEquals(0, SceneStatistics.computeMosaic(List.of(scene(0)), farAway, SpectralIndex.NDVI, CloudMask.DEFAULT)
                .pixelCount());
    }

    @Test
    void mosaicOfAHugeAoiOnlyAllocatesTheScenesFootprint() throws Exception {
        // 400 x 400 km around the 100 m scene: the window is cut to the scene, the result is the whole scene.
        Geometry huge = wkt.read("POLYGON ((300000 5200000, 700000 5200000, 700000 4800000, 300000 4800000, 300000 5200000))");
        IndexStatistics m = SceneStatistics.computeMosaic(List.of(scene(0)), huge, EPSG, SpectralIndex.NDVI,
                CloudMask.DEFAULT);
        assertEquals(100, m.pixelCount());
        assertEquals(m, SceneStatistics.compute(scene(0), huge, EPSG, SpectralIndex.NDVI, CloudMask.DEFAULT));
        Geometry hemisphere = wkt.read("POLYGON ((0 1, 30 1, 30 80, 0 80, 0 1))");
        assertEquals(100, SceneStatistics.computeMosaic(List.of(scene(0)), hemisphere, SpectralIndex.NDVI,
                CloudMask.DEFAULT).pixelCount(), "a continent-sized AOI in lon/lat");
    }

    @Test
    void mosaicSamplesASceneOfAnotherUtmZoneThroughReprojectedCentres() throws Exception {
        // First scene: 10 m grid in 33N, all cloudy. Second: a 20 m grid in 34N covering it, all clear, NDVI 0.6.
        double[] ul = io.eobatch.raster.Reprojection.transform(500000 - 500, 5000100 + 500, EPSG, 32634);
        GridGeometry zone34 = new GridGeometry(32634, 100, 100, Math.floor(ul[0]), Math.ceil(ul[1]) , 20, -20);
        SceneInput other = new SceneInput("zone34", 30.0, Map.of(Band.RED, MemoryBand.constant(zone34, 1000),
                Band.NIR, MemoryBand.constant(zone34, 4000)), MemoryBand.constant(zone34, 4), 0);
        scl = MemoryBand.constant(SCL_GRID, 9);
        IndexStatistics m = SceneStatistics.computeMosaic(List.of(scene(0), other), wkt.read(ALL), EPSG,
                SpectralIndex.NDVI, CloudMask.DEFAULT);
        assertEquals(12 * 12, m.pixelCount(), "ALL reaches one pixel beyond the first scene, the second covers that");
        assertEquals(144, m.validCount());
        assertEquals(0.6, m.mean(), 1e-15);
        assertEquals(0, m.cloudCount(), "clouds of the first scene filled by the second");
    }

    // ---------------------------------------------------------------------------------- coverage weighting

    private IndexStatistics ndviCoverage(String aoi) throws IOException, ParseException {
        return SceneStatistics.compute(scene(0), wkt.read(aoi), EPSG, SpectralIndex.NDVI, CloudMask.DEFAULT,
                Weighting.COVERAGE);
    }

    /** NIR 2000 + 100 col + 37 row: every pixel its own NDVI, growing with the column. */
    private void varyNir() {
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                nir.set(c, r, 2000 + 100 * c + 37 * r);
            }
        }
    }

    private static double ndviOf(int nirDn) {
        return (nirDn - 1000.0) / (nirDn + 1000.0);
    }

    @Test
    void coverageOfAnAoiOnPixelEdgesEqualsTheCentreRule() throws Exception {
        varyNir();
        scl.set(1, 1, 8);
        String aoi = "POLYGON ((500010 5000090, 500070 5000090, 500070 5000030, 500010 5000030, 500010 5000090))";
        IndexStatistics centre = ndvi(aoi);
        IndexStatistics weighted = ndviCoverage(aoi);
        assertEquals(36, weighted.pixelCount());
        assertEquals(centre.validCount(), weighted.validCount());
        assertEquals(centre.cloudCount(), weighted.cloudCount());
        assertEquals(36.0, weighted.coverage(), 0.0);
        assertEquals((double) centre.validCount(), weighted.validCoverage(), 0.0);
        assertEquals(centre.clearFraction(), weighted.clearFraction(), 1e-16);
        assertEquals(centre.mean(), weighted.mean(), 1e-15);
        assertEquals(centre.stdev(), weighted.stdev(), 1e-15);
        assertEquals(centre.p10(), weighted.p10(), 1e-15);
        assertEquals(centre.p50(), weighted.p50(), 1e-15);
        assertEquals(centre.p90(), weighted.p90(), 1e-15);
        assertEquals(centre.min(), weighted.min(), 0.0);
        assertEquals(centre.histogram(), weighted.histogram());
        assertEquals(null, centre.coverage(), "centre results carry no coverage");
    }

    @Test
    void coverageWeightsEachPixelByItsAreaInsideTheAoi() throws Exception {
        varyNir();
        // Row 0, x from the centre of column 0 to the centre of column 2: weights 0.5, 1, 0.5.
        IndexStatistics s = ndviCoverage("POLYGON ((500005 5000100, 500025 5000100, 500025 5000090, 500005 5000090, 500005 5000100))");
        double v0 = ndviOf(2000);
        double v1 = ndviOf(2100);
        double v2 = ndviOf(2200);
        assertEquals(3, s.pixelCount());
        assertEquals(2.0, s.coverage(), 1e-12);
        assertEquals(2.0, s.validCoverage(), 1e-12);
        double mean = (0.5 * v0 + v1 + 0.5 * v2) / 2;
        assertEquals(mean, s.mean(), 1e-15);
        double var = (0.5 * (v0 - mean) * (v0 - mean) + (v1 - mean) * (v1 - mean) + 0.5 * (v2 - mean) * (v2 - mean)) / 2;
        assertEquals(Math.sqrt(var), s.stdev(), 1e-15);
        // positions s = (0, 1 + 2 * 0.5, 2 * 0.5 + 2 * 1.5) = (0, 2, 4); t = p/100 * 2 * 2
        assertEquals(v0 + 0.4 / 2 * (v1 - v0), s.p10(), 1e-15);
        assertEquals(v1, s.p50(), 1e-15);
        assertEquals(v1 + (3.6 - 2) / 2 * (v2 - v1), s.p90(), 1e-15);
        assertEquals(v0, s.min(), 0.0);
        assertEquals(v2, s.max(), 0.0);
    }

    @Test
    void aSubPixelAoiHasValuesUnderCoverageWeighting() throws Exception {
        varyNir();
        String tiny = "POLYGON ((500011 5000089, 500014 5000089, 500014 5000086, 500011 5000089))";
        assertEquals(0, ndvi(tiny).pixelCount(), "no centre inside");
        IndexStatistics s = ndviCoverage(tiny);
        assertEquals(1, s.pixelCount());
        assertEquals(4.5 / 100, s.coverage(), 1e-15);
        assertEquals(ndviOf(2000 + 100 + 37), s.mean(), 1e-15);
        assertEquals(ndviOf(2000 + 100 + 37), s.p90(), 1e-15);
        assertEquals(1.0, s.clearFraction(), 1e-15);
    }

    @Test
    void cloudyPixelsCountInCoverageButNotInValidCoverage() throws Exception {
        scl.set(0, 0, 9); // band pixels (0..1, 0..1)
        // x 500005..500035, y 5000100..5000080: columns 0 (half), 1, 2, 3 (half); rows 0, 1
        IndexStatistics s = ndviCoverage("POLYGON ((500005 5000100, 500035 5000100, 500035 5000080, 500005 5000080, 500005 5000100))");
        assertEquals(8, s.pixelCount());
        assertEquals(6.0, s.coverage(), 1e-12);
        assertEquals(6.0 - 1.5 * 2, s.validCoverage(), 1e-12, "column 0 (half) and 1 are cloudy in both rows");
        assertEquals(4, s.cloudCount());
        assertEquals(0.5, s.clearFraction(), 1e-15);
    }

    @Test
    void anAoiOutsideHasZeroCoverageNotNull() throws Exception {
        IndexStatistics s = ndviCoverage("POLYGON ((600000 6000000, 600100 6000000, 600100 5999900, 600000 6000000))");
        assertEquals(0, s.pixelCount());
        assertEquals(0.0, s.coverage(), 0.0);
        assertEquals(0.0, s.validCoverage(), 0.0);
        assertEquals(Weighting.COVERAGE, s.weighting());
        Geometry farAway = wkt.read("POLYGON ((-170 45, -169 45, -169 46, -170 45))");
        assertEquals(0.0, SceneStatistics.computeMosaic(List.of(scene(0)), farAway, SpectralIndex.NDVI,
                CloudMask.DEFAULT, Weighting.COVERAGE).coverage(), 0.0);
    }

    @Test
    void mosaicCoverageCountsPixelsCoveredByAnyScene() throws Exception {
        GridGeometry east = new GridGeometry(EPSG, 10, 10, 500100, 5000100, 10, -10);
        SceneInput eastScene = new SceneInput("east", 9.0,
                Map.of(Band.RED, MemoryBand.constant(east, 1000), Band.NIR, MemoryBand.constant(east, 1000)),
                MemoryBand.constant(new GridGeometry(EPSG, 5, 5, 500100, 5000100, 20, -20), 4), 0);
        // half a pixel off the lattice in x: 4.5 columns on west, 10 on east, 5.5 columns east of it on no scene
        Geometry across = wkt.read("POLYGON ((500055 5000100, 500255 5000100, 500255 5000000, 500055 5000000, 500055 5000100))");
        IndexStatistics m = SceneStatistics.computeMosaic(List.of(eastScene, scene(0)), across, EPSG,
                SpectralIndex.NDVI, CloudMask.DEFAULT, Weighting.COVERAGE);
        assertEquals(150, m.pixelCount());
        assertEquals(145.0, m.coverage(), 1e-12);
        assertEquals(145.0, m.validCoverage(), 1e-12);
        assertEquals(0.5 * 45 / 145, m.mean(), 1e-15, "NDVI 0.5 on the west scene, 0 on the east");
    }

    @Test
    void weightingParameterValues() {
        assertEquals(Weighting.CENTRE, Weighting.parse(null));
        assertEquals(Weighting.CENTRE, Weighting.parse(" "));
        assertEquals(Weighting.CENTRE, Weighting.parse("Centre"));
        assertEquals(Weighting.CENTRE, Weighting.parse("center"));
        assertEquals(Weighting.COVERAGE, Weighting.parse(" COVERAGE "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Weighting.parse("area"));
        assertTrue(e.getMessage().contains("'centre' or 'coverage'"), e.getMessage());
        assertEquals("coverage", Weighting.COVERAGE.parameterValue());
    }

    @Test
    void boaOffsetRule() {
        assertEquals(-1000, SceneInput.boaOffset("04.00", null));
        assertEquals(-1000, SceneInput.boaOffset("05.09", false));
        assertEquals(0, SceneInput.boaOffset("05.09", true));
        assertEquals(0, SceneInput.boaOffset("02.14", null));
        assertEquals(0, SceneInput.boaOffset(null, null));
        assertThrows(IllegalArgumentException.class, () -> SceneInput.boaOffset("N0509", null));
    }
}
