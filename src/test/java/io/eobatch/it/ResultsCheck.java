package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.eobatch.testsupport.StacSchemas;

/**
 * The results listing and STAC catalog of one execution, over REST, with the checks every job's IT shares: each
 * listed file downloads with its media type and SHA-256; each STAC asset's href is a listed file that downloads
 * with the asset's type; the Collection, the ItemCollection and every Item validate against the STAC schemas
 * ({@link StacSchemas}).
 */
final class ResultsCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final long id;
    /** path -> listing entry */
    final Map<String, JsonObject> listed = new LinkedHashMap<>();
    final JsonObject collection;
    /** item id -> item, from /stac/items */
    final Map<String, JsonObject> items = new LinkedHashMap<>();

    ResultsCheck(long id) {
        this.id = id;
        Api.Response r = Api.get(results());
        assertEquals(200, r.status(), results() + ": " + r.body());
        for (JsonValue v : (JsonArray) r.jsonValue()) {
            listed.put(v.asJsonObject().getString("path"), v.asJsonObject());
        }
        Api.Response c = Api.get("/api/executions/" + id + "/stac");
        assertEquals(200, c.status(), "/stac: " + c.body());
        collection = c.json();
        Api.Response i = Api.get("/api/executions/" + id + "/stac/items", "application/geo+json");
        assertEquals(200, i.status(), "/stac/items: " + i.body());
        for (JsonValue v : i.json().getJsonArray("features")) {
            items.put(v.asJsonObject().getString("id"), v.asJsonObject());
        }
        // every STAC document served validates against the official schemas and those of its extensions
        assertEquals(List.of(), StacSchemas.problems(c.body()), "/stac against the STAC schemas");
        assertEquals(List.of(), StacSchemas.problems(i.body()), "/stac/items against the STAC schemas");
        for (String itemId : items.keySet()) {
            Api.Response one = Api.get("/api/executions/" + id + "/stac/items/" + itemId);
            assertEquals(200, one.status(), one.body());
            assertEquals(List.of(), StacSchemas.problems(one.body()), "/stac/items/" + itemId);
        }
    }

    String results() {
        return "/api/executions/" + id + "/results";
    }

    /** The listing entry of a path, asserting it is listed with this media type and role. */
    JsonObject listed(String path, String mediaType, String role) {
        JsonObject f = listed.get(path);
        assertNotNull(f, results() + " lists " + path + ": " + listed.keySet());
        assertEquals(mediaType, f.getString("mediaType"), results() + " " + path + " mediaType");
        assertEquals(role, f.getString("role"), results() + " " + path + " role");
        return f;
    }

    /** Every listed file downloads with status 200, its listed media type and its listed SHA-256. */
    void everyFileDownloads() throws Exception {
        for (JsonObject f : listed.values()) {
            HttpResponse<byte[]> r = download(f.getString("href"));
            assertEquals(200, r.statusCode(), f.getString("href"));
            assertEquals(norm(f.getString("mediaType")), norm(r.headers().firstValue("Content-Type").orElse("")),
                    f.getString("href") + " Content-Type");
            assertEquals(f.getString("sha256"), sha256(r.body()), f.getString("href") + " sha256");
        }
    }

    /** Each asset: a listed file whose download has the asset's type; returns the assets' paths by key. */
    Map<String, String> assetsDownload(JsonObject assets, String where) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = Api.BASE + results() + "/";
        for (var e : assets.entrySet()) {
            JsonObject a = e.getValue().asJsonObject();
            String href = a.getString("href");
            assertTrue(href.startsWith(prefix), where + " asset " + e.getKey() + " href " + href);
            String path = href.substring(prefix.length());
            assertNotNull(listed.get(path), where + " asset " + e.getKey() + ": " + path + " is listed");
            HttpResponse<byte[]> r = download(href);
            assertEquals(200, r.statusCode(), href);
            assertEquals(norm(a.getString("type")), norm(r.headers().firstValue("Content-Type").orElse("")),
                    where + " asset " + e.getKey() + " type vs Content-Type of " + href);
            out.put(e.getKey(), path);
        }
        return out;
    }

    static List<String> strings(JsonArray a) {
        return a.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static HttpResponse<byte[]> download(String href) throws Exception {
        // the listing's hrefs are relative to the server, the STAC hrefs absolute
        return HTTP.send(Api.authorize(HttpRequest.newBuilder(URI.create(href.startsWith("/") ? Api.BASE + href : href))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A media type without spaces and quotes, lower case: servers may write the parameters either way. */
    private static String norm(String mediaType) {
        return mediaType.replace(" ", "").replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
