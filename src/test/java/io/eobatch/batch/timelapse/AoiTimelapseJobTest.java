package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.ParameterException;
import io.eobatch.batch.ParameterSpec;
import io.eobatch.raster.image.ColorMap;

/** The aoi-timelapse job: its parameters, and that the job XML uses them and names existing artifacts. */
class AoiTimelapseJobTest {

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
        assertEquals("valueMax", assertThrows(ParameterException.class, () -> new TimelapseJob().checkRelations(p)).parameter());
        new TimelapseJob().checkRelations(JOB.toProperties(params("valueMin", "-1", "valueMax", "1")));
    }

    @Test
    void theJobXmlUsesEveryParameterAndEveryStep() throws Exception {
        String xml = Files.readString(Path.of("batch-jobs", JOB.id() + ".xml"));
        assertTrue(xml.contains("<job id=\"" + JOB.id() + "\""));
        for (ParameterSpec spec : JOB.parameters()) {
            assertTrue(xml.contains("jobParameters['" + spec.name() + "']"), spec.name() + " is not used by the XML");
        }
        for (String step : JOB.steps()) {
            assertTrue(xml.contains("<step id=\"" + step + "\""), step);
        }
    }

    /** Every ref of the XML is a class named so (decapitalised) in io.eobatch.batch or its timelapse package. */
    @Test
    void theJobXmlRefersToExistingArtifacts() throws Exception {
        String xml = Files.readString(Path.of("batch-jobs", JOB.id() + ".xml"));
        Matcher m = Pattern.compile("ref=\"([a-zA-Z]+)\"").matcher(xml);
        int refs = 0;
        while (m.find()) {
            String simple = Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1);
            boolean found = exists("io.eobatch.batch." + simple) || exists("io.eobatch.batch.timelapse." + simple);
            assertTrue(found, "no artifact class for ref " + m.group(1));
            refs++;
        }
        assertEquals(9, refs, "job listener, plan batchlet, skip listener, reader, processor, writer, mapper, "
                + "budget decider, gif batchlet");
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
