package io.eobatch.demo;

/**
 * Counter-based pseudo-random numbers: a value is a pure function of (seed, stream, a, b[, c]), so the demo's
 * pixels do not depend on the order in which they are computed (scenes are rendered in parallel) and the two
 * overlapping tiles get the same noise where they cover the same world pixel. The mixer is SplitMix64's
 * finaliser, which is specified bit for bit.
 */
final class Noise {

    private Noise() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long stream, long a, long b, long c) {
        long h = mix(seed + 0x9E3779B97F4A7C15L * (stream + 1));
        h = mix(h ^ (a * 0xD6E8FEB86659FD93L));
        h = mix(h ^ (b * 0xA0761D6478BD642FL));
        return mix(h ^ (c * 0xE7037ED1A0B428DBL));
    }

    /** Uniform in [0, 1). */
    static double uniform(long seed, long stream, long a, long b) {
        return uniform(seed, stream, a, b, 0);
    }

    /** Uniform in [0, 1). */
    static double uniform(long seed, long stream, long a, long b, long c) {
        return (hash(seed, stream, a, b, c) >>> 11) * 0x1.0p-53;
    }

    /** Approximately standard normal: the sum of four uniforms (Irwin-Hall), scaled to unit variance. */
    static double gaussian(long seed, long stream, long a, long b, long c) {
        long h1 = hash(seed, stream, a, b, c);
        long h2 = mix(h1 + 0x9E3779B97F4A7C15L);
        double s = ((h1 >>> 32) + (h1 & 0xFFFFFFFFL) + (h2 >>> 32) + (h2 & 0xFFFFFFFFL)) * 0x1.0p-32;
        return (s - 2.0) * 1.7320508075688772; // sqrt(12 / 4)
    }

    /** Smooth value noise in [-1, 1] at lattice coordinates (u, v): bilinear with a smoothstep fade. */
    static double valueNoise(long seed, long stream, double u, double v) {
        long i = (long) Math.floor(u);
        long j = (long) Math.floor(v);
        double fu = fade(u - i);
        double fv = fade(v - j);
        double a = uniform(seed, stream, i, j) * 2 - 1;
        double b = uniform(seed, stream, i + 1, j) * 2 - 1;
        double c = uniform(seed, stream, i, j + 1) * 2 - 1;
        double d = uniform(seed, stream, i + 1, j + 1) * 2 - 1;
        double top = a + (b - a) * fu;
        double bottom = c + (d - c) * fu;
        return top + (bottom - top) * fv;
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }
}
