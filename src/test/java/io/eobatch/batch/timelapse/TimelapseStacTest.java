package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStac;

class TimelapseStacTest {

    private static WorkItem item(String aoi, String month, ItemStatus status, String... scenes) {
        WorkItem w = WorkItem.planned(1, "aoi-timelapse", aoi + "/" + month, 0, 1, aoi, month, List.of(scenes),
                Instant.parse(month + "-01T00:00:00Z"));
        w.status = status;
        return w;
    }

    @Test
    void anItemPerAoiAndMonthWithItsPngsAndChosenSceneAndOnePerAoiWithTheGif() {
        List<ResultsStac.ItemSpec> specs = TimelapseStac.items(List.of(item("a", "2023-07", ItemStatus.NO_DATA),
                item("a", "2023-08", ItemStatus.DONE, "S2B_X"), item("b", "2023-08", ItemStatus.DONE, "S2A_Y")),
                "ndvi");
        assertEquals(List.of("a_2023-07", "a_2023-08", "b_2023-08", "a", "b"),
                specs.stream().map(ResultsStac.ItemSpec::id).toList());
        ResultsStac.ItemSpec aug = specs.get(1);
        assertEquals(YearMonth.of(2023, 8), aug.month());
        assertEquals(List.of("timelapse/a/2023-08-ndvi.png", "timelapse/a/2023-08-truecolour.png"), aug.paths());
        assertEquals(List.of("S2B_X"), aug.sceneIds());
        assertEquals("DONE", aug.status());
        assertNull(aug.geometry(), "the AOI's geometry");
        assertEquals(List.of(), specs.get(0).sceneIds(), "NO_DATA: no source scene");
        ResultsStac.ItemSpec a = specs.get(3);
        assertNull(a.month(), "the whole period");
        assertEquals(List.of("timelapse/a/timelapse.gif", "timelapse/a/timelapse.json"), a.paths());
        assertNull(a.sceneIds(), "the AOI's DONE months");
    }
}
