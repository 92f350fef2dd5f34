package io.eobatch.provider.sentinelhub;

import io.eobatch.provider.ItemDataException;
import io.eobatch.stac.StacException;
import io.eobatch.stac.StacItem;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.http.ProviderHttp;
import io.eobatch.provider.http.ProviderHttpException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A client of one Sentinel Hub account (or the Sentinel Hub APIs of the Copernicus Data Space): Catalog API search,
 * Statistical API and Process API, authenticated with {@link OAuthTokens}. Thread-safe; one instance per account is
 * meant to be shared by every partition and thread (the token cache is per instance).
 *
 * <p>Each HTTP attempt runs through the {@link ProviderCall} given at construction (the shared throttle, or
 * {@link ProviderCall#DIRECT}) with its cost in processing units ({@link SentinelHubRequestCost}). An answer of 401
 * gets one forced token refresh and one more attempt; a second 401 is a {@link ProviderHttpException}. Every other
 * error status is a {@link ProviderHttpException} at once (status, raw {@code Retry-After}; retrying is the
 * throttle's business), I/O failures are {@link io.eobatch.provider.TransientSourceException}s, and a malformed answer
 * is an {@link ItemDataException}. No message or log record contains the client secret or a token.
 *
 * <p>Written over java.net.http and JSON-P: there is no Java Sentinel Hub client on Maven Central (the official
 * clients are Python and JavaScript), and the three requests are small JSON documents
 * ({@link SentinelHubRequests}).
 */
public final class SentinelHubClient {

    private static final Logger LOG = Logger.getLogger(SentinelHubClient.class.getName());
    /** Pages followed at most by one catalog search. */
    static final int MAX_PAGES = 1000;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final SentinelHubConfig config;
    private final ProviderCall calls;
    private final ProviderHttp http;
    private final OAuthTokens tokens;

    /** A client with the system UTC clock. */
    public SentinelHubClient(SentinelHubConfig config, ProviderCall calls) {
        this(config, calls, Clock.systemUTC());
    }

    /**
     * @param calls the wrapper every API attempt runs through (the throttle), {@link ProviderCall#DIRECT} for none
     * @param clock the clock token expiry is measured on
     */
    public SentinelHubClient(SentinelHubConfig config, ProviderCall calls, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.calls = Objects.requireNonNull(calls, "calls");
        // the supplier reads the tokens field lazily: it is set on the next line, before any request
        this.http = new ProviderHttp("sentinel-hub", config.connectTimeout(), config.timeout(), this::secrets);
        this.tokens = new OAuthTokens(config, http, clock);
    }

    private List<String> secrets() {
        OAuthTokens t = tokens;
        return t == null ? List.of(config.clientSecret()) : t.secrets();
    }

    /** The account's token cache. */
    public OAuthTokens tokens() {
        return tokens;
    }

    public SentinelHubConfig config() {
        return config;
    }

    /**
     * Catalog API search ({@code POST {base}/api/v1/catalog/1.0.0/search}), following the paging token
     * ({@code context.next}, sent back as {@code next} in the same body) until the last page. Items are parsed as STAC
     * items; a malformed one is an {@link ItemDataException} naming the page URL and {@code features[i]}.
     */
    public List<StacItem> catalogSearch(CatalogSearch search) {
        URI url = config.endpoint(SentinelHubRequests.CATALOG_SEARCH_PATH);
        double cost = SentinelHubRequestCost.of(search);
        List<StacItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonValue next = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonObject body = SentinelHubRequests.catalogSearch(search, next);
            ProviderHttp.Response r = post(url, body, "application/geo+json", cost);
            JsonObject answer = http.json(r);
            if (!(answer.get("features") instanceof JsonArray features)) {
                throw new ItemDataException("POST " + url + " (page " + (page + 1) + "): field 'features' missing or not an array", null);
            }
            for (int i = 0; i < features.size(); i++) {
                if (!(features.get(i) instanceof JsonObject f)) {
                    throw new ItemDataException("POST " + url + " (page " + (page + 1) + "): field 'features[" + i + "]' is not an object", null);
                }
                try {
                    items.add(StacItem.fromJson(f, url));
                } catch (StacException e) {
                    throw new ItemDataException("POST " + url + " (page " + (page + 1) + ") features[" + i + "]: " + e.getMessage(), e);
                }
            }
            next = nextToken(answer);
            if (next == null || features.isEmpty()) {
                return items;
            }
            if (!seen.add(next.toString())) {
                throw new ItemDataException("POST " + url + ": paging token " + next + " repeats: the server pages in a loop", null);
            }
        }
        throw new ItemDataException("POST " + url + ": more than " + MAX_PAGES + " pages", null);
    }

    /** The paging token of a Catalog answer: {@code context.next}, else a {@code rel=next} link's {@code body.next}. */
    static JsonValue nextToken(JsonObject answer) {
        if (answer.get("context") instanceof JsonObject c) {
            JsonValue n = c.get("next");
            if (n != null && n != JsonValue.NULL) {
                return n;
            }
        }
        if (answer.get("links") instanceof JsonArray links) {
            for (JsonValue l : links) {
                if (l instanceof JsonObject link && link.get("rel") instanceof JsonString rel && "next".equals(rel.getString())
                        && link.get("body") instanceof JsonObject b) {
                    JsonValue n = b.get("next");
                    if (n != null && n != JsonValue.NULL) {
                        return n;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Statistical API ({@code POST {base}/api/v1/statistics}): the index statistics of {@code request}'s AOI per
     * aggregation interval. Failed intervals (status PARTIAL) are failed entries of the result, not an exception.
     */
    public StatisticsResult statistics(StatisticsRequest request) {
        URI url = config.endpoint(SentinelHubRequests.STATISTICS_PATH);
        double cost = SentinelHubRequestCost.of(request);
        ProviderHttp.Response r = post(url, SentinelHubRequests.statistics(request), "application/json", cost);
        StatisticsResult result = StatisticsResponses.parse(http.json(r), SentinelHubRequests.outputId(request.index()), url, cost);
        if (!result.failed().isEmpty()) {
            LOG.fine(() -> "sentinel-hub statistics " + result.status() + ": " + result.failed().size() + " of "
                    + result.intervals().size() + " intervals failed");
        }
        return result;
    }

    /**
     * Process API ({@code POST {base}/api/v1/process}): a PNG of {@code request}'s AOI. An answer that is not a PNG
     * is an {@link ItemDataException}.
     */
    public byte[] process(ImageRequest request) {
        URI url = config.endpoint(SentinelHubRequests.PROCESS_PATH);
        ProviderHttp.Response r = post(url, SentinelHubRequests.process(request), "image/png", SentinelHubRequestCost.of(request));
        byte[] png = r.body();
        if (png.length < PNG_MAGIC.length || !Arrays.equals(png, 0, PNG_MAGIC.length, PNG_MAGIC, 0, PNG_MAGIC.length)) {
            throw new ItemDataException("POST " + url + ": answer is not a PNG (" + png.length + " bytes, Content-Type "
                    + r.header("Content-Type") + ")", null);
        }
        return png;
    }

    /** POSTs {@code body} with a bearer token through the wrapper; one refresh and retry after a 401. */
    private ProviderHttp.Response post(URI url, JsonObject body, String accept, double cost) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String token = tokens.token();
        ProviderHttp.Response r = calls.run(cost, () -> attempt(url, bytes, accept, token, true));
        if (r.status() == 401) {
            LOG.fine(() -> "sentinel-hub POST " + url + " answered 401: refreshing the token once");
            String fresh = tokens.refreshAfterRejection(token);
            r = calls.run(cost, () -> attempt(url, bytes, accept, fresh, false));
        }
        return r;
    }

    private ProviderHttp.Response attempt(URI url, byte[] body, String accept, String token, boolean allow401) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", accept);
        ProviderHttp.Response r = http.exchange("POST", url, headers, body);
        if (r.ok() || (allow401 && r.status() == 401)) {
            return r;
        }
        throw http.error(r);
    }

    @Override
    public String toString() {
        return "SentinelHubClient[" + config + "]";
    }
}
