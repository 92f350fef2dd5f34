package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.eobatch.testsupport.ReferenceAssert;
import io.eobatch.testsupport.TestData;
import jakarta.json.JsonObject;

/**
 * Per-day mosaics of the two overlapping drava tiles (33TWL, 33TWM, half a 120 m pixel apart in y) against the
 * GDAL/numpy mosaic of src/test/tools/gdal_zonal_index.py --mosaic.
 */
class MosaicReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"20230810", "20230813", "20230815", "20230818", "20230820"})
    void twoTilesOfOneDayMatchGdal(String date) throws IOException {
        List<SceneInput> scenes = scenesOf(date);
        try {
            Map<String, JsonObject> expected = TestData.expectedLines(
                    TestData.resource("expected/mosaic/NDVI-" + date + ".jsonl"));
            for (TestData.Feature f : TestData.features(TestData.sharedData().resolve("aoi/aoi-drava.geojson"))) {
                // the order of the input list must not matter
                IndexStatistics a = SceneStatistics.computeMosaic(scenes, f.geometry(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT);
                List<SceneInput> reversed = new ArrayList<>(scenes);
                java.util.Collections.reverse(reversed);
                IndexStatistics b = SceneStatistics.computeMosaic(reversed, f.geometry(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT);
                ReferenceAssert.assertMatches(expected.get(f.id()), a, "mosaic " + date);
                assertEquals(a, b, "mosaic independent of input order");
            }
        } finally {
            for (SceneInput s : scenes) {
                TestData.close(s);
            }
        }
    }

    @Test
    void mosaicOfOneSceneIsTheSceneItself() throws IOException {
        SceneInput scene = TestData.scene(TestData.dravaItem("S2A_33TWL_20230818_0_L2A"));
        try {
            for (TestData.Feature f : TestData.features(TestData.sharedData().resolve("aoi/aoi-drava.geojson"))) {
                assertEquals(SceneStatistics.compute(scene, f.geometry(), SpectralIndex.NDVI, CloudMask.DEFAULT),
                        SceneStatistics.computeMosaic(List.of(scene), f.geometry(), SpectralIndex.NDVI,
                                CloudMask.DEFAULT), f.id());
            }
        } finally {
            TestData.close(scene);
        }
    }

    static List<SceneInput> scenesOf(String date) throws IOException {
        List<SceneInput> out = new ArrayList<>();
        for (String item : TestData.dravaItems()) {
            if (item.contains("_" + date + "_")) {
                out.add(TestData.scene(TestData.dravaItem(item)));
            }
        }
        assertEquals(2, out.size(), "two tiles on " + date);
        return out;
    }
}
