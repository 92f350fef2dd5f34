package io.eobatch.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which URLs a catalog's policy lets through: one line a case. */
class OutboundPolicyTest {

    private static OutboundPolicy policy(String root, String... hosts) {
        return OutboundPolicy.forRoot("catalog c", "eobatch.catalog.c.allowed-hosts", URI.create(root), List.of(hosts),
                OutboundLimits.DEFAULTS);
    }

    @ParameterizedTest(name = "{0} + [{1}]: {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // root                                   | allowed hosts          | URL                                         | allowed
        "https://stac.example.org/v1             |                        | https://stac.example.org/v1/search?page=2  | true",
        "https://stac.example.org/v1             |                        | https://STAC.example.org:443/x             | true",
        "https://stac.example.org/v1             |                        | http://stac.example.org/x                  | false",
        "https://stac.example.org/v1             |                        | https://stac.example.org:8443/x            | false",
        "https://stac.example.org/v1             |                        | https://cogs.example.org/a.tif             | false",
        "https://stac.example.org/v1             | cogs.example.org       | https://cogs.example.org:9000/a.tif        | true",
        "https://stac.example.org/v1             | cogs.example.org:9000  | https://cogs.example.org:9001/a.tif        | false",
        "https://stac.example.org/v1             | *                      | https://anywhere.example.net/a.tif         | true",
        "https://stac.example.org/v1             | *                      | file:///etc/passwd                         | false",
        "http://127.0.0.1:8081/catalog.json      |                        | http://127.0.0.1:8081/items/a.json         | true",
        "http://127.0.0.1:8081/catalog.json      |                        | https://127.0.0.1/items/a.json             | false",
        "http://127.0.0.1:8081/catalog.json      |                        | http://localhost:8081/items/a.json         | false",
        "http://127.0.0.1:8081/catalog.json      |                        | file:/etc/passwd                           | false",
        "file:///data/catalog/catalog.json       |                        | file:///data/catalog/b04.tif               | true",
        "file:///data/catalog/catalog.json       |                        | https://cogs.example.org/b04.tif           | false",
        "file:///data/catalog/catalog.json       | cogs.example.org       | https://cogs.example.org/b04.tif           | true",
        "https://stac.example.org/v1             |                        | relative/path.json                         | false",
        "https://stac.example.org/v1             | *                      | ftp://stac.example.org/a.tif               | false",
    })
    void schemesAndHosts(String root, String hosts, String url, boolean allowed) {
        OutboundPolicy p = hosts == null ? policy(root) : policy(root, hosts.split(","));
        assertEquals(allowed, p.allows(URI.create(url)), p.refusal(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.170.2/v2/credentials",
        "http://[fe80::1]/x",
        "http://[fe80::a00:27ff:fe4e:66a1%25eth0]/x",
        "http://[::ffff:169.254.169.254]/x",
        "http://2852039166/latest/meta-data/",
    })
    void linkLocalIsNeverFetchedWhateverTheLists(String url) {
        OutboundPolicy p = policy("http://169.254.169.254/catalog.json", "*", "169.254.169.254", "[fe80::1]");
        String why = p.refusal(URI.create(url));
        assertTrue(why != null && (why.contains("link-local") || why.contains("no host")), url + ": " + why);
        assertTrue(OutboundPolicy.anyHost().refusal(URI.create(url)) != null, url);
    }

    @Test
    void aLinkLocalIpIsSaidToBeOneEvenWhereItsHostIsNotAllowedAnyway() {
        String why = policy("https://stac.example.org/v1").refusal(URI.create("https://169.254.169.254/x.tif"));
        assertEquals("the host 169.254.169.254 is a link-local address (169.254.169.254), never fetched", why);
    }

    @Test
    void theRefusalNamesTheUrlTheHostAndTheSetting() {
        OutboundRefusedException e = assertThrows(OutboundRefusedException.class,
                () -> policy("https://stac.example.org/v1").check(URI.create("https://evil.example.net/x.tif")));
        assertEquals("https://evil.example.net/x.tif: not fetched: the host evil.example.net:443 is not allowed for "
                + "catalog c (allowed: stac.example.org:443; more in eobatch.catalog.c.allowed-hosts)", e.getMessage());
    }

    @Test
    void anyHostAllowsOrdinaryHosts() {
        assertNull(OutboundPolicy.anyHost().refusal(URI.create("http://127.0.0.1:9/x")));
        assertNull(OutboundPolicy.anyHost().refusal(URI.create("file:///tmp/x.tif")));
    }
}
