package io.eobatch.provider.throttle;

import static io.eobatch.provider.throttle.SentinelHubUnits.OutputFormat.BITS_16_OR_LESS;
import static io.eobatch.provider.throttle.SentinelHubUnits.OutputFormat.FLOAT32;
import static io.eobatch.provider.throttle.SentinelHubUnits.OutputFormat.OCTET_STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.eobatch.provider.throttle.SentinelHubUnits.OutputFormat;

/**
 * Worked examples of the published PU definition, one rule at a time, then combined as eobatch requests them.
 * Each expected value is the product of the factors written beside it.
 */
class SentinelHubUnitsTest {

    private static final double EPS = 1e-12;

    @Test
    void oneUnitIsTheDefinition() {
        // 512 x 512 px, 3 input bands, 1 sample, PNG
        assertEquals(1.0, SentinelHubUnits.process(512, 512, 3, 1, BITS_16_OR_LESS), EPS);
        assertEquals(1.0, SentinelHubUnits.statistical(512, 512, 3, 1), EPS);
    }

    @Test
    void areaFactor() {
        assertEquals(4.0, SentinelHubUnits.process(1024, 1024, 3, 1, BITS_16_OR_LESS), EPS); // 4 x 512^2
        // a 2500 x 2500 px true-colour image: 6,250,000 / 262,144 = 23.84 PU
        assertEquals(6_250_000 / 262_144.0, SentinelHubUnits.process(2500, 2500, 3, 1, BITS_16_OR_LESS), EPS);
        // 0.25 km2 of Sentinel-2 at 10 m = 50 x 50 px = 0.0095 x 512^2, raised to the minimum factor 0.01
        assertEquals(0.01, SentinelHubUnits.process(50, 50, 3, 1, BITS_16_OR_LESS), EPS);
        assertEquals(0.01, SentinelHubUnits.process(1, 1, 3, 1, BITS_16_OR_LESS), EPS);
    }

    @Test
    void inputBandsOverThreeWithoutDataMask() {
        assertEquals(4 / 3.0, SentinelHubUnits.process(512, 512,
                SentinelHubUnits.countedBands(List.of("B02", "B03", "B04", "B08")), 1, BITS_16_OR_LESS), EPS);
        assertEquals(2, SentinelHubUnits.countedBands(List.of("B04", "B08", "dataMask")), "dataMask is free");
        assertEquals(1, SentinelHubUnits.countedBands(List.of("dataMask")), "unless it is the only band");
        assertEquals(2 / 3.0, SentinelHubUnits.process(512, 512, 2, 1, BITS_16_OR_LESS), EPS);
        assertEquals(13 / 3.0, SentinelHubUnits.process(512, 512, 13, 1, BITS_16_OR_LESS), EPS); // all 13 S2 bands
    }

    @Test
    void outputFormat() {
        assertEquals(2.0, SentinelHubUnits.process(512, 512, 3, 1, FLOAT32), EPS);       // 32-bit float TIFF
        assertEquals(1.4, SentinelHubUnits.process(512, 512, 3, 1, OCTET_STREAM), EPS);  // octet-stream
        assertEquals(FLOAT32, OutputFormat.ofSampleType("FLOAT32"));
        assertEquals(BITS_16_OR_LESS, OutputFormat.ofSampleType("uint16"));
        assertEquals(BITS_16_OR_LESS, OutputFormat.ofBitDepth(16));
        assertEquals(FLOAT32, OutputFormat.ofBitDepth(32));
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.ofSampleType("FLOAT64"));
    }

    @Test
    void dataSamples() {
        // ORBIT mosaicking over 4 scenes: 4 samples per pixel
        assertEquals(4.0, SentinelHubUnits.process(512, 512, 3, 4, BITS_16_OR_LESS), EPS);
    }

    @Test
    void minimumChargePerRequest() {
        // 20 x 20 px, one band: 0.01 (area minimum) x 1/3 = 0.0033 PU, below both minima
        assertEquals(0.005, SentinelHubUnits.process(20, 20, 1, 1, BITS_16_OR_LESS), EPS);
        assertEquals(0.01, SentinelHubUnits.statistical(20, 20, 1, 1), EPS);
        // 50 x 50 px, 3 bands: exactly the area minimum, 0.01, above the Process minimum
        assertEquals(0.01, SentinelHubUnits.process(50, 50, 3, 1, BITS_16_OR_LESS), EPS);
    }

    @Test
    void combinedAsEobatchRequestsThem() {
        // NDVI statistics of a 2 km x 2 km AOI at 10 m: 200 x 200 px; B04, B08, SCL, dataMask = 3 counted bands
        int px = SentinelHubUnits.pixels(2000, 10);
        assertEquals(200, px);
        int bands = SentinelHubUnits.countedBands(List.of("B04", "B08", "SCL", "dataMask"));
        assertEquals(40_000 / 262_144.0, SentinelHubUnits.statistical(px, px, bands, 1), EPS);     // 0.1526 PU
        assertEquals(6 * 40_000 / 262_144.0, SentinelHubUnits.statistical(px, px, bands, 6), EPS); // 6 intervals
        // the PNG of the same AOI (B04, B08, dataMask: 2 bands), 8-bit: 0.1526 x 2/3 = 0.1017 PU
        assertEquals(40_000 / 262_144.0 * 2 / 3, SentinelHubUnits.process(px, px, 2, 1, BITS_16_OR_LESS), EPS);
        // a 1024 x 1024 float32 TIFF of B04, B08 (+ dataMask): 4 x 2/3 x 2 = 5.333 PU
        assertEquals(16 / 3.0, SentinelHubUnits.process(1024, 1024, 2, 1, FLOAT32), EPS);
    }

    @Test
    void pixelsRoundUp() {
        assertEquals(201, SentinelHubUnits.pixels(2005, 10));
        assertEquals(3, SentinelHubUnits.pixels(0.3, 0.1), "no off-by-one from 0.3 / 0.1 = 2.9999999999999996");
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SentinelHubUnits.process(0, 512, 3, 1, BITS_16_OR_LESS));
        assertThrows(IllegalArgumentException.class, () -> SentinelHubUnits.statistical(512, 512, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> SentinelHubUnits.countedBands(List.of()));
    }
}
