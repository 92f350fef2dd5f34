package io.eobatch.provider;

/**
 * What differs between providers, asked by the jobs instead of the provider's name ({@link EoProvider#capabilities}).
 * How items are cut ({@link EoProvider#granularity}) and whether scenes are read here ({@link EoProvider#scenes})
 * are asked of the provider too.
 *
 * @param retriesInThrottle true: the provider's shared throttle retries its transient failures itself, so a
 *                          {@link TransientSourceException} that reaches a job means the attempts are spent (or the
 *                          throttle waited too long): the item FAILS, the chunk (whose other calls are paid) is not
 *                          rolled back. false (stac): the chunk is retried up to {@code retryLimit}, then the
 *                          partition fails and a restart resumes it
 * @param pixelCounts       statistics carry pixel counts: an AOI that covers no pixel of a scene gives a row of zero
 *                          pixels worth keeping (it says the AOI missed the scene)
 * @param trueColourImages  {@link EoProvider#image} draws true colour as well as the index
 * @param defaultLatencyMs  the latency of one call an estimate assumes when
 *                          {@code eobatch.provider.<name>.expected-latency-ms} is not set, milliseconds
 * @param coverageWeighting statistics can weight every pixel by the fraction of its area inside the AOI
 *                          ({@link io.eobatch.raster.stats.Weighting#COVERAGE}); a provider that computes its
 *                          statistics remotely knows only its own rule
 */
public record Capabilities(boolean retriesInThrottle, boolean pixelCounts, boolean trueColourImages,
                           long defaultLatencyMs, boolean coverageWeighting) {
}
