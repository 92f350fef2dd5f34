package io.eobatch.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.testsupport.TestData;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed documents: each is a real Drava item (or its collection) with one thing broken, written to a temporary
 * directory; the error must name the broken document's URL and the field.
 */
class MalformedStacTest {

    static final String ID = "S2A_33TWL_20230815_0_L2A";

    @TempDir
    Path dir;

    static JsonObject realItem() {
        return TestData.readJson(TestData.dravaItemJson(ID));
    }

    static JsonObject withProperties(JsonObject item, UnaryOperator<JsonObjectBuilder> change) {
        return Json.createObjectBuilder(item)
                .add("properties", change.apply(Json.createObjectBuilder(item.getJsonObject("properties")))).build();
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** Opens the broken item as a catalog root, searches, and returns the error (asserting its URL and field). */
    StacException searchFails(String text, String field) throws IOException {
        Path item = write("broken/" + ID + ".json", text);
        StacCatalog c = StacCatalogs.open(item);
        StacException e = assertThrows(StacException.class, () -> c.search(SearchRequest.builder().build()).count());
        assertEquals(item.toUri(), e.url());
        assertTrue(e.getMessage().startsWith(item.toUri() + ": "), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        if (field != null) {
            assertTrue(e.getMessage().contains("field '" + field + "'"), e.getMessage());
        }
        return e;
    }

    @Test
    void invalidJson() throws IOException {
        String text = realItem().toString();
        Path p = write("broken/" + ID + ".json", text.substring(0, text.length() / 2));
        StacException e = assertThrows(StacException.class, () -> StacCatalogs.open(p));
        assertEquals(p.toUri(), e.url());
        assertTrue(e.getMessage().contains("invalid JSON at line 1, column"), e.getMessage());

        // the same, reached through a collection: the error names the item file, not the collection
        write("c/collection.json", collection("./" + ID + ".json").toString());
        Path itemPath = write("c/" + ID + ".json", "{\"type\": \"Feature\", \"id\": ");
        StacCatalog c = StacCatalogs.open(dir.resolve("c/collection.json"));
        StacException e2 = assertThrows(StacException.class, () -> c.collections());
        assertEquals(itemPath.toUri(), e2.url());
        assertTrue(e2.getMessage().startsWith(e2.url() + ": invalid JSON at line 1"), e2.getMessage());
    }

    @Test
    void missingId() throws IOException {
        searchFails(Json.createObjectBuilder(realItem()).remove("id").build().toString(), "id");
    }

    @Test
    void missingDatetime() throws IOException {
        StacException e = searchFails(withProperties(realItem(), b -> b.remove("datetime")).toString(),
                "properties.datetime");
        assertTrue(e.getMessage().endsWith("missing (and no start_datetime)"), e.getMessage());
    }

    @Test
    void invalidDatetime() throws IOException {
        StacException e = searchFails(withProperties(realItem(), b -> b.add("datetime", "2023-08-15 09:58")).toString(),
                "properties.datetime");
        assertTrue(e.getMessage().contains("\"2023-08-15 09:58\""), e.getMessage());
        searchFails(withProperties(realItem(), b -> b.add("datetime", 20230815)).toString(), "properties.datetime");
    }

    @Test
    void assetWithoutHref() throws IOException {
        JsonObject item = realItem();
        JsonObject assets = Json.createObjectBuilder(item.getJsonObject("assets"))
                .add("red", Json.createObjectBuilder(item.getJsonObject("assets").getJsonObject("red")).remove("href"))
                .build();
        searchFails(Json.createObjectBuilder(item).add("assets", assets).build().toString(), "assets.red.href");
    }

    @Test
    void badBbox() throws IOException {
        JsonArrayBuilder three = Json.createArrayBuilder().add(15.7).add(45.7).add(16.3);
        searchFails(Json.createObjectBuilder(realItem()).add("bbox", three).build().toString(), "bbox");
        JsonArrayBuilder upsideDown = Json.createArrayBuilder().add(15.7).add(46.1).add(16.3).add(45.7);
        StacException e = searchFails(Json.createObjectBuilder(realItem()).add("bbox", upsideDown).build().toString(), "bbox");
        assertTrue(e.getMessage().contains("south 46.1 > north 45.7"), e.getMessage());
        JsonArrayBuilder text = Json.createArrayBuilder().add(15.7).add("45.7").add(16.3).add(46.1);
        searchFails(Json.createObjectBuilder(realItem()).add("bbox", text).build().toString(), "bbox[1]");
    }

    @Test
    void badGeometryAndWrongTypes() throws IOException {
        JsonObject openRing = Json.createObjectBuilder().add("type", "Polygon").add("coordinates",
                Json.createArrayBuilder().add(Json.createArrayBuilder()
                        .add(Json.createArrayBuilder().add(16.0).add(45.8))
                        .add(Json.createArrayBuilder().add(16.1).add(45.8))
                        .add(Json.createArrayBuilder().add(16.1).add(45.9))
                        .add(Json.createArrayBuilder().add(16.0).add(45.9)))).build();
        StacException e = searchFails(Json.createObjectBuilder(realItem()).add("geometry", openRing).build().toString(),
                "geometry.coordinates[0]");
        assertTrue(e.getMessage().contains("not closed"), e.getMessage());
        searchFails(withProperties(realItem(), b -> b.add("eo:cloud_cover", "low")).toString(), "properties.eo:cloud_cover");
        searchFails(withProperties(realItem(), b -> b.add("proj:epsg", 32633.5)).toString(), "properties.proj:epsg");
        searchFails(Json.createObjectBuilder(realItem()).add("type", "Catalog").remove("links").build().toString(), "links");
        Path thing = write("thing.json", "{\"type\": \"Thing\", \"id\": \"x\"}");
        StacException t = assertThrows(StacException.class, () -> StacCatalogs.open(thing));
        assertEquals("type", t.field());
        assertTrue(t.getMessage().startsWith(thing.toUri() + ": field 'type': \"Thing\" is neither"), t.getMessage());
    }

    static JsonObject collection(String... itemHrefs) {
        JsonArrayBuilder links = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("rel", "root").add("href", "./collection.json"));
        for (String h : itemHrefs) {
            links.add(Json.createObjectBuilder().add("rel", "item").add("href", h));
        }
        return Json.createObjectBuilder().add("type", "Collection").add("id", "c").add("stac_version", "1.0.0")
                .add("links", links).build();
    }

    @Test
    void brokenLinks() throws IOException {
        JsonObject noHref = Json.createObjectBuilder(collection()).add("links", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("rel", "root").add("href", "./collection.json"))
                .add(Json.createObjectBuilder().add("rel", "item"))).build();
        Path c1 = write("c1/collection.json", noHref.toString());
        StacException e = assertThrows(StacException.class, () -> StacCatalogs.open(c1).collections());
        assertEquals(c1.toUri(), e.url());
        assertEquals("links[1].href", e.field());

        Path c2 = write("c2/collection.json", collection("./missing/item.json").toString());
        StacException e2 = assertThrows(StacException.class, () -> StacCatalogs.open(c2).collections());
        assertEquals(c2.toUri().resolve("missing/item.json"), e2.url());
        assertTrue(e2.getMessage().endsWith("file not found"), e2.getMessage());

        Path c3 = write("c3/collection.json", collection("bad href with spaces.json").toString());
        StacException e3 = assertThrows(StacException.class, () -> StacCatalogs.open(c3).collections());
        assertEquals("links[1].href", e3.field());
    }

    @Test
    void aValidItemNextToBrokenOnesStillParses() throws IOException {
        Path p = write("ok/" + ID + ".json", realItem().toString());
        StacItem item = StacItem.fromJson(TestData.readJson(p), p.toUri());
        assertEquals(URI.create(p.getParent().toUri() + "B04.tif"), item.requireAsset("red").href());
    }
}
