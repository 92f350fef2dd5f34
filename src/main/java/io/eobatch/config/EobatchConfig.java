package io.eobatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundPolicy;

/**
 * eobatch's environment settings, from MicroProfile Config (system properties, environment variables,
 * microprofile-config.properties) through {@link Settings}. Every key {@code eobatch.a.b} can be given as the
 * environment variable {@code EOBATCH_A_B}.
 */
@ApplicationScoped
public class EobatchConfig {

    /** The name of the embedded synthetic demo catalog. */
    public static final String DEMO_CATALOG = "demo";

    private static final Pattern DOTTED = Pattern.compile("eobatch\\.catalog\\.([A-Za-z0-9_-]+)\\.url");
    private static final Pattern ENV = Pattern.compile("EOBATCH_CATALOG_([A-Z0-9_]+)_URL");

    /**
     * {@code eobatch.data.dir} (EOBATCH_DATA_DIR): where the database, the demo catalog and job results live.
     * The provisioned server sets it to {@code standalone/data/eobatch} unless the environment says otherwise.
     */
    public Path dataDir() {
        return Path.of(Settings.value("eobatch.data.dir", String.class)
                .orElse(System.getProperty("jboss.server.data.dir", "eobatch-data") + "/eobatch"));
    }

    /** Directory of the embedded demo catalog (generated on first use). */
    public Path demoCatalogDir() {
        return dataDir().resolve("demo-catalog");
    }

    /**
     * The URL of catalog {@code name}: {@code eobatch.catalog.<name>.url} (EOBATCH_CATALOG_<NAME>_URL), a file or
     * http(s) URL of a static STAC catalog or of a STAC API. {@code demo} is built in.
     */
    public Optional<URI> catalogUrl(String name) {
        Optional<String> v = Settings.value("eobatch.catalog." + name + ".url", String.class);
        if (v.isEmpty()) {
            v = Settings.value("EOBATCH_CATALOG_" + name.toUpperCase(Locale.ROOT).replace('-', '_')
                    + "_URL", String.class);
        }
        if (v.isPresent() && !v.get().isBlank()) {
            return Optional.of(URI.create(v.get().strip()));
        }
        if (DEMO_CATALOG.equals(name)) {
            return Optional.of(demoCatalogDir().resolve("catalog.json").toUri());
        }
        return Optional.empty();
    }

    /** The key of the URL clients reach the server at. */
    public static final String PUBLIC_URL = "eobatch.public-url";

    /**
     * The base URL of the API as clients reach it, ending in {@code /api/}: hrefs that leave the server (STAC links
     * and assets) are built from it, never from the request's {@code Host} header, which any client can forge (a
     * cached or shared catalog would then send its readers elsewhere). {@code eobatch.public-url}
     * (EOBATCH_PUBLIC_URL), e.g. {@code https://eo.example.org} behind a proxy; default
     * {@code http://127.0.0.1:<jboss.http.port>}, the server as it listens.
     */
    public URI publicApiBase() {
        return apiBase(Settings.value(PUBLIC_URL, String.class), System.getProperty("jboss.http.port", "8080"));
    }

    /**
     * The API's base URL under {@code eobatch.public-url} when it is configured ({@link #publicApiBase()}'s rule), else
     * empty: what the {@code Location} of a 201 answer is built from, the request's own base URL only without it.
     *
     * @throws IllegalStateException when the configured value is not an absolute http(s) URL
     */
    public static Optional<URI> configuredPublicApiBase() {
        return Settings.value(PUBLIC_URL, String.class).filter(s -> !s.isBlank()).map(s -> apiBase(Optional.of(s), ""));
    }

