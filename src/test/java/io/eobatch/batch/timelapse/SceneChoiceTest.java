package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.eobatch.ledger.ItemStatus;

class SceneChoiceTest {

    private static SceneChoice.Candidate c(String id, String day, long pixels, long valid) {
        return new SceneChoice.Candidate(id, Instant.parse(day + "T10:00:00Z"), pixels, valid,
                pixels == 0 ? 0 : (double) valid / pixels);
    }

    @Test
    void theHighestClearFractionWinsNotTheMostValidPixels() {
        SceneChoice.Decision d = SceneChoice.choose(List.of(c("big-cloudy", "2023-08-01", 1000, 900),
                c("small-clear", "2023-08-05", 100, 95)), 0.2, "AOI x in 2023-08");
        assertEquals(ItemStatus.DONE, d.status());
        assertEquals("small-clear", d.chosen().orElseThrow().sceneId());
        assertNull(d.reason());
    }

    @Test
    void tiesGoToTheEarlierSceneThenToTheSmallerId() {
        assertEquals("early", SceneChoice.choose(List.of(c("late", "2023-08-20", 10, 10), c("early", "2023-08-13",
                20, 20)), 0.2, "x").chosen().orElseThrow().sceneId());
        assertEquals("a", SceneChoice.choose(List.of(c("b", "2023-08-13", 10, 10), c("a", "2023-08-13", 20, 20)),
                0.2, "x").chosen().orElseThrow().sceneId());
    }

    @Test
    void scenesWithoutAPixelOfTheAoiDoNotCount() {
        SceneChoice.Decision d = SceneChoice.choose(List.of(c("off", "2023-08-01", 0, 0),
                c("on", "2023-08-02", 10, 3)), 0.2, "x");
        assertEquals("on", d.chosen().orElseThrow().sceneId());
        SceneChoice.Decision none = SceneChoice.choose(List.of(c("off", "2023-08-01", 0, 0)), 0.2, "AOI x in 2023-08");
        assertEquals(ItemStatus.NO_DATA, none.status());
        assertTrue(none.chosen().isEmpty());
        assertTrue(none.reason().contains("none holds a pixel") && none.reason().contains("AOI x in 2023-08"),
                none.reason());
    }

    @Test
    void noSceneIsNoData() {
        SceneChoice.Decision d = SceneChoice.choose(List.of(), 0.2, "AOI x in 2023-07");
        assertEquals(ItemStatus.NO_DATA, d.status());
        assertEquals("no scene over AOI x in 2023-07", d.reason());
    }

    @Test
    void aBestSceneBelowTheMinimumIsTooCloudyWithTheNumbers() {
        SceneChoice.Decision d = SceneChoice.choose(List.of(c("s1", "2023-08-01", 200, 30), c("s2", "2023-08-02",
                200, 10)), 0.2, "AOI x in 2023-08");
        assertEquals(ItemStatus.TOO_CLOUDY, d.status());
        assertEquals("s1", d.chosen().orElseThrow().sceneId());
        assertEquals("the clearest of 2 scene(s) over AOI x in 2023-08, s1, has a clear fraction of 0.1500 "
                + "(30 of 200 pixels), below minClearFraction 0.2", d.reason());
        assertEquals(ItemStatus.DONE, SceneChoice.choose(List.of(c("s1", "2023-08-01", 200, 40)), 0.2, "x").status(),
                "exactly the minimum is enough");
    }
}
