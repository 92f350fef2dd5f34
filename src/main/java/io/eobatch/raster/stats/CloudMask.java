package io.eobatch.raster.stats;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Sentinel-2 scene classification (SCL) classes make a pixel invalid.
 *
 * <p>SCL classes 0..11: 0 no data, 1 saturated or defective, 2 dark area, 3 cloud shadow, 4 vegetation,
 * 5 not vegetated, 6 water, 7 unclassified, 8 cloud medium probability, 9 cloud high probability, 10 thin cirrus,
 * 11 snow or ice. Any other value is "unknown" (lossy JPEG2000 sources leave a few 12s, for instance) and is invalid
 * unless the mask says otherwise. Immutable.
 */
public final class CloudMask {

    /** Classes 0, 1, 3, 8, 9, 10 invalid, unknown classes invalid: the GDAL reference's rule. */
    public static final CloudMask DEFAULT = of(Set.of(0, 1, 3, 8, 9, 10), true);

    /** The highest SCL class with a defined meaning. */
    public static final int MAX_KNOWN_CLASS = 11;

    private final boolean[] invalid = new boolean[MAX_KNOWN_CLASS + 1];
    private final boolean unknownInvalid;
    private final Set<Integer> classes;

    private CloudMask(Collection<Integer> invalidClasses, boolean unknownInvalid) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Integer c : invalidClasses) {
            if (c == null || c < 0 || c > MAX_KNOWN_CLASS) {
                throw new IllegalArgumentException("SCL class must be 0.." + MAX_KNOWN_CLASS + ", got " + c);
            }
            invalid[c] = true;
            set.add(c);
        }
        this.unknownInvalid = unknownInvalid;
        this.classes = Collections.unmodifiableSet(set);
    }

    /**
     * A mask of the given classes.
     *
     * @param invalidClasses SCL classes (0..11) that make a pixel invalid
     * @param unknownInvalid whether values outside 0..11 make a pixel invalid
     */
    public static CloudMask of(Collection<Integer> invalidClasses, boolean unknownInvalid) {
        return new CloudMask(invalidClasses, unknownInvalid);
    }

    /** Whether a pixel of SCL class {@code scl} is invalid. */
    public boolean isMasked(int scl) {
        if (scl < 0 || scl > MAX_KNOWN_CLASS) {
            return unknownInvalid;
        }
        return invalid[scl];
    }

    /** The invalid known classes, sorted. */
    public Set<Integer> invalidClasses() {
        return classes;
    }

    /** Whether values outside 0..11 are invalid. */
    public boolean unknownInvalid() {
        return unknownInvalid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloudMask m && m.classes.equals(classes) && m.unknownInvalid == unknownInvalid;
    }

    @Override
    public int hashCode() {
        return classes.hashCode() * 31 + Boolean.hashCode(unknownInvalid);
    }

    @Override
    public String toString() {
        return "CloudMask" + classes + (unknownInvalid ? "+unknown" : "");
    }
}
