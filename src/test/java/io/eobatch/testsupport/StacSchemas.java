package io.eobatch.testsupport;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Validates STAC documents against the official STAC 1.0.0 schemas and the schema of every extension they list in
 * {@code stac_extensions}, as a STAC validator does, without the network: {@code https://<host>/<path>} is read
 * from {@code stac-schemas/<host>/<path>} on the test class path (see its README), and eobatch's own extension
 * ({@code .../api/stac/eobatch/v1.0.0/schema.json} on any host) from the main resource the server serves. A schema
 * that is not there fails the validation instead of being fetched.
 *
 * <pre>{@code
 * List<String> problems = StacSchemas.problems(Api.get("/api/executions/7/stac").body());
 * assertEquals(List.of(), problems);
 * }</pre>
 */
public final class StacSchemas {

    public static final String ITEM = "https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json";
    public static final String COLLECTION =
            "https://schemas.stacspec.org/v1.0.0/collection-spec/json-schema/collection.json";
    public static final String CATALOG = "https://schemas.stacspec.org/v1.0.0/catalog-spec/json-schema/catalog.json";
    public static final String FEATURE_COLLECTION = "https://geojson.org/schema/FeatureCollection.json";
    private static final String EOBATCH = "/api/stac/eobatch/v1.0.0/schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            b -> b.schemaIdResolvers(r -> r
                    .mappings(id -> id.endsWith(EOBATCH), id -> "classpath:stac/eobatch/v1.0.0/schema.json")
                    .mapPrefix("https://", "classpath:stac-schemas/")));

    private StacSchemas() {
    }

    /**
     * What is wrong with a STAC document (an Item, a Collection, a Catalog, or an ItemCollection: a GeoJSON
     * FeatureCollection whose features are Items), one line a violation, naming the schema; empty when it is valid.
     */
    public static List<String> problems(String json) {
        JsonNode doc = JSON.readTree(json);
        List<String> out = new ArrayList<>();
        String type = doc.path("type").asString("");
        switch (type) {
            case "Feature" -> check(doc, ITEM, out, "");
            case "Collection" -> check(doc, COLLECTION, out, "");
            case "Catalog" -> check(doc, CATALOG, out, "");
            case "FeatureCollection" -> {
                validate(doc, FEATURE_COLLECTION, out, "");
                for (int i = 0; i < doc.path("features").size(); i++) {
                    check(doc.path("features").get(i), ITEM, out, "features[" + i + "] ");
                }
            }
            default -> out.add("not a STAC document: type '" + type + "'");
        }
        return out;
    }

    /** The core schema, then each extension the document lists. */
    private static void check(JsonNode doc, String core, List<String> out, String where) {
        validate(doc, core, out, where);
        for (JsonNode ext : doc.path("stac_extensions")) {
            validate(doc, ext.asString(), out, where);
        }
    }

    private static void validate(JsonNode doc, String schemaUrl, List<String> out, String where) {
        Schema schema;
        try {
            schema = REGISTRY.getSchema(SchemaLocation.of(schemaUrl));
        } catch (RuntimeException e) {
            out.add(where + schemaUrl + ": cannot load the schema: " + e.getMessage());
            return;
        }
        for (Error e : schema.validate(doc)) {
            out.add(where + schemaUrl + ": " + e);
        }
    }

    /** A document as text, for the tests that build one by hand. */
    public static List<String> problems(JsonNode doc) {
        return problems(doc.toString());
    }
}
