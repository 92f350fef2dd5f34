/**
 * The {@code sentinel-hub} provider's client: {@link io.eobatch.provider.sentinelhub.SentinelHubClient} (Catalog,
 * Statistical and Process APIs) over {@link io.eobatch.provider.sentinelhub.OAuthTokens}, configured by
 * {@link io.eobatch.provider.sentinelhub.SentinelHubConfig} ({@code eobatch.provider.sentinel-hub.url},
 * {@code .token-url}, {@code .client-id}, {@code .client-secret}, {@code .timeout-s}), with request costs from
 * {@link io.eobatch.provider.sentinelhub.SentinelHubRequestCost}.
 *
 * <p>Also here, though provider-neutral (the ObservEarth client uses them too), until they move to
 * {@code io.eobatch.provider}: {@link io.eobatch.provider.sentinelhub.ProviderCall} (where the shared throttle plugs
 * in), {@link io.eobatch.provider.sentinelhub.ProviderHttpException} (status and raw {@code Retry-After}) and
 * {@link io.eobatch.provider.sentinelhub.ProviderHttp} (the HTTP exchange that keeps secrets out of messages and
 * logs).
 */
package io.eobatch.provider.sentinelhub;
