package io.eobatch.batch.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.eobatch.batch.statistics.StatisticsRow;

class StatisticsCsvTest {

    private static StatisticsRow row(String aoi, long valid) {
        StatisticsRow r = new StatisticsRow();
        r.aoiId = aoi;
        r.itemId = "S2A_33TWL_20230815_0_L2A";
        r.acquired = Instant.parse("2023-08-15T10:00:00Z");
        r.pixelCount = 10L;
        r.validCount = valid;
        r.nodataCount = 10 - valid;
        r.mean = valid > 0 ? 0.5 : null;
        r.min = valid > 0 ? 0.1 : null;
        r.max = valid > 0 ? 0.9 : null;
        r.stdev = valid > 0 ? 0.2 : null;
        r.p10 = valid > 0 ? 0.15 : null;
        r.p50 = valid > 0 ? 0.5 : null;
        r.p90 = valid > 0 ? 0.85 : null;
        r.clearFraction = valid / 10.0;
        return r;
    }

    @Test
    void writesTheDocumentedColumnsAndLeavesNumbersEmptyWithoutValidPixels() {
        String csv = new StatisticsCsv().write(List.of(row("a", 7), row("b,\"x\"", 0)));
        String[] lines = csv.split("\r\n");
        assertEquals("aoi_id,item_id,datetime,pixel_count,valid_count,nodata_count,mean,min,max,stdev,p10,p50,p90,"
                + "clear_fraction,coverage,valid_coverage", lines[0]);
        // coverage and valid_coverage are empty under the centre rule
        assertEquals("a,S2A_33TWL_20230815_0_L2A,2023-08-15T10:00:00Z,10,7,3,0.5,0.1,0.9,0.2,0.15,0.5,0.85,0.7,,",
                lines[1]);
        assertEquals("\"b,\"\"x\"\"\",S2A_33TWL_20230815_0_L2A,2023-08-15T10:00:00Z,10,0,10,,,,,,,,0.0,,", lines[2]);
    }

    @Test
    void countsAProviderDoesNotGiveAreEmptyNotNull() {
        StatisticsRow r = row("a", 7);
        r.pixelCount = null;
        r.validCount = null;
        r.nodataCount = null;
        r.clearFraction = null;
        String line = new StatisticsCsv().write(List.of(r)).split("\r\n")[1];
        assertEquals("a,S2A_33TWL_20230815_0_L2A,2023-08-15T10:00:00Z,,,,0.5,0.1,0.9,0.2,0.15,0.5,0.85,,,", line);
    }

    @Test
    void coverageWeightedRowsFillTheCoverageColumns() {
        StatisticsRow r = row("a", 7);
        r.coverage = 9.25;
        r.validCoverage = 6.5;
        String line = new StatisticsCsv().write(List.of(r)).split("\r\n")[1];
        assertEquals("a,S2A_33TWL_20230815_0_L2A,2023-08-15T10:00:00Z,10,7,3,0.5,0.1,0.9,0.2,0.15,0.5,0.85,0.7,9.25,"
                + "6.5", line);
        StatisticsCsv.Row json = StatisticsCsv.Row.of(r);
        assertEquals(9.25, json.coverage());
        assertEquals(6.5, json.validCoverage());
    }
}
