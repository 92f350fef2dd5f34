package io.eobatch.stac;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.eobatch.results.JsonValues;

/**
 * A STAC API (such as Earth Search v1): {@code POST {root}/search} with the body of {@link SearchRequest#toJson()},
 * then every {@code next} link until there is none.
 *
 * <p>Written by hand over java.net.http and JSON-P because the Java STAC client on Maven Central
 * ({@code java-stac-client}, alpha) sends neither the {@code query} extension (our cloud-cover filter) nor follows
 * {@code next} links (notes/eo.md); what we need is one request shape and the paging rules below.
 *
 * <p>Paging follows the STAC API item-search rules: a {@code rel=next} link with {@code method} POST is posted to
 * its {@code href} with its {@code body} (merged into the previous body when {@code merge} is true; the previous body
 * when it has none) and its {@code headers}; a link without a method (or GET) is fetched with GET. Pages are fetched
 * lazily, one when the previous one is used up. A next link that repeats an earlier request is an error rather
 * than an endless loop.
 *
 * <p>The cloud-cover limit is also applied to the items received, so that a server without the {@code query}
 * extension (which may ignore it) cannot hand back cloudy scenes; items without {@code eo:cloud_cover} are dropped
 * then, as a server applying the query would.
 *
 * <p>Relative asset hrefs are resolved against the item's {@code self} link when it has one, else the page URL.
 */
public final class StacApiCatalog implements StacCatalog {

    private static final Logger LOG = Logger.getLogger(StacApiCatalog.class.getName());
    private static final int MAX_COLLECTION_PAGES = 1000;

    private final URI root;
    private final URI searchUrl;
    private final StacHttp http;

    /**
     * A STAC API at {@code url}: its landing page, or its search endpoint (a URL whose path ends in {@code /search};
     * then the landing page is taken to be its parent and is not fetched).
     */
    public StacApiCatalog(URI url) {
        this(url, StacOptions.defaults());
    }

    public StacApiCatalog(URI url, StacOptions options) {
        this(url, null, new StacHttp(options));
    }

    StacApiCatalog(URI url, JsonObject landingPage, StacHttp http) {
        Objects.requireNonNull(url, "url");
        this.http = http;
        if (isSearchUrl(url)) {
            String s = url.toString().replaceFirst("/search/?(\\?.*)?$", "");
            this.root = URI.create(s);
            this.searchUrl = url;
        } else {
            this.root = url;
            JsonObject landing = landingPage != null ? landingPage : http.get(url);
            this.searchUrl = searchLink(landing, url);
        }
    }

    static boolean isSearchUrl(URI url) {
        String path = url.getPath();
        return path != null && (path.endsWith("/search") || path.endsWith("/search/"));
    }

    /** The landing page URL (for a catalog opened by its search URL: that URL without {@code /search}). */
    public URI root() {
        return root;
    }

    /** Where searches are posted. */
    public URI searchUrl() {
        return searchUrl;
    }

    @Override
    public Iterator<StacItem> iterate(SearchRequest request) {
        return new Pages(new PageRequest("POST", searchUrl, request.toJson(), Map.of()), request.maxCloudCover());
    }

    @Override
    public Optional<StacItem> item(String collection, String id) {
        URI url = URI.create(withSlash(root) + "collections/" + pathSegment(collection) + "/items/" + pathSegment(id));
        JsonObject doc = http.getIfFound(url);
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(StacItem.parse(doc, itemBase(doc, url), url, "", collection));
    }

    @Override
    public List<String> collections() {
        List<String> ids = new ArrayList<>();
        URI url = URI.create(withSlash(root) + "collections");
        Set<URI> seen = new HashSet<>();
        while (url != null && seen.add(url) && seen.size() <= MAX_COLLECTION_PAGES) {
            JsonObject page = http.get(url);
            JsonArray cs = JsonFields.optArray(page, "collections", url, "");
            if (cs == null) {
                throw new StacException(url, "collections", "missing");
            }
            for (int i = 0; i < cs.size(); i++) {
                ids.add(JsonFields.requireString(JsonFields.objectAt(cs, i, url, "collections"), "id", url,
                        "collections[" + i + "]"));
            }
            JsonObject next = link(page, "next", url);
            url = next == null ? null : JsonFields.resolve(url, JsonFields.requireString(next, "href", url, "links[rel=next]"),
                    url, "links[rel=next].href");
        }
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "StacApiCatalog[" + searchUrl + "]";
    }

    /** The POST search link of a landing page (else its first search link, else {root}/search). */
    private static URI searchLink(JsonObject landing, URI url) {
        JsonArray links = JsonFields.optArray(landing, "links", url, "");
        JsonObject chosen = null;
        int chosenIndex = -1;
        if (links != null) {
            for (int i = 0; i < links.size(); i++) {
                JsonObject l = JsonFields.objectAt(links, i, url, "links");
                if (!"search".equals(JsonFields.optString(l, "rel", url, "links[" + i + "]"))) {
                    continue;
                }
                String method = JsonFields.optString(l, "method", url, "links[" + i + "]");
                if (chosen == null || "POST".equalsIgnoreCase(method)) {
                    chosen = l;
                    chosenIndex = i;
                }
                if ("POST".equalsIgnoreCase(method)) {
                    break;
                }
            }
        }
        if (chosen == null) {
            return URI.create(withSlash(url) + "search");
        }
        String lp = "links[" + chosenIndex + "]";
        return JsonFields.resolve(url, JsonFields.requireString(chosen, "href", url, lp), url, lp + ".href");
    }

