package io.eobatch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.statistics.StatisticsJob;
import io.eobatch.batch.tiles.TiledCompositeJob;
import io.eobatch.batch.timelapse.TimelapseJob;

/** Job bodies: every JSON value checked against its parameter's type before it becomes job parameter text. */
class JsonBodiesTest {

    private static Map<String, String> read(String json, JobDefinition job) {
        return JsonBodies.parameters(JsonBodies.object(json), job);
    }

    private static ProblemException refused(String json, JobDefinition job) {
        return assertThrows(ProblemException.class, () -> read(json, job), json);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"budget\":null}                  | budget        | is null",
        "{\"partitions\":null}              | partitions    | is null",
        "{\"from\":null}                    | from          | is null",
        "{\"aois\":null}                    | aois          | is null",
        "{\"partitions\":true}              | partitions    | not a JSON boolean",
        "{\"partitions\":[2]}               | partitions    | not a JSON array",
        "{\"partitions\":{\"n\":2}}         | partitions    | not a JSON object",
        "{\"budget\":false}                 | budget        | not a JSON boolean",
        "{\"maxCloudCover\":[1,2]}          | maxCloudCover | not a JSON array",
        "{\"from\":20230801}                | from          | not a JSON number",
        "{\"from\":[\"2023-08-01\"]}        | from          | not a JSON array",
        "{\"to\":true}                      | to            | not a JSON boolean",
        "{\"index\":1}                      | index         | not a JSON number",
        "{\"index\":[\"ndvi\"]}             | index         | not a JSON array",
        "{\"weighting\":true}               | weighting     | not a JSON boolean",
        "{\"interval\":1}                   | interval      | not a JSON number",
        "{\"catalog\":7}                    | catalog       | not a JSON number",
        "{\"collection\":{}}                | collection    | not a JSON object",
        "{\"aois\":[]}                      | aois          | empty list",
        "{\"aois\":\"\"}                    | aois          | is empty",
        "{\"aois\":\" , \"}                 | aois          | is empty",
        "{\"aoiSet\":[]}                    | aoiSet        | empty list",
        "{\"aois\":[\"a\",null]}            | aois          | not a JSON null",
        "{\"aois\":[\"a\",\"\"]}            | aois          | an empty string",
        "{\"aois\":[[\"a\"]]}               | aois          | not a JSON array",
        "{\"aois\":true}                    | aois          | not a JSON boolean",
        "{\"retryOf\":5}                    | retryOf       | set by the server",
        "{\"retryOf\":null}                 | retryOf       | set by the server",
        "{\"colour\":\"red\"}               | colour        | unknown parameter",
    })
    void wrongValuesAreRefusedNamingTheParameter(String json, String field, String why) {
        ProblemException e = refused(json, StatisticsJob.DEFINITION);
        assertEquals(400, e.problem().status);
        assertEquals(field, e.problem().field, e.problem().detail);
        assertTrue(e.problem().detail.contains(why), e.problem().detail);
    }

    @Test
    void aTrueFalseChoiceTakesABooleanButNoOtherChoiceDoes() {
        assertEquals("true", read("{\"overwrite\":true}", TiledCompositeJob.DEFINITION).get("overwrite"));
        assertEquals("false", read("{\"skipExisting\":false}", TiledCompositeJob.DEFINITION).get("skipExisting"));
        assertEquals("overwrite", refused("{\"overwrite\":1}", TiledCompositeJob.DEFINITION).problem().field);
        assertEquals("colorMap", refused("{\"colorMap\":true}", TimelapseJob.DEFINITION).problem().field);
    }

    @Test
    void numbersComeAsJsonNumbersOrAsTextAndListsAsArraysOrText() {
        Map<String, String> p = read("{\"partitions\":2,\"budget\":\"12.5\",\"from\":\"2023-08-01\"}",
                StatisticsJob.DEFINITION);
        assertEquals("2", p.get("partitions"));
        assertEquals("12.5", p.get("budget"));
        assertEquals("a,b,7", read("{\"aois\":[\"a\",\"b\",7]}", StatisticsJob.DEFINITION).get("aois"));
        assertEquals("a,b", read("{\"aois\":\"a,b\"}", StatisticsJob.DEFINITION).get("aois"));
        assertEquals("9.6", read("{\"tileSize\":9.6}", TiledCompositeJob.DEFINITION).get("tileSize"));
        assertEquals("9.6", read("{\"tileSize\":\"9.6\"}", TiledCompositeJob.DEFINITION).get("tileSize"));
    }

    @Test
    void retryOfIsNotListedAsAParameterAClientMayGive() {
        String detail = refused("{\"nope\":1}", StatisticsJob.DEFINITION).problem().detail;
        assertTrue(detail.contains("partitions"), detail);
        assertTrue(!detail.contains("retryOf"), detail);
    }
}
