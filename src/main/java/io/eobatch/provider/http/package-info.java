/**
 * The provider-neutral HTTP pieces the remote provider clients (Sentinel Hub, ObservEarth) run on:
 * {@link io.eobatch.provider.http.ProviderHttp} (one exchange with the shared failure rules, secrets kept out of
 * messages and logs), {@link io.eobatch.provider.http.ProviderHttpException} (status and raw {@code Retry-After}),
 * {@link io.eobatch.provider.http.ProviderCall} (the seam every billable attempt runs through) and
 * {@link io.eobatch.provider.http.ThrottledCall} (that seam joined to the account's throttle), plus
 * {@link io.eobatch.provider.http.ConfigValues} for the accounts' {@code eobatch.provider.<name>.*} keys.
 *
 * <p>Not here: the throttle itself ({@code io.eobatch.provider.throttle}), anything one provider's API needs, and
 * the stac provider's range requests ({@code io.eobatch.raster.io}, {@code io.eobatch.provider.stac}).
 */
package io.eobatch.provider.http;
