package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.ParameterException;
import io.eobatch.raster.image.ColorMap;

/** The aoi-timelapse job: its parameters, and that the job XML uses them and names existing artifacts. */
class TimelapseJobTest {

    private static final JobDefinition JOB = TimelapseJob.DEFINITION;

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from", "2023-07-01");
        m.put("to", "2023-08-31");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void isOfferedWithItsDefaults() {
        assertEquals(JOB, Jobs.definition("aoi-timelapse").orElseThrow());
        Properties p = JOB.toProperties(params());
        assertEquals("0.2", p.getProperty("minClearFraction"));
        assertEquals("rdylgn", p.getProperty("colorMap"));
        assertEquals("-0.2", p.getProperty("valueMin"));
        assertEquals("0.9", p.getProperty("valueMax"));
        assertEquals("ndvi", p.getProperty("index"));
        assertEquals("4", p.getProperty("partitions"));
        assertEquals(ColorMap.NDVI_MIN, Double.parseDouble(p.getProperty("valueMin")));
        assertEquals(ColorMap.NDVI_MAX, Double.parseDouble(p.getProperty("valueMax")));
        Properties given = JOB.toProperties(params("colorMap", "Viridis", "minClearFraction", "0.5"));
        assertEquals("viridis", given.getProperty("colorMap"));
        ColorMap.named(given.getProperty("colorMap"), 0, 1);
    }

    @ParameterizedTest(name = "{0}={1} -> refused")
    @CsvSource({"minClearFraction, 1.5", "minClearFraction, -0.1", "colorMap, jet", "valueMin, x", "valueMax, 11",
        "mosaic, day"})
    void badValuesNameTheParameter(String name, String value) {
        ParameterException e = assertThrows(ParameterException.class, () -> JOB.toProperties(params(name, value)));
        assertEquals(name, e.parameter());
    }

    @Test
    void theValueRangeMustNotBeEmpty() {
        Properties p = JOB.toProperties(params("valueMin", "0.5", "valueMax", "0.5"));
        assertEquals("valueMax", 
                assertThrows(ParameterException.class, () -> new TimelapseJob().checkRelations(p)).parameter());
        new TimelapseJob().checkRelations(JOB.toProperties(params("valueMin", "-1", "valueMax", "1")));
    }
}
