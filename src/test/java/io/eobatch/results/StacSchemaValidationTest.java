package io.eobatch.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import io.eobatch.batch.tiles.TiledCompositeStac;
import io.eobatch.batch.timelapse.TimelapseStac;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.testsupport.StacSchemas;

/**
 * Every STAC document of every job validates against the official STAC 1.0.0 schemas and those of each extension
 * it lists (eobatch's own included), and the validator does catch what is wrong (one line a broken document).
 */
class StacSchemaValidationTest {

    private static final URI API = URI.create("http://127.0.0.1:8080/api/");
    private static final GeometryFactory F = new GeometryFactory();

    /** The Collection, the ItemCollection and each Item of a catalog: the problems of all of them. */
    private static List<String> problems(ResultsStac stac) {
        List<String> out = new ArrayList<>(StacSchemas.problems(stac.collection().toString()));
        out.addAll(StacSchemas.problems(stac.itemCollection().toString()));
        for (JsonObject item : stac.items()) {
            out.addAll(StacSchemas.problems(item.toString()));
        }
        return out;
    }

    private static ResultFile file(String path) {
        return new ResultFile(path, ResultTypes.mediaType(path), ResultTypes.role(path), 100,
                Instant.parse("2024-05-01T12:00:00Z"), Path.of("/nowhere", path));
    }

    private static WorkItem item(String job, String key, String aoi, ItemStatus status, String... scenes) {
        WorkItem w = WorkItem.planned(1, job, key, 0, 1, aoi, key, List.of(scenes),
                Instant.parse("2023-08-01T00:00:00Z"));
        w.status = status;
        return w;
    }

    private static ResultsStac.AoiInfo aoi(String id) {
        return new ResultsStac.AoiInfo(id, id, F.createPolygon(new Coordinate[] {new Coordinate(15.5, 46.3),
                new Coordinate(15.6, 46.3), new Coordinate(15.6, 46.4), new Coordinate(15.5, 46.3)}));
    }

    @Test
    void aoiStatisticsDocumentsAreValid() {
        ResultsStac stac = ResultsStacTest.statistics();
        assertEquals(List.of(), problems(stac));
        JsonObject a = stac.item("drava-a").orElseThrow().getJsonObject("properties");
        assertEquals(0.5, a.getJsonNumber("eobatch:mean").doubleValue(), "the summary numbers are properties");
        assertEquals(7, a.getInt("eobatch:valid_scenes"));
        assertEquals(ResultsStac.SUMMARY_LEVEL, a.getString("processing:level"));
    }

    @Test
    void tiledCompositeDocumentsAreValid() {
        Map<String, String> params = Map.of("bbox", "15.92,45.95,16.05,46.03", "from", "2023-08-01",
                "to", "2023-08-31", "tileSize", "9.6", "resolution", "30", "catalog", "drava", "index", "ndvi");
        List<WorkItem> ledger = List.of(
                item("tiled-composite", "33N-x0566-y5088/32633/59/530", "bbox", ItemStatus.DONE, "S1", "S2"),
                item("tiled-composite", "33N-x0576-y5088/32633/60/530", "bbox", ItemStatus.NO_DATA));
        ResultsStac stac = new ResultsStac(API, new ResultsStac.Execution(18, 18, List.of(18L), 14,
                "tiled-composite", "COMPLETED", params), List.of(), List.of(),
                Map.of(), List.of(file("tiles/33N-x0566-y5088.tif"), file("estimate.json"), file("mosaic.png")),
                TiledCompositeStac.items(ledger, params));
        assertEquals(List.of(), problems(stac));
        JsonObject tile = stac.item("33N-x0566-y5088").orElseThrow();
        assertTrue(tile.getJsonArray("stac_extensions").toString().contains("raster"), tile.toString());
        assertEquals("[320,320]", tile.getJsonObject("properties").get("proj:shape").toString());
    }