    /** The first link with {@code rel}, or null. */
    private static JsonObject link(JsonObject doc, String rel, URI url) {
        JsonArray links = JsonFields.optArray(doc, "links", url, "");
        if (links == null) {
            return null;
        }
        for (int i = 0; i < links.size(); i++) {
            JsonObject l = JsonFields.objectAt(links, i, url, "links");
            if (rel.equals(JsonFields.optString(l, "rel", url, "links[" + i + "]"))) {
                return l;
            }
        }
        return null;
    }

    /** The item's absolute {@code self} link, the base of its relative hrefs; else the URL it came from. */
    private static URI itemBase(JsonObject item, URI url) {
        try {
            JsonObject self = link(item, "self", url);
            if (self != null && self.get("href") instanceof JsonString s) {
                URI u = url.resolve(s.getString());
                if (u.isAbsolute()) {
                    return u;
                }
            }
        } catch (StacException | IllegalArgumentException e) {
            // A malformed links array or self href: fall back to the page URL; item parsing reports real problems.
        }
        return url;
    }

    private static String withSlash(URI u) {
        String s = u.toString();
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        return s.endsWith("/") ? s : s + "/";
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, for one path segment. */
    static String pathSegment(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** One page request: POST with a body, or GET. */
    private record PageRequest(String method, URI url, JsonObject body, Map<String, String> headers) {
        String key() {
            return method + " " + url + " " + (body == null ? "" : body.toString()) + " " + headers;
        }
    }

    /** The lazy iterator over all pages of one search. */
    private final class Pages implements Iterator<StacItem> {
        private final Deque<StacItem> buffer = new ArrayDeque<>();
        private final Set<String> sent = new HashSet<>();
        private final Double maxCloudCover;
        private PageRequest next;
        private int pages;
        private int items;
        private int dropped;

        Pages(PageRequest first, Double maxCloudCover) {
            this.next = first;
            this.maxCloudCover = maxCloudCover;
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && next != null) {
                fetch(next);
            }
            return !buffer.isEmpty();
        }

        @Override
        public StacItem next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.removeFirst();
        }

        private void fetch(PageRequest r) {
            sent.add(r.key());
            JsonObject page = "POST".equals(r.method) ? http.post(r.url, r.body, r.headers) : http.get(r.url);
            pages++;
            JsonArray features = JsonFields.optArray(page, "features", r.url, "");
            if (features == null) {
                throw new StacException(r.url, "features", "missing (page " + pages + " of the search)");
            }
            for (int i = 0; i < features.size(); i++) {
                JsonObject f = JsonFields.objectAt(features, i, r.url, "features");
                StacItem item = StacItem.parse(f, itemBase(f, r.url), r.url, "features[" + i + "]", null);
                if (maxCloudCover != null && (item.cloudCover() == null || item.cloudCover() > maxCloudCover)) {
                    dropped++; // the server ignored the query extension
                } else {
                    buffer.add(item);
                }
            }
            items += features.size();
            next = nextRequest(page, r);
            if (next != null && sent.contains(next.key())) {
                throw new StacException(r.url, "links[rel=next]",
                        "repeats an earlier request after page " + pages + ": the server's paging does not advance");
            }
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(String.format("search %s: page %d, %d items (%d so far)%s", searchUrl, pages,
                        features.size(), items, next == null ? ", last page" : ""));
            }
            if (next == null && dropped > 0) {
                LOG.warning(String.format("search %s: the server returned %d items above eo:cloud_cover %s (it does "
                        + "not apply the query extension); dropped them", searchUrl, dropped, maxCloudCover));
            }
        }

        private PageRequest nextRequest(JsonObject page, PageRequest current) {
            JsonObject l = link(page, "next", current.url);
            if (l == null) {
                return null;
            }
            String lp = "links[rel=next]";
            URI href = JsonFields.resolve(current.url,
                    JsonFields.requireString(l, "href", current.url, lp), current.url, lp + ".href");
            String method = JsonFields.optString(l, "method", current.url, lp);
            Map<String, String> headers = new LinkedHashMap<>();
            JsonObject h = JsonFields.optObject(l, "headers", current.url, lp);
            if (h != null) {
                for (Map.Entry<String, JsonValue> e : h.entrySet()) {
                    if (e.getValue() instanceof JsonString s) {
                        headers.put(e.getKey(), s.getString());
                    }
                }
            }
            if (method == null || method.equalsIgnoreCase("GET")) {
                return new PageRequest("GET", href, null, headers);
            }
            if (!method.equalsIgnoreCase("POST")) {
                throw new StacException(current.url, lp + ".method", "unsupported method \"" + method + "\"");
            }
            JsonObject body = JsonFields.optObject(l, "body", current.url, lp);
            Boolean merge = JsonFields.optBoolean(l, "merge", current.url, lp);
            JsonObject previous = current.body == null ? JsonValue.EMPTY_JSON_OBJECT : current.body;
            if (body == null) {
                body = previous;
            } else if (merge != null && merge) {
                JsonObjectBuilder b = JsonValues.JSON.createObjectBuilder(previous);
                body.forEach(b::add);
                body = b.build();
            }
            return new PageRequest("POST", href, body, headers);
        }
    }
}
