package io.eobatch.aoi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.testsupport.TestData;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;


class AoiJsonTest {

    @Test
    void aFeatureHasIdBboxNameAreaCreatedAndGeometry() {
        Aoi b = TestData.allSampleAois().get(1);
        JsonObject f = Json.createReader(new StringReader(AoiJson.feature(b))).readObject();
        assertEquals("drava-b", f.getString("id"));
        assertEquals("[15.95,45.85,16.02,45.9]", f.getJsonArray("bbox").toString());
        JsonObject p = f.getJsonObject("properties");
        assertEquals("small polygon with hole", p.getString("name"));
        assertEquals(AoiArea.squareMetres(b.geometry()), p.getJsonNumber("areaM2").doubleValue(), 0.05);
        assertTrue(p.getJsonNumber("areaM2").toString().matches("\\d+\\.\\d"), "plain m2 with one decimal: "
                + p.getJsonNumber("areaM2"));
        assertEquals("2025-01-02T03:04:05Z", p.getString("created"));
        assertEquals(2, f.getJsonObject("geometry").getJsonArray("coordinates").size());
    }

    @Test
    void whatTheApiAnswersCanBeUploadedAgainUnchanged() {
        List<Aoi> aois = TestData.allSampleAois();
        String collection = AoiJson.featureCollection(aois, true);
        List<ParsedAoi> again = GeoJsonAoiReader.read(collection.getBytes(StandardCharsets.UTF_8), TestData.CREATED);
        assertEquals(aois, again.stream().map(ParsedAoi::aoi).toList());
    }

    @Test
    void listingsCanLeaveTheGeometryOut() {
        JsonObject c = Json.createReader(new StringReader(AoiJson.featureCollection(TestData.allSampleAois(), false)))
                .readObject();
        assertEquals(4, c.getJsonArray("features").size());
        assertTrue(c.getJsonArray("features").getJsonObject(0).isNull("geometry"));
        assertEquals(JsonValue.ValueType.ARRAY, c.getJsonArray("features").getJsonObject(0).get("bbox")
                .getValueType());
    }

    @Test
    void theEntityRoundTripsTheAoi() {
        for (Aoi aoi : TestData.allSampleAois()) {
            AoiEntity e = AoiEntity.of(aoi);
            assertEquals(aoi, e.toAoi());
            assertEquals(aoi.bbox().getMinX(), e.minLon);
            assertEquals(aoi.bbox().getMaxY(), e.maxLat);
            assertTrue(e.getAreaM2() > 1e7, aoi.id());
        }
    }
}