    @Test
    void aoiTimelapseDocumentsAreValid() {
        Map<String, String> params = Map.of("aois", "drava-a", "from", "2023-07-01", "to", "2023-08-31",
                "catalog", "drava", "index", "ndvi");
        List<WorkItem> ledger = List.of(item("aoi-timelapse", "drava-a/2023-07", "drava-a", ItemStatus.NO_DATA),
                item("aoi-timelapse", "drava-a/2023-08", "drava-a", ItemStatus.DONE, "S2A_33TWL_20230815_0_L2A"));
        ResultsStac stac = new ResultsStac(API, new ResultsStac.Execution(9, 9, List.of(9L), 8, "aoi-timelapse",
                "COMPLETED", params), List.of(aoi("drava-a")), List.of(), Map.of(),
                List.of(file("timelapse/drava-a/2023-08-ndvi.png"), file("timelapse/drava-a/2023-08-truecolour.png"),
                        file("timelapse/drava-a/timelapse.gif"), file("timelapse/drava-a/timelapse.json")),
                TimelapseStac.items(ledger, "ndvi"));
        assertEquals(List.of(), problems(stac));
        assertEquals(3, stac.items().size());
    }

    /** A valid tile item with one thing changed: the validator finds it. */
    private static List<String> brokenTile(String field, Object value, boolean inAsset) {
        Map<String, String> params = Map.of("bbox", "1,2,3,4", "from", "2023-08-01", "to", "2023-08-31",
                "tileSize", "9.6", "resolution", "30");
        JsonObject item = new ResultsStac(API, new ResultsStac.Execution(1, 1, List.of(1L), 1, "tiled-composite",
                "COMPLETED", params), List.of(), List.of(), Map.of(), List.of(file("tiles/33N-x0566-y5088.tif")),
                TiledCompositeStac.items(List.of(item("tiled-composite", "33N-x0566-y5088/32633/59/530", "bbox",
                        ItemStatus.DONE, "S1")), params)).items().get(0);
        assertEquals(List.of(), StacSchemas.problems(item.toString()), "valid before the change");
        JsonObjectBuilder b = Json.createObjectBuilder(item);
        if (inAsset) {
            JsonObject data = item.getJsonObject("assets").getJsonObject("data");
            b.add("assets", Json.createObjectBuilder().add("data", Json.createObjectBuilder(data)
                    .add(field, JsonValues.of(value))));
        } else if (field.equals("id") || field.equals("stac_extensions")) {
            b.add(field, JsonValues.of(value));
        } else {
            b.add("properties", Json.createObjectBuilder(item.getJsonObject("properties"))
                    .add(field, JsonValues.of(value)));
        }
        return StacSchemas.problems(b.build().toString());
    }

    @Test
    void theValidatorFindsWhatIsWrong() {
        assertFalse(brokenTile("id", 7, false).isEmpty(), "core: an id that is not a string");
        assertFalse(brokenTile("datetime", "yesterday", false).isEmpty(), "core: not a date-time");
        assertFalse(brokenTile("proj:shape", List.of("a", "b"), false).isEmpty(), "projection: shape of strings");
        assertFalse(brokenTile("proj:transform", List.of(1, 2), false).isEmpty(), "projection: 2 numbers");
        assertFalse(brokenTile("raster:bands", List.of(Map.of("data_type", "float")), true).isEmpty(),
                "raster: no such data type");
        assertFalse(brokenTile("processing:level", 3, false).isEmpty(), "processing: a level that is no string");
        assertFalse(brokenTile("eobatch:execution_id", "18", false).isEmpty(), "eobatch: an id that is no integer");
        assertFalse(brokenTile("eobatch:colour", "red", false).isEmpty(), "eobatch: a field the schema lacks");
        assertFalse(brokenTile("eobatch:month", "2023-13", false).isEmpty(), "eobatch: no such month");
        assertFalse(brokenTile("stac_extensions", List.of("https://example.invalid/x/v1.0.0/schema.json"), false)
                .isEmpty(), "an extension whose schema is not kept here: not fetched, a failure");
    }
}
