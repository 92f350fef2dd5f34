package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.eobatch.testsupport.ReferenceAssert;
import io.eobatch.testsupport.TestData;
import jakarta.json.JsonObject;

/**
 * Coverage-weighted NDVI statistics ({@link Weighting#COVERAGE}) against GDAL + GEOS: pixel counts equal, coverage
 * and valid coverage to 1e-6 pixel, mean, stdev, min, max and the weighted percentiles to 1e-9. Expected lines:
 * src/test/resources/expected/coverage, made by regenerate.sh there with src/test/tools/coverage_zonal_index.py,
 * whose every single-scene line regenerate.sh checks against shared/tools/coverage_zonal_ndvi.py (the reference).
 * Same scenes and AOIs as {@link GdalReferenceTest}, {@link HardCasesTest} and {@link MosaicReferenceTest}.
 */
class CoverageReferenceTest {

    @Test
    void scene29RKH() throws IOException {
        assertSceneMatches(TestData.sharedData().resolve("s2l2a-29RKH-20200219"),
                TestData.sharedData().resolve("aoi/aoi-29RKH.geojson"), "29RKH-20200219", CloudMask.DEFAULT);
    }

    @ParameterizedTest
    @MethodSource("io.eobatch.raster.stats.GdalReferenceTest#dravaItems")
    void dravaItem(String item) throws IOException {
        assertSceneMatches(TestData.dravaItem(item), TestData.sharedData().resolve("aoi/aoi-drava.geojson"),
                "drava/" + item, CloudMask.DEFAULT);
    }

    /**
     * Holes, a multipolygon, concave shapes, a star, a band across the 33TWL/33TWM overlap, a sub-pixel AOI (which
     * has values here: the two pixels it touches), AOIs outside and partly outside, a bow-tie and overlapping parts
     * (made valid: two lobes, a union); and vertices and edges on pixel centres and corners (ties-*).
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.eobatch.raster.stats.HardCasesTest#singleScenes")
    void hardCases(String aoi, String item) throws IOException {
        assertSceneMatches(TestData.dravaItem(item), TestData.resource("aoi/" + aoi + ".geojson"),
                "hard/" + aoi + "-" + item, CloudMask.DEFAULT);
    }

    @Test
    void tiesOnThe29RKHGrid() throws IOException {
        assertSceneMatches(TestData.sharedData().resolve("s2l2a-29RKH-20200219"),
                TestData.resource("aoi/ties-utm29.geojson"), "hard/ties-utm29-29RKH", CloudMask.DEFAULT);
    }

    @Test
    void tiesOnAGridWhereGdalRoundsPixelPositions() throws IOException {
        assertSceneMatches(TestData.resource("synthetic/rounding"), TestData.resource("aoi/ties-rounding.geojson"),
                "hard/ties-rounding", CloudMask.DEFAULT);
    }

    /** The shared scripts let unknown SCL classes through; so does the mask here (see HardCasesTest). */
    @Test
    void acrossTheUtmZoneEdge() throws IOException {
        assertSceneMatches(TestData.resource("synthetic/zone-edge"), TestData.resource("aoi/zone-edge.geojson"),
                "hard/zone-edge", CloudMask.of(Set.of(0, 1, 3, 8, 9, 10), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20230810", "20230813", "20230815", "20230818", "20230820"})
    void mosaicOfTwoTiles(String date) throws IOException {
        assertMosaicMatches(MosaicReferenceTest.scenesOf(date), TestData.sharedData().resolve("aoi/aoi-drava.geojson"),
                "mosaic/NDVI-" + date);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hard-drava", "ties-utm33"})
    void mosaicOfTheHardCases(String aoi) throws IOException {
        assertMosaicMatches(MosaicReferenceTest.scenesOf("20230820"), TestData.resource("aoi/" + aoi + ".geojson"),
                "hard/" + aoi + "-mosaic-20230820");
    }

    @Test
    void mosaicOfOneSceneIsTheSceneItself() throws IOException {
        SceneInput scene = TestData.scene(TestData.dravaItem("S2A_33TWL_20230818_0_L2A"));
        try {
            for (TestData.Feature f : TestData.features(TestData.resource("aoi/hard-drava.geojson"))) {
                assertEquals(stats(scene, f, CloudMask.DEFAULT),
                        SceneStatistics.computeMosaic(List.of(scene), f.geometry(), f.epsg(), SpectralIndex.NDVI,
                                CloudMask.DEFAULT, Weighting.COVERAGE), f.id());
            }
        } finally {
            TestData.close(scene);
        }
    }

    private static IndexStatistics stats(SceneInput scene, TestData.Feature f, CloudMask mask) throws IOException {
        return SceneStatistics.compute(scene, f.geometry(), f.epsg(), SpectralIndex.NDVI, mask, Weighting.COVERAGE);
    }

    private static void assertSceneMatches(Path sceneDir, Path aoi, String expected, CloudMask mask)
            throws IOException {
        SceneInput scene = TestData.scene(sceneDir);
        try {
            Map<String, JsonObject> lines = expectedLines(aoi, expected);
            for (TestData.Feature f : TestData.features(aoi)) {
                ReferenceAssert.assertCoverageMatches(lines.get(f.id()), stats(scene, f, mask), scene.itemId());
            }
        } finally {
            TestData.close(scene);
        }
    }

    private static void assertMosaicMatches(List<SceneInput> scenes, Path aoi, String expected) throws IOException {
        try {
            Map<String, JsonObject> lines = expectedLines(aoi, expected);
            List<SceneInput> reversed = new ArrayList<>(scenes);
            Collections.reverse(reversed);
            for (TestData.Feature f : TestData.features(aoi)) {
                IndexStatistics s = SceneStatistics.computeMosaic(scenes, f.geometry(), f.epsg(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT, Weighting.COVERAGE);
                ReferenceAssert.assertCoverageMatches(lines.get(f.id()), s, expected);
                assertEquals(s, SceneStatistics.computeMosaic(reversed, f.geometry(), f.epsg(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT, Weighting.COVERAGE), "mosaic independent of input order");
            }
        } finally {
            for (SceneInput s : scenes) {
                TestData.close(s);
            }
        }
    }

    /** The expected lines, one per feature of the AOI file. */
    private static Map<String, JsonObject> expectedLines(Path aoi, String name) throws IOException {
        Map<String, JsonObject> lines = TestData.expectedLines(
                TestData.resource("expected/coverage/" + name + ".jsonl"));
        assertEquals(lines.keySet(), TestData.features(aoi).stream().map(TestData.Feature::id)
                .collect(Collectors.toCollection(LinkedHashSet::new)), "features of " + aoi + " vs lines of " + name);
        return lines;
    }
}
