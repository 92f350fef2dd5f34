package io.eobatch.provider.sentinelhub;

import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eobatch.raster.stats.SpectralIndex;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Processing units from the published definition: one line per rule. */
class SentinelHubRequestCostTest {

    private static final double EPS = 1e-12;

    @Test
    void definitionOfOneUnit() {
        assertEquals(1.0, SentinelHubRequestCost.process(512, 512, 3, false), EPS);
        assertEquals(1.0, SentinelHubRequestCost.statistical(512, 512, 3, 1), EPS);
    }

    @Test
    void multiplicationFactors() {
        assertEquals(4.0, SentinelHubRequestCost.process(1024, 1024, 3, false), EPS, "area");
        assertEquals(4.0 / 3, SentinelHubRequestCost.process(512, 512, 4, false), EPS, "bands / 3");
        assertEquals(2.0, SentinelHubRequestCost.process(512, 512, 3, true), EPS, "32-bit float output");
        assertEquals(60.0, SentinelHubRequestCost.statistical(1024, 512, 3, 30), EPS, "intervals");
        assertEquals(0.01 * 2 / 3, SentinelHubRequestCost.areaFactor(10, 10) * SentinelHubRequestCost.bandFactor(2), EPS,
                "the area factor is at least 0.01");
    }

    @Test
    void minimumPerRequest() {
        assertEquals(0.01, SentinelHubRequestCost.statistical(10, 10, 1, 1), EPS, "Statistical API: 0.01");
        assertEquals(0.005, SentinelHubRequestCost.process(10, 10, 1, false), EPS, "Process API: 0.005");
        assertEquals(0.01, SentinelHubRequestCost.process(10, 10, 3, false), EPS, "above the minimum");
    }

    @Test
    void catalogPages() {
        assertEquals(0.01, SentinelHubRequestCost.catalog(1.7, 1), EPS);
        assertEquals(0.12, SentinelHubRequestCost.catalog(9_999, 12), EPS);
        assertEquals(0.06, SentinelHubRequestCost.catalog(25_000, 2), EPS);
        assertEquals(0.03, SentinelHubRequestCost.of(CatalogSearch.sentinel2(aoi(), LocalDate.of(2023, 1, 31),
                LocalDate.of(2023, 3, 1), null)), EPS, "January, February, March");
    }

    @Test
    void costOfTheRequests() {
        // lon [15.60, 15.62] x lat [46.50, 46.51] at 10 m: 153.5 x 111.2 -> 154 x 112 px
        assertArrayEquals(new long[] {154, 112}, SentinelHubRequests.pixels(aoi(), 10));
        StatisticsRequest july = StatisticsRequest.daily(aoi(), LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 31),
                SpectralIndex.NDVI, null);
        assertEquals(31, july.intervals());
        assertEquals(154 * 112 / 262144.0 * 31, SentinelHubRequestCost.of(july), EPS);
        StatisticsRequest eviDay = StatisticsRequest.daily(aoi(), LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 1),
                SpectralIndex.EVI, null);
        assertEquals(154 * 112 / 262144.0 * 4 / 3, SentinelHubRequestCost.of(eviDay), EPS, "B02, B04, B08, SCL");
        assertEquals(0.01, SentinelHubRequestCost.of(new ImageRequest(aoi(), LocalDate.of(2023, 7, 1),
                LocalDate.of(2023, 7, 31), null, null, null, 32, 32)), EPS, "32 x 32 px: the area factor's 0.01");
        assertEquals(1.0, SentinelHubRequestCost.of(new ImageRequest(aoi(), LocalDate.of(2023, 7, 1),
                LocalDate.of(2023, 7, 31), SpectralIndex.NDVI, null, null, 512, 512)), EPS);
    }
}
