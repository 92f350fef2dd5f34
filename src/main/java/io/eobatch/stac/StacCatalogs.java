package io.eobatch.stac;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens a STAC source by URL, deciding between a STAC API and a static catalog by what the URL serves:
 * <ul>
 *   <li>a URL whose path ends in {@code /search}: a STAC API, searched there (nothing is fetched up front);</li>
 *   <li>a JSON object with a {@code conformsTo} entry naming {@code item-search}, or a {@code rel=search} link: a
 *       STAC API landing page;</li>
 *   <li>{@code type} Catalog, Collection, Feature (a lone item) or FeatureCollection (an item collection): a static
 *       catalog.</li>
 * </ul>
 * Anything else is a {@link StacException} naming the URL and the {@code type} field.
 */
public final class StacCatalogs {

    private StacCatalogs() {
    }

    public static StacCatalog open(URI url) {
        return open(url, StacOptions.defaults());
    }

    public static StacCatalog open(Path path) {
        return open(path.toAbsolutePath().normalize().toUri(), StacOptions.defaults());
    }

    public static StacCatalog open(URI url, StacOptions options) {
        StacHttp http = new StacHttp(options);
        if (StacApiCatalog.isSearchUrl(url)) {
            return new StacApiCatalog(url, null, http);
        }
        JsonObject doc = http.get(url);
        if (isApi(doc)) {
            return new StacApiCatalog(url, doc, http);
        }
        String type = JsonFields.optString(doc, "type", url, "");
        if (type == null) {
            throw new StacException(url, "type", "missing: neither a STAC API landing page (conformsTo, search link) "
                    + "nor a static Catalog, Collection or item");
        }
        switch (type) {
            case "Catalog":
            case "Collection":
            case "Feature":
            case "FeatureCollection":
                return new StaticStacCatalog(url, doc, http);
            default:
                throw new StacException(url, "type", "\"" + type + "\" is neither a STAC API landing page nor a static "
                        + "Catalog, Collection or item");
        }
    }

    private static boolean isApi(JsonObject doc) {
        if (doc.get("conformsTo") instanceof JsonArray conforms) {
            for (JsonValue v : conforms) {
                if (v instanceof JsonString s && s.getString().contains("item-search")) {
                    return true;
                }
            }
        }
        if (doc.get("links") instanceof JsonArray links) {
            for (JsonValue v : links) {
                if (v instanceof JsonObject l && l.get("rel") instanceof JsonString rel && "search".equals(rel.getString())) {
                    return true;
                }
            }
        }
        return false;
    }
}
