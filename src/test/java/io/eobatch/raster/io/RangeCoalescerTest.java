package io.eobatch.raster.io;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RangeCoalescerTest {

    private final RangeCoalescer c = new RangeCoalescer(16 * 1024, 0.10);

    @Test
    void adjacentRangesBecomeOne() {
        List<RangeCoalescer.Merged> m = c.coalesce(List.of(new ByteRange(1000, 500), new ByteRange(1500, 700)));
        assertEquals(1, m.size());
        assertEquals(new ByteRange(1000, 1200), m.get(0).range());
        assertEquals(List.of(0, 1), m.get(0).members());
    }

    @Test
    void smallGapBetweenLargeRangesIsBridged() {
        // 4 KiB gap between two 100 KB tiles: 2 % waste
        List<RangeCoalescer.Merged> m = c.coalesce(List.of(new ByteRange(204_096, 100_000), new ByteRange(0, 200_000)));
        assertEquals(1, m.size());
        assertEquals(new ByteRange(0, 304_096), m.get(0).range());
        assertEquals(List.of(1, 0), m.get(0).members());
    }

    @Test
    void gapCostingMoreThanTenPercentIsNotBridged() {
        // 10 KB gap between two 1 KB ranges: under 16 KiB but 500 % waste
        assertEquals(2, c.coalesce(List.of(new ByteRange(0, 1000), new ByteRange(11_000, 1000))).size());
    }

    @Test
    void gapAboveThresholdIsNotBridged() {
        assertEquals(2, c.coalesce(List.of(new ByteRange(0, 1_000_000), new ByteRange(1_020_000, 1_000_000))).size());
    }

    @Test
    void overlappingAndDuplicateRangesMerge() {
        List<RangeCoalescer.Merged> m = c.coalesce(List.of(new ByteRange(100, 50), new ByteRange(120, 50),
                new ByteRange(100, 50)));
        assertEquals(1, m.size());
        assertEquals(new ByteRange(100, 70), m.get(0).range());
        assertEquals(3, m.get(0).members().size());
    }

    @Test
    void wasteIsBoundedOverTheWholeMergedRange() {
        // ten 10 KB ranges with 900-byte gaps: each gap is 9 % of its neighbours, the total stays under 10 %
        List<ByteRange> r = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            r.add(new ByteRange(i * 10_900L, 10_000));
        }
        List<RangeCoalescer.Merged> m = c.coalesce(r);
        long useful = 100_000;
        long read = m.stream().mapToLong(x -> x.range().length()).sum();
        assertEquals(1, m.size());
        assertEquals(true, read - useful <= 0.10 * useful);
    }
}