    /** The rule of {@link #publicApiBase()}: {@code configured} (or the local default) with {@code /api/} appended. */
    public static URI apiBase(Optional<String> configured, String httpPort) {
        String base = configured.map(String::strip).filter(s -> !s.isEmpty())
                .orElse("http://127.0.0.1:" + httpPort);
        URI uri;
        try {
            uri = new URI(base);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(PUBLIC_URL + " is not a URL: '" + base + "'", e);
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException(PUBLIC_URL + " must be an absolute http(s) URL without query or "
                    + "fragment: '" + base + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path += "/";
        }
        return uri.resolve(path + "api/");
    }

    /**
     * The limits of every outbound request ({@link OutboundLimits}): {@code eobatch.http.timeout-s} (60),
     * {@code eobatch.http.max-document-bytes} (64 MiB), {@code eobatch.http.max-file-bytes} (256 MiB),
     * {@code eobatch.http.max-redirects} (5).
     *
     * @throws IllegalArgumentException naming the key when a value is not a number or out of range
     */
    public OutboundLimits outboundLimits() {
        return outboundLimits(Settings.lookup());
    }

    /** {@link #outboundLimits()} from {@code config} (keys to values): what {@link SettingsCheck} checks, key by key. */
    static OutboundLimits outboundLimits(java.util.function.Function<String, Optional<String>> config) {
        OutboundLimits d = OutboundLimits.DEFAULTS;
        return new OutboundLimits(
                Duration.ofSeconds(number(config, OutboundLimits.KEY_TIMEOUT, d.timeout().toSeconds())),
                number(config, OutboundLimits.KEY_MAX_DOCUMENT_BYTES, d.maxDocumentBytes()),
                number(config, OutboundLimits.KEY_MAX_FILE_BYTES, d.maxFileBytes()),
                (int) Math.min(Integer.MAX_VALUE, number(config, OutboundLimits.KEY_MAX_REDIRECTS, d.maxRedirects())));
    }

    /**
     * Where the requests made for catalog {@code name} may go ({@link OutboundPolicy#forRoot}): the catalog's own
     * scheme rule and host, plus {@code eobatch.catalog.<name>.allowed-hosts} (EOBATCH_CATALOG_<NAME>_ALLOWED_HOSTS,
     * comma separated {@code host}, {@code host:port} or {@code *}); with the limits of {@link #outboundLimits()},
     * the timeout replaced by {@code eobatch.catalog.<name>.timeout-s} when set.
     *
     * @throws IllegalArgumentException when there is no such catalog or a value is wrong (naming the key)
     */
    public OutboundPolicy catalogPolicy(String name) {
        URI url = catalogUrl(name).orElseThrow(() -> new IllegalArgumentException("no catalog named " + name));
        String hostsKey = "eobatch.catalog." + name + ".allowed-hosts";
        List<String> hosts = catalogValue(name, "allowed-hosts")
                .map(v -> Arrays.asList(v.split(","))).orElse(List.of());
        OutboundLimits limits = outboundLimits();
        Optional<String> timeout = catalogValue(name, "timeout-s");
        if (timeout.isPresent()) {
            limits = limits.withTimeout(Duration.ofSeconds(parse("eobatch.catalog." + name + ".timeout-s",
                    timeout.get())));
        }
        return OutboundPolicy.forRoot("catalog " + name, hostsKey, url, hosts, limits);
    }

    private static Optional<String> catalogValue(String name, String key) {
        return catalogValue(Settings.lookup(), name, key);
    }

    /** {@code eobatch.catalog.<name>.<key>} in {@code config}, else the environment variable's spelling of it. */
    static Optional<String> catalogValue(java.util.function.Function<String, Optional<String>> config, String name,
                                         String key) {
        Optional<String> v = config.apply("eobatch.catalog." + name + "." + key);
        if (v.isEmpty()) {
            v = config.apply(("EOBATCH_CATALOG_" + name + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return v.filter(s -> !s.isBlank());
    }

    private static long number(java.util.function.Function<String, Optional<String>> config, String key, long def) {
        return config.apply(key).filter(s -> !s.isBlank()).map(v -> parse(key, v)).orElse(def);
    }

    /**
     * {@code v}, the value of the outbound setting {@code key}, as a whole number ({@code _} allowed), positive but
     * for {@code max-redirects} (at least 0): {@link Settings#wholeProblem}'s rule, the one start-up checks.
     *
     * @throws IllegalArgumentException naming the key and the value when it is not
     */
    static long parse(String key, String v) {
        Settings.wholeProblem(key, v, key.endsWith("max-redirects") ? 0 : 1).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return Long.parseLong(v.strip().replace("_", ""));
    }

    /** The names of every configured catalog, {@code demo} included (lower case). */
    public TreeSet<String> catalogNames() {
        TreeSet<String> names = new TreeSet<>();
        names.add(DEMO_CATALOG);
        for (String key : Settings.names()) {
            Matcher m = DOTTED.matcher(key);
            if (m.matches()) {
                names.add(m.group(1));
            }
            m = ENV.matcher(key);
            if (m.matches()) {
                names.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
