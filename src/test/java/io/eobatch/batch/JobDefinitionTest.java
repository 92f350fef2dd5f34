package io.eobatch.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.eobatch.batch.statistics.StatisticsJob;

class JobDefinitionTest {

    @Test
    void aCloudLimitOfAHundredPercentOrNoneIsNoFilter() {
        assertEquals(null, CommonParameters.cloudLimit(null));
        assertEquals(null, CommonParameters.cloudLimit(" "));
        assertEquals(null, CommonParameters.cloudLimit("100"));
        assertEquals(40.0, CommonParameters.cloudLimit(" 40 "));
        assertEquals(0.0, CommonParameters.cloudLimit("0"));
    }

    private static final JobDefinition JOB = StatisticsJob.DEFINITION;

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from", "2023-08-01");
        m.put("to", "2023-08-31");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsAreFilledIn() {
        Properties p = JOB.toProperties(params());
        assertEquals("demo", p.getProperty("catalog"));
        assertEquals("sentinel-2-l2a", p.getProperty("collection"));
        assertEquals("ndvi", p.getProperty("index"));
        assertEquals("none", p.getProperty("mosaic"));
        assertEquals("4", p.getProperty("partitions"));
        assertEquals("100", p.getProperty("maxCloudCover"));
        assertEquals(null, p.getProperty("aois"), "no default: every AOI");
    }

    @Test
    void valuesAreNormalised() {
        Properties p = JOB.toProperties(params("index", "NDWI", "maxCloudCover", "20.50", "aois", " a , b ,,c",
                "partitions", "08"));
        assertEquals("ndwi", p.getProperty("index"));
        assertEquals("20.5", p.getProperty("maxCloudCover"));
        assertEquals("a,b,c", p.getProperty("aois"));
        assertEquals("8", p.getProperty("partitions"));
    }

    @ParameterizedTest(name = "{0}={1} -> refused")
    @CsvSource({
        "from, 2023-02-30", "from, yesterday", "maxCloudCover, -1", "maxCloudCover, 100.5", "maxCloudCover, NaN",
        "index, ndsi", "mosaic, month", "partitions, 0", "partitions, 65", "partitions, 1.5", "chunkSize, 0",
        "retryLimit, 21", "catalog, ' '", "nonsense, 1"})
    void badValuesNameTheParameter(String name, String value) {
        ParameterException e = assertThrows(ParameterException.class, () -> JOB.toProperties(params(name, value)));
        assertEquals(name, e.parameter());
        assertTrue(e.reason().length() > 3, e.getMessage());
    }

    @Test
    void requiredParametersMustBeGiven() {
        Map<String, String> m = params();
        m.remove("from");
        assertEquals("from", assertThrows(ParameterException.class, () -> JOB.toProperties(m)).parameter());
    }

    @Test
    void aPeriodMustNotEndBeforeItStarts() {
        Properties p = JOB.toProperties(params("from", "2023-09-01"));
        assertEquals("to", 
                assertThrows(ParameterException.class, () -> new StatisticsJob().checkRelations(p)).parameter());
        new StatisticsJob().checkRelations(JOB.toProperties(params("from", "2023-08-31")));
    }
}
