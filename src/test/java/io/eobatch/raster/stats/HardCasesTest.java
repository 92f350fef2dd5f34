package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.eobatch.raster.GridGeometry;
import io.eobatch.testsupport.ReferenceAssert;
import io.eobatch.testsupport.TestData;
import jakarta.json.JsonObject;

/**
 * Hard AOIs against GDAL (expected lines made by src/test/resources/expected/regenerate.sh):
 * <ul>
 *   <li>hard-drava.geojson (lon/lat): two holes, a 3-part multipolygon, U/L/star shapes, a band across the
 *       33TWL/33TWM overlap, a sub-pixel AOI, an AOI outside, one partly outside, a self-intersecting bow-tie and a
 *       multipolygon with overlapping parts;</li>
 *   <li>ties-utm33.geojson (EPSG:32633): vertices and edges exactly on pixel centres and corners of 33TWL, which
 *       are corners and centres of 33TWM (offset by half a pixel), in both orientations;</li>
 *   <li>zone-edge.geojson over a synthetic EPSG:32633 raster reaching east of 18 E (lon/lat AOIs across and beyond
 *       the UTM 33/34 boundary, SCL at twice the band pixel size).</li>
 * </ul>
 */
class HardCasesTest {

    /** The hard AOI files and the drava items they are tested on, one scene at a time (also CoverageReferenceTest's). */
    static Stream<Arguments> singleScenes() {
        return Stream.of(
                Arguments.of("hard-drava", "S2B_33TWL_20230820_0_L2A"),
                Arguments.of("hard-drava", "S2A_33TWM_20230818_0_L2A"),
                Arguments.of("ties-utm33", "S2B_33TWL_20230820_0_L2A"),
                Arguments.of("ties-utm33", "S2A_33TWM_20230818_0_L2A"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("singleScenes")
    void singleSceneMatchesGdal(String aoi, String item) throws IOException {
        GdalReferenceTest.assertSceneMatches(TestData.dravaItem(item), TestData.resource("aoi/" + aoi + ".geojson"),
                TestData.resource("expected/hard/" + aoi + "-" + item + ".jsonl"));
    }

    /** Ties on the 100 m grid of 29RKH, where GDAL's inverse geotransform is off by an ulp at many centres. */
    @Test
    void tiesOnThe29RKHGridMatchGdal() throws IOException {
        GdalReferenceTest.assertSceneMatches(TestData.sharedData().resolve("s2l2a-29RKH-20200219"),
                TestData.resource("aoi/ties-utm29.geojson"), TestData.resource("expected/hard/ties-utm29-29RKH.jsonl"));
    }

    /**
     * A grid (y origin 4900020, 100 m) where GDAL's inverse geotransform puts every centre row an ulp above
     * j + 0.5: a rectangle "on" 16 centre rows burns 15 rows in GDAL (the exact position would give 16).
     */
    @Test
    void gdalsOwnRoundingOfPixelPositionsIsReproduced() throws IOException {
        GdalReferenceTest.assertSceneMatches(TestData.resource("synthetic/rounding"),
                TestData.resource("aoi/ties-rounding.geojson"), TestData.resource("expected/hard/ties-rounding.jsonl"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hard-drava", "ties-utm33"})
    void mosaicMatchesGdal(String aoi) throws IOException {
        List<SceneInput> scenes = MosaicReferenceTest.scenesOf("20230820");
        try {
            Map<String, JsonObject> expected = TestData.expectedLines(
                    TestData.resource("expected/hard/" + aoi + "-mosaic-20230820.jsonl"));
            for (TestData.Feature f : TestData.features(TestData.resource("aoi/" + aoi + ".geojson"))) {
                IndexStatistics s = SceneStatistics.computeMosaic(scenes, f.geometry(), f.epsg(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT);
                ReferenceAssert.assertMatches(expected.get(f.id()), s, "mosaic 20230820");
            }
        } finally {
            for (SceneInput s : scenes) {
                TestData.close(s);
            }
        }
    }

    /**
     * The shared reference script masks only {0, 1, 3, 8, 9, 10} and lets unknown SCL classes through, so the
     * comparison uses that mask; the synthetic SCL has one class-12 pixel (240 m = 4 band pixels) inside
     * "across-18E", which the default mask (unknown = invalid) must reject on top.
     */
    @Test
    void acrossTheUtmZoneEdgeMatchesGdal() throws IOException {
        Path dir = TestData.resource("synthetic/zone-edge");
        Path aoi = TestData.resource("aoi/zone-edge.geojson");
        Path expectedFile = TestData.resource("expected/hard/zone-edge.jsonl");
        CloudMask referenceMask = CloudMask.of(java.util.Set.of(0, 1, 3, 8, 9, 10), false);
        GdalReferenceTest.assertSceneMatches(dir, aoi, expectedFile, referenceMask);

        SceneInput scene = TestData.scene(dir);
        try {
            GridGeometry g = scene.band(Band.RED).grid();
            assertEquals(32633, g.epsg());
            assertEquals(240.0, scene.scl().grid().pixelSizeX(), 0.0, "SCL on a coarser grid");
            Map<String, JsonObject> expected = TestData.expectedLines(expectedFile);
            TestData.Feature across = TestData.featuresById(aoi).get("across-18E");
            IndexStatistics s = SceneStatistics.compute(scene, across.geometry(), SpectralIndex.NDVI, CloudMask.DEFAULT);
            JsonObject e = expected.get("across-18E");
            assertEquals(e.getInt("pixelsInPolygon"), s.pixelCount());
            assertEquals(e.getInt("valid") - 4, s.validCount(), "the class-12 SCL pixel is invalid by default");
        } finally {
            TestData.close(scene);
        }
    }
}
