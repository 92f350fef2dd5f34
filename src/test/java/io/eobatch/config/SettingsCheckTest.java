package io.eobatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Every numeric setting is checked at start-up; each wrong one is named with its value. */
class SettingsCheckTest {

    private static List<String> problems(Map<String, String> config) {
        return SettingsCheck.problems(k -> Optional.ofNullable(config.get(k)), List.of("demo", "drava"));
    }

    @Test
    void nothingConfiguredAndRightValuesAreFine() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(), problems(Map.ofEntries(Map.entry("eobatch.limits.tiled-composite.max-tiles", "2_000"),
                Map.entry("eobatch.limits.aoi-features", "500"), Map.entry("eobatch.events.interval-ms", "250"),
                Map.entry("eobatch.disk.reserve-mb", "-1"), Map.entry("eobatch.results.retention-days", "0.5"),
                Map.entry("eobatch.provider.sentinel-hub.max-in-flight", "4"),
                Map.entry("eobatch.provider.stac.expected-latency-ms", "0"), Map.entry("eobatch.http.max-redirects", "0"),
                Map.entry("eobatch.catalog.drava.timeout-s", "5"), Map.entry("eobatch.public-url",
                        "https://eo.example.org/x"))));
    }

    @Test
    void eachWrongValueIsNamedWithItsKeyAndValue() {
        Map<String, String> wrong = Map.ofEntries(
                Map.entry("eobatch.limits.tiled-composite.max-tiles", "lots"),
                Map.entry("eobatch.limits.aoi-body-bytes", "0"),
                Map.entry("eobatch.limits.earliest-date", "yesterday"),
                Map.entry("eobatch.provider.sentinel-hub.max-in-flight", "eight"),
                Map.entry("eobatch.provider.observearth.expected-latency-ms", "-5"),
                Map.entry("eobatch.events.queue", "1.5"),
                Map.entry("eobatch.disk.reserve-mb", "plenty"),
                Map.entry("eobatch.plan.search-cell-degrees", "NaN"),
                Map.entry("eobatch.http.timeout-s", "0"),
                Map.entry("eobatch.catalog.drava.timeout-s", "soon"),
                Map.entry("eobatch.public-url", "eo.example.org"));
        List<String> problems = problems(wrong);
        assertEquals(wrong.size(), problems.size(), String.join("\n", problems));
        for (String key : wrong.keySet()) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(key)), key + " named in " + problems);
        }
        assertTrue(problems.stream().anyMatch(p -> p.contains("'lots'")), "the value too: " + problems);
    }

    /**
     * The outbound limits are checked as they are read: a value start-up lets through is one every request can use
     * (ranges included), and one start-up refuses is refused there too.
     */
    @Test
    void theOutboundLimitsAreCheckedByTheRuleTheyAreReadWith() {
        Map<String, String> wrong = Map.of("eobatch.http.max-redirects", "25", "eobatch.http.max-file-bytes",
                "3000000000", "eobatch.http.max-document-bytes", "-1");
        List<String> problems = problems(wrong);
        assertEquals(wrong.size(), problems.size(), String.join("\n", problems));
        for (String key : wrong.keySet()) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(key)), key + " named in " + problems);
            assertThrows(IllegalArgumentException.class,
                    () -> EobatchConfig.outboundLimits(k -> Optional.ofNullable(wrong.get(k)).filter(v -> k.equals(key))));
        }
        Map<String, String> right = Map.of("eobatch.http.timeout-s", "1_000", "eobatch.http.max-redirects", "0",
                "eobatch.catalog.drava.timeout-s", "2_000");
        assertEquals(List.of(), problems(right));
        var limits = EobatchConfig.outboundLimits(k -> Optional.ofNullable(right.get(k)));
        assertEquals(1000, limits.timeout().toSeconds());
        assertEquals(0, limits.maxRedirects());
        assertEquals(2000, EobatchConfig.parse("eobatch.catalog.drava.timeout-s", "2_000"));
        assertThrows(IllegalArgumentException.class, () -> EobatchConfig.parse("eobatch.catalog.drava.timeout-s", "0"));
    }

    /** A catalog's timeout is found under the environment variable's spelling too, as the catalog reads it. */
    @Test
    void aCatalogsTimeoutInTheEnvironmentsSpellingIsCheckedToo() {
        List<String> problems = problems(Map.of("EOBATCH_CATALOG_DRAVA_TIMEOUT_S", "soon"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("eobatch.catalog.drava.timeout-s") && problems.get(0).contains("'soon'"),
                problems.toString());
        assertEquals(List.of(), problems(Map.of("EOBATCH_CATALOG_DRAVA_TIMEOUT_S", "30")));
    }

    /** After start-up a wrong limit never fails a request: its default is used (and the key logged). */
    @Test
    void aWrongLimitReadAtRequestTimeFallsBackToItsDefaultAlone() {
        Map<String, String> c = Map.of(Limits.TILES, "lots", Limits.AOI_VERTICES, "7");
        Limits l = Limits.lenient(k -> Optional.ofNullable(c.get(k)));
        assertEquals(Limits.DEFAULTS.tiles(), l.tiles());
        assertEquals(7, l.aoiVertices(), "the right one is kept");
    }

    @Test
    void aWrongPlainNumberReadAtRunTimeIsItsDefault() {
        assertEquals(42, Settings.number(k -> Optional.of("abc"), "eobatch.events.queue", 42, 0));
        assertEquals(0.5, Settings.decimal(k -> Optional.of("abc"), "eobatch.disk.reserve-mb", 0.5, 0));
        assertEquals(1000, Settings.number(k -> Optional.of("1_000"), "eobatch.events.queue", 42, 0));
        assertEquals(42, Settings.number(k -> Optional.of("-3"), "eobatch.events.queue", 42, 0), "below its least");
        assertEquals(42, Settings.number(k -> Optional.empty(), "eobatch.events.queue", 42, 0), "absent");
    }
}
