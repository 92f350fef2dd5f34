package io.eobatch.provider.sentinelhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The MicroProfile Config keys of a Sentinel Hub account. */
class SentinelHubConfigTest {

    private static Map<String, String> complete() {
        Map<String, String> m = new HashMap<>();
        m.put("eobatch.provider.sentinel-hub.url", "https://sh.example.test/");
        m.put("eobatch.provider.sentinel-hub.token-url", "https://auth.example.test/oauth/token");
        m.put("eobatch.provider.sentinel-hub.client-id", "client-1");
        m.put("eobatch.provider.sentinel-hub.client-secret", "very-secret-1");
        return m;
    }

    private static SentinelHubConfig read(Map<String, String> m) {
        return SentinelHubConfig.fromLookup(k -> Optional.ofNullable(m.get(k)));
    }

    @Test
    void readsEveryKey() {
        Map<String, String> m = complete();
        m.put("eobatch.provider.sentinel-hub.timeout-s", " 15 ");
        SentinelHubConfig c = read(m);
        assertEquals(URI.create("https://sh.example.test"), c.baseUrl());
        assertEquals(URI.create("https://sh.example.test/api/v1/statistics"), c.endpoint(SentinelHubRequests.STATISTICS_PATH));
        assertEquals(URI.create("https://auth.example.test/oauth/token"), c.tokenUrl());
        assertEquals("client-1", c.clientId());
        assertEquals("very-secret-1", c.clientSecret());
        assertEquals(Duration.ofSeconds(15), c.timeout());
        assertEquals(Duration.ofSeconds(10), c.connectTimeout());
        assertEquals(Duration.ofSeconds(60), read(complete()).timeout());
    }

    @Test
    void missingOrBadValuesNameTheKeyAndNeverTheSecret() {
        for (String key : complete().keySet()) {
            Map<String, String> m = complete();
            m.put(key, "  ");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(m));
            assertEquals("missing configuration " + key + " (environment variable "
                    + key.toUpperCase().replace('.', '_').replace('-', '_') + ")", e.getMessage());
        }
        Map<String, String> m = complete();
        m.put("eobatch.provider.sentinel-hub.url", "ftp://sh.example.test");
        assertEquals("eobatch.provider.sentinel-hub.url must be an absolute http(s) URL: ftp://sh.example.test",
                assertThrows(IllegalArgumentException.class, () -> read(m)).getMessage());
        Map<String, String> t = complete();
        t.put("eobatch.provider.sentinel-hub.timeout-s", "ten");
        assertEquals("eobatch.provider.sentinel-hub.timeout-s is not a whole number of seconds: \"ten\"",
                assertThrows(IllegalArgumentException.class, () -> read(t)).getMessage());
        assertFalse(read(complete()).toString().contains("very-secret-1"));
    }
}
