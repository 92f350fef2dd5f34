package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.eobatch.testsupport.ReferenceAssert;
import io.eobatch.testsupport.TestData;
import jakarta.json.JsonObject;

/**
 * NDVI statistics of the real sample scenes equal the GDAL reference: counts exactly, values to 1e-9.
 * Expected lines: src/test/resources/expected (made by regenerate.sh there with shared/tools/gdal_zonal_ndvi.py).
 */
class GdalReferenceTest {

    @Test
    void scene29RKHMatchesGdal() throws IOException {
        Path dir = TestData.sharedData().resolve("s2l2a-29RKH-20200219");
        assertSceneMatches(dir, TestData.sharedData().resolve("aoi/aoi-29RKH.geojson"),
                TestData.resource("expected/29RKH-20200219.jsonl"));
    }

    static List<String> dravaItems() throws IOException {
        return TestData.dravaItems();
    }

    @ParameterizedTest
    @MethodSource("dravaItems")
    void dravaItemMatchesGdal(String item) throws IOException {
        assertSceneMatches(TestData.dravaItem(item), TestData.sharedData().resolve("aoi/aoi-drava.geojson"),
                TestData.resource("expected/drava/" + item + ".jsonl"));
    }

    static void assertSceneMatches(Path sceneDir, Path aoi, Path expectedFile) throws IOException {
        assertSceneMatches(sceneDir, aoi, expectedFile, CloudMask.DEFAULT);
    }

    static void assertSceneMatches(Path sceneDir, Path aoi, Path expectedFile, CloudMask mask) throws IOException {
        SceneInput scene = TestData.scene(sceneDir);
        try {
            Map<String, JsonObject> expected = TestData.expectedLines(expectedFile);
            List<TestData.Feature> features = TestData.features(aoi);
            assertEquals(expected.keySet(), features.stream().map(TestData.Feature::id)
                    .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)),
                    "features of " + aoi + " vs lines of " + expectedFile);
            for (TestData.Feature f : features) {
                IndexStatistics s = SceneStatistics.compute(scene, f.geometry(), f.epsg(), SpectralIndex.NDVI, mask);
                ReferenceAssert.assertMatches(expected.get(f.id()), s, scene.itemId());
            }
        } finally {
            TestData.close(scene);
        }
    }
}
