package io.eobatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.eobatch.batch.EoJob;
import io.eobatch.batch.ParameterException;
import io.eobatch.batch.statistics.StatisticsJob;
import io.eobatch.batch.tiles.TiledCompositeJob;
import io.eobatch.batch.timelapse.TimelapseJob;

/** The size limits: read from config with their defaults, and each job's check of them (one line a case). */
class LimitsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void defaultsWhenNothingIsConfiguredAndConfiguredValuesWin() {
        assertEquals(Limits.DEFAULTS, Limits.from(k -> Optional.empty()));
        Map<String, String> c = Map.of(Limits.JSON_BODY_BYTES, "2048", Limits.EARLIEST_DATE, "2015-06-23",
                Limits.maxPeriodKey("aoi-timelapse"), "400", Limits.TILES, "1_000");
        Limits l = Limits.from(k -> Optional.ofNullable(c.get(k)));
        assertEquals(2048, l.jsonBodyBytes());
        assertEquals(LocalDate.of(2015, 6, 23), l.earliestDate());
        assertEquals(400, l.maxPeriodDays("aoi-timelapse"));
        assertEquals(3660, l.maxPeriodDays("aoi-statistics"));
        assertEquals(1000, l.tiles());
    }

    @Test
    void aBadSettingIsAnErrorNamingItsKey() {
        for (String bad : new String[] {"lots", "-1", "0"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Limits.from(k -> k.equals(Limits.TILES) ? Optional.of(bad) : Optional.empty()));
            assertTrue(e.getMessage().contains(Limits.TILES), e.getMessage());
        }
    }

    @Test
    void theAoiUploadLimitsAreSettingsWithinTheirRanges() {
        assertEquals(io.eobatch.aoi.AoiLimits.DEFAULTS, Limits.DEFAULTS.aoiUpload());
        Map<String, String> c = Map.of(io.eobatch.aoi.AoiLimits.KEY_FEATURES, "100_000",
                io.eobatch.aoi.AoiLimits.KEY_GEOMETRY_CHARS, "4096", io.eobatch.aoi.AoiLimits.KEY_BODY_BYTES, "52428800");
        assertEquals(new io.eobatch.aoi.AoiLimits(100_000, 4096, 50L << 20),
                Limits.from(k -> Optional.ofNullable(c.get(k))).aoiUpload());
        for (String[] bad : new String[][] {{io.eobatch.aoi.AoiLimits.KEY_BODY_BYTES, "1073741825"},
                {io.eobatch.aoi.AoiLimits.KEY_FEATURES, "2147483648"}, {io.eobatch.aoi.AoiLimits.KEY_GEOMETRY_CHARS, "0"},
                {io.eobatch.aoi.AoiLimits.KEY_FEATURES, "ten"}, {Limits.AOI_VERTICES, "3000000000"}}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Limits.from(k -> k.equals(bad[0]) ? Optional.of(bad[1]) : Optional.empty()), bad[1]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    private static EoJob job(String id) {
        return switch (id) {
            case "aoi-statistics" -> new StatisticsJob();
            case "aoi-timelapse" -> new TimelapseJob();
            default -> new TiledCompositeJob();
        };
    }

    @ParameterizedTest(name = "{0} {1} x {2} AOIs -> {3}")
    @CsvSource(delimiter = '|', value = {
        // job            | parameters (name=value;...)                              | AOIs  | refused field, or ok
        "aoi-statistics   | from=2023-08-01;to=2023-08-31                              | 10000 | ok",
        "aoi-statistics   | from=1972-07-22;to=1972-08-01                              | 1     | from",
        "aoi-statistics   | from=1972-07-23;to=1972-08-01                              | 1     | ok",
        "aoi-statistics   | from=2027-12-05;to=2027-12-06                              | 1     | from",
        "aoi-statistics   | from=2026-12-01;to=2027-12-05                              | 1     | to",
        "aoi-statistics   | from=2026-12-01;to=2027-12-04                              | 1     | ok",
        "aoi-statistics   | from=2000-01-01;to=2010-01-08                              | 1     | to",
        "aoi-statistics   | from=2000-01-01;to=2010-01-07                              | 1     | ok",
        "aoi-timelapse    | from=2023-01-01;to=2023-12-31                              | 1666  | ok",
        "aoi-timelapse    | from=2023-01-01;to=2023-12-31                              | 1667  | aois",
        "aoi-timelapse    | from=2023-01-01;to=2023-12-31;aoiSet=big                   | 1667  | aoiSet",
        "tiled-composite  | from=2023-01-01;to=2024-01-01;bbox=15,46,15.1,46.1         | 0     | ok",
        "tiled-composite  | from=2023-01-01;to=2024-01-02;bbox=15,46,15.1,46.1         | 0     | to",
        "tiled-composite  | bbox=15,46,15.1,46.1;tileSize=20;resolution=10             | 0     | ok",
        "tiled-composite  | bbox=15,46,15.1,46.1;tileSize=20;resolution=10;buffer=25   | 0     | tileSize",
        "tiled-composite  | bbox=15,46,15.1,46.1;tileSize=1000;resolution=1            | 0     | tileSize",
        "tiled-composite  | bbox=-180,-90,180,90;tileSize=10;resolution=10             | 0     | bbox",
        "tiled-composite  | bbox=0,30,20,50;tileSize=10;resolution=10                  | 0     | bbox",
        "tiled-composite  | bbox=0,30,20,50;tileSize=100;resolution=100                | 0     | ok",
        "tiled-composite  | bbox=179,-1,180,1;tileSize=5;resolution=10                 | 0     | ok",
    })
    void eachJobRefusesWhatWouldOverwhelmTheServer(String id, String params, long aois, String expected) {
        Properties p = new Properties();
        p.setProperty("from", "2023-08-01");
        p.setProperty("to", "2023-08-31");
        for (String kv : params.split(";")) {
            String[] f = kv.split("=", 2);
            p.setProperty(f[0], f[1]);
        }
        Runnable check = () -> job(id).checkLimits(p, Limits.DEFAULTS, aois, TODAY);
        if (expected.equals("ok")) {
            check.run();
        } else {
            ParameterException e = assertThrows(ParameterException.class, check::run);
            assertEquals(expected, e.parameter(), e.getMessage());
            assertTrue(e.getMessage().contains("eobatch.limits."), "names its setting: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "               | http://127.0.0.1:8280/api/",
        "https://eo.example.org             | https://eo.example.org/api/",
        "https://eo.example.org/            | https://eo.example.org/api/",
        "https://proxy.example.org:8443/eo  | https://proxy.example.org:8443/eo/api/",
    })
    void theApiBaseIsTheConfiguredPublicUrlNeverTheRequestsHost(String configured, String expected) {
        assertEquals(URI.create(expected), EobatchConfig.apiBase(Optional.ofNullable(configured), "8280"));
    }

    @Test
    void aPublicUrlThatIsNotAnAbsoluteHttpUrlIsAnError() {
        for (String bad : new String[] {"eo.example.org", "ftp://eo.example.org", "https://eo.example.org/?a=1"}) {
            assertThrows(IllegalStateException.class, () -> EobatchConfig.apiBase(Optional.of(bad), "8080"), bad);
        }
    }
}
