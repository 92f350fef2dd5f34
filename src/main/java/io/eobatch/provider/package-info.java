/**
 * What the jobs ask of an Earth-observation data provider: the {@link io.eobatch.provider.EoProvider} interface,
 * its queries and answers (scenes, statistics, images), the failures the job XML knows
 * ({@link io.eobatch.provider.ItemDataException}, {@link io.eobatch.provider.TransientSourceException}), and
 * {@link io.eobatch.provider.Providers}, which makes the configured ones.
 * Not here: the providers themselves (one sub-package each), their shared HTTP ({@code http}) and the throttle.
 */
package io.eobatch.provider;
