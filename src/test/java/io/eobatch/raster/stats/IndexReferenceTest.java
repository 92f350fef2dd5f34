package io.eobatch.raster.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.eobatch.testsupport.ReferenceAssert;
import io.eobatch.testsupport.TestData;
import jakarta.json.JsonObject;

/**
 * NDWI, EVI and the BOA offset against GDAL/numpy (src/test/tools/gdal_zonal_index.py, run by
 * src/test/resources/expected/regenerate.sh), including numpy's histogram and the SCL cloud count.
 */
class IndexReferenceTest {

    @ParameterizedTest(name = "{0} {1} offset {2}")
    @CsvSource({
            "NDVI, S2B_33TWL_20230820_0_L2A, 0, index/NDVI-S2B_33TWL_20230820_0_L2A.jsonl",
            "NDWI, S2B_33TWL_20230820_0_L2A, 0, index/NDWI-S2B_33TWL_20230820_0_L2A.jsonl",
            "EVI,  S2B_33TWL_20230820_0_L2A, 0, index/EVI-S2B_33TWL_20230820_0_L2A.jsonl",
            "NDVI, S2A_33TWM_20230818_0_L2A, 0, index/NDVI-S2A_33TWM_20230818_0_L2A.jsonl",
            "NDWI, S2A_33TWM_20230818_0_L2A, 0, index/NDWI-S2A_33TWM_20230818_0_L2A.jsonl",
            "EVI,  S2A_33TWM_20230818_0_L2A, 0, index/EVI-S2A_33TWM_20230818_0_L2A.jsonl",
            "NDVI, S2B_33TWL_20230820_0_L2A, -1000, index/NDVI-offset-1000-S2B_33TWL_20230820_0_L2A.jsonl",
            "EVI,  S2B_33TWL_20230820_0_L2A, -1000, index/EVI-offset-1000-S2B_33TWL_20230820_0_L2A.jsonl",
    })
    void dravaMatchesGdal(SpectralIndex index, String item, int offset, String expected) throws IOException {
        SceneInput s = TestData.scene(TestData.dravaItem(item));
        SceneInput scene = new SceneInput(s.itemId(), s.cloudCover(), s.bands(), s.scl(), offset);
        check(scene, index, TestData.sharedData().resolve("aoi/aoi-drava.geojson"), expected);
    }

    @ParameterizedTest
    @CsvSource("NDVI, index/NDVI-29RKH-20200219.jsonl")
    void scene29RKHHistogramMatchesNumpy(SpectralIndex index, String expected) throws IOException {
        check(TestData.scene(TestData.sharedData().resolve("s2l2a-29RKH-20200219")), index,
                TestData.sharedData().resolve("aoi/aoi-29RKH.geojson"), expected);
    }

    private static void check(SceneInput scene, SpectralIndex index, Path aoi, String expectedFile) throws IOException {
        try {
            Map<String, JsonObject> expected = TestData.expectedLines(TestData.resource("expected/" + expectedFile));
            for (TestData.Feature f : TestData.features(aoi)) {
                IndexStatistics st = SceneStatistics.compute(scene, f.geometry(), f.epsg(), index, CloudMask.DEFAULT);
                ReferenceAssert.assertMatches(expected.get(f.id()), st, index + " " + scene.itemId());
            }
        } finally {
            TestData.close(scene);
        }
    }
}
