package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SceneRender;
import io.eobatch.raster.stats.SceneStatistics;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.testsupport.TestData;

/**
 * The choice of fetch-images on the real Drava clips (August 2023, 10 scenes): the clearest scene over each AOI is
 * the one with the highest valid / pixels of the GDAL reference (src/test/resources/expected/drava, made by
 * shared/tools/gdal_zonal_ndvi.py), ties going to the earlier date.
 */
class DravaTimelapseTest {

    private static Instant datetime(String item) throws IOException {
        Path json = TestData.dravaItem(item).resolve(item + ".json");
        try (Reader r = Files.newBufferedReader(json)) {
            JsonObject o = Json.createReader(r).readObject();
            return Instant.parse(o.getJsonObject("properties").getString("datetime"));
        }
    }

    @Test
    void theClearestSceneOfEachAoiIsTheReferencesBestAndRendersTheSamePixels() throws IOException {
        List<String> items = TestData.dravaItems();
        Map<String, TestData.Feature> aois = TestData.featuresById(
                TestData.sharedData().resolve("aoi/aoi-drava.geojson"));
        for (TestData.Feature aoi : aois.values()) {
            List<SceneChoice.Candidate> ours = new ArrayList<>();
            List<SceneChoice.Candidate> reference = new ArrayList<>();
            for (String item : items) {
                SceneInput scene = TestData.scene(TestData.dravaItem(item));
                try {
                    IndexStatistics s = SceneStatistics.compute(scene, aoi.geometry(), aoi.epsg(),
                            SpectralIndex.NDVI, CloudMask.DEFAULT);
                    ours.add(new SceneChoice.Candidate(item, datetime(item), s.pixelCount(), s.validCount(),
                            s.clearFraction()));
                } finally {
                    TestData.close(scene);
                }
                JsonObject ref = TestData.expectedLines(TestData.resource("expected/drava/" + item + ".jsonl"))
                        .get(aoi.id());
                long pixels = ref.getJsonNumber("pixelsInPolygon").longValue();
                long valid = ref.getJsonNumber("valid").longValue();
                reference.add(new SceneChoice.Candidate(item, datetime(item), pixels, valid,
                        pixels == 0 ? 0 : (double) valid / pixels));
            }
            SceneChoice.Decision d = SceneChoice.choose(ours, 0.2, "AOI " + aoi.id() + " in 2023-08");
            SceneChoice.Decision r = SceneChoice.choose(reference, 0.2, "reference");
            assertEquals(ItemStatus.DONE, d.status());
            assertEquals(r.chosen().orElseThrow().sceneId(), d.chosen().orElseThrow().sceneId(), aoi.id());
            assertEquals(r.chosen().orElseThrow().clearFraction(), d.chosen().orElseThrow().clearFraction(), 0);

            String chosen = d.chosen().orElseThrow().sceneId();
            SceneInput scene = TestData.scene(TestData.dravaItem(chosen));
            try {
                SceneRender render = SceneRender.render(scene, aoi.geometry(), aoi.epsg(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT, true).orElseThrow();
                assertEquals(d.chosen().orElseThrow().validCount(), render.validCount());
                BufferedImage img = render.indexImage(ColorMap.rdYlGn());
                assertTrue(img.getWidth() > 10 && img.getHeight() > 10, img.getWidth() + "x" + img.getHeight());
            } finally {
                TestData.close(scene);
            }
        }
    }

    /** The two answers of the reference, written down: drava-b's is a tie (1.0 on 08-13 and 08-15). */
    @Test
    void theAnswersOnTheDravaData() throws IOException {
        Map<String, TestData.Feature> aois = TestData.featuresById(
                TestData.sharedData().resolve("aoi/aoi-drava.geojson"));
        assertEquals("S2A_33TWL_20230815_0_L2A", choose(aois.get("drava-a")));
        assertEquals("S2B_33TWL_20230813_0_L2A", choose(aois.get("drava-b")));
    }

    private static String choose(TestData.Feature aoi) throws IOException {
        List<SceneChoice.Candidate> c = new ArrayList<>();
        for (String item : TestData.dravaItems()) {
            SceneInput scene = TestData.scene(TestData.dravaItem(item));
            try {
                IndexStatistics s = SceneStatistics.compute(scene, aoi.geometry(), aoi.epsg(), SpectralIndex.NDVI,
                        CloudMask.DEFAULT);
                c.add(new SceneChoice.Candidate(item, datetime(item), s.pixelCount(), s.validCount(),
                        s.clearFraction()));
            } finally {
                TestData.close(scene);
            }
        }
        return SceneChoice.choose(c, 0.2, aoi.id()).chosen().orElseThrow().sceneId();
    }
}
