package io.eobatch.raster.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges byte ranges that lie close to each other into fewer, larger ranges, so that a remote source makes one
 * request for tiles stored next to each other (as the tiles of one row of a COG are).
 *
 * <p>Two neighbouring ranges are merged when the gap between them is at most {@code maxGap} bytes <em>and</em> the
 * bytes read but not asked for (the gaps) stay at most {@code maxWasteFraction} of the bytes asked for in the merged
 * range. Overlapping and duplicate ranges are always merged (no waste).
 */
public final class RangeCoalescer {

    /** One merged range and the indexes (into the caller's list) of the ranges it serves. */
    public record Merged(ByteRange range, List<Integer> members) {
    }

    private final long maxGap;
    private final double maxWasteFraction;

    /**
     * @param maxGap           largest gap in bytes bridged between two ranges, non-negative
     * @param maxWasteFraction largest share of gap bytes over useful bytes in one merged range, e.g. 0.1
     */
    public RangeCoalescer(long maxGap, double maxWasteFraction) {
        if (maxGap < 0 || !(maxWasteFraction >= 0)) {
            throw new IllegalArgumentException("bad coalescing settings gap=" + maxGap + " waste=" + maxWasteFraction);
        }
        this.maxGap = maxGap;
        this.maxWasteFraction = maxWasteFraction;
    }

    /** Merges {@code ranges} (in any order; empty ranges are served by the merged range they fall in or alone). */
    public List<Merged> coalesce(List<ByteRange> ranges) {
        List<Integer> order = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> ranges.get(i).offset()).thenComparingLong(i -> ranges.get(i).end()));
        List<Merged> out = new ArrayList<>();
        long start = -1;
        long end = -1;
        long useful = 0;
        long waste = 0;
        List<Integer> members = null;
        for (int idx : order) {
            ByteRange r = ranges.get(idx);
            if (members != null) {
                long gap = r.offset() - end;
                long newUseful = useful + Math.max(0, r.end() - Math.max(end, r.offset()));
                if (gap <= 0 || (gap <= maxGap && waste + gap <= maxWasteFraction * newUseful)) {
                    members.add(idx);
                    waste += Math.max(0, gap);
                    useful = newUseful;
                    end = Math.max(end, r.end());
                    continue;
                }
                out.add(new Merged(new ByteRange(start, Math.toIntExact(end - start)), members));
            }
            members = new ArrayList<>();
            members.add(idx);
            start = r.offset();
            end = r.end();
            useful = r.length();
            waste = 0;
        }
        if (members != null) {
            out.add(new Merged(new ByteRange(start, Math.toIntExact(end - start)), members));
        }
        return out;
    }
}
