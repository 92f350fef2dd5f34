/**
 * The {@code sentinel-hub} provider's client: {@link io.eobatch.provider.sentinelhub.SentinelHubClient} (Catalog,
 * Statistical and Process APIs) over {@link io.eobatch.provider.sentinelhub.OAuthTokens}, configured by
 * {@link io.eobatch.provider.sentinelhub.SentinelHubConfig} ({@code eobatch.provider.sentinel-hub.url},
 * {@code .token-url}, {@code .client-id}, {@code .client-secret}, {@code .timeout-s}), with request costs from
 * {@link io.eobatch.provider.sentinelhub.SentinelHubRequestCost}.
 *
 * <p>Not here: the provider-neutral HTTP pieces the client runs on ({@code ProviderCall}, {@code ProviderHttp},
 * {@code ProviderHttpException}), which are in {@link io.eobatch.provider.http}.
 */
package io.eobatch.provider.sentinelhub;
