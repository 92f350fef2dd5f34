/**
 * One throttle per provider account, shared by every partition, thread and concurrent execution, with the retry
 * rules for the calls that go through it.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * ThrottleSettings s = ThrottleSettings.from("sentinel-hub", Settings.lookup());   // io.eobatch.config
 * Throttle t = Throttles.forAccount("sentinel-hub:" + baseUrl + ":" + clientId, s);   // never a secret in the key
 * double pu = SentinelHubRequestCost.of(statisticsRequest);                // io.eobatch.provider.sentinelhub
 * Stats stats = t.execute("statistics of " + item, pu, () -> {
 *     HttpResponse<String> r = http.send(request, BodyHandlers.ofString());
 *     if (r.statusCode() / 100 != 2) {
 *         throw HttpFailure.of(r, s.retryAfterUnit());        // status + Retry-After for the retry policy
 *     }
 *     return MalformedResponseException.parse("statistics of " + item, () -> parse(r.body()));
 * });
 * }</pre>
 * Outcomes: the value; {@link io.eobatch.provider.ItemDataException} (4xx other than 408/429, malformed body:
 * FAILED at once, the partition goes on); {@link io.eobatch.provider.throttle.RetriesExhaustedException} (a
 * {@link io.eobatch.provider.TransientSourceException}: transient failures outlasted the attempts; FAILED with the
 * reason and the attempt count); {@link io.eobatch.provider.throttle.ThrottleTimeoutException} (the account was
 * busy longer than {@code max-wait-s}); {@link java.lang.InterruptedException}.
 *
 * <h2>Configuration (MicroProfile Config)</h2>
 * Per provider name ({@code stac}, {@code sentinel-hub}, {@code observearth}), e.g.
 * {@code eobatch.provider.sentinel-hub.max-in-flight=4} or {@code EOBATCH_PROVIDER_SENTINEL_HUB_MAX_IN_FLIGHT=4}:
 * <table>
 *   <caption>Throttle and retry keys: {@code eobatch.provider.<name>.<key>}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code max-in-flight}</td><td>8</td><td>calls running at once for the account (fair queue)</td></tr>
 *   <tr><td>{@code requests-per-minute}</td><td>600</td><td>requests started per minute, paced evenly
 *       (600 = one every 100 ms); 0 = no limit</td></tr>
 *   <tr><td>{@code units-per-minute}</td><td>0</td><td>processing units per minute (Sentinel Hub PU, declared
 *       per call before it runs); 0 = no limit</td></tr>
 *   <tr><td>{@code max-attempts}</td><td>5</td><td>attempts per call, the first included</td></tr>
 *   <tr><td>{@code backoff-base-ms}</td><td>500</td><td>backoff ceiling after the first failure; doubles after
 *       each</td></tr>
 *   <tr><td>{@code backoff-max-ms}</td><td>30000</td><td>the backoff ceiling stops growing here</td></tr>
 *   <tr><td>{@code max-wait-s}</td><td>600</td><td>longest a call waits for a slot, its rate turn or a
 *       Retry-After pause; longer fails at once</td></tr>
 *   <tr><td>{@code retry-after-unit}</td><td>{@code milliseconds} for {@code sentinel-hub}, else
 *       {@code seconds}</td><td>unit of a bare number in {@code Retry-After}</td></tr>
 *   <tr><td>{@code rate-headroom}</td><td>0.01</td><td>the rate window is stretched by this fraction so that
 *       clock and network jitter never make the provider count more than its limit</td></tr>
 *   <tr><td>{@code window-s}</td><td>60</td><td>the window over which {@code requests-per-minute} and
 *       {@code units-per-minute} count; shorter only to test or measure the limits in seconds</td></tr>
 * </table>
 * Across nodes ({@code eobatch.cluster.enabled=true}) the limits of the remote providers' accounts hold for every
 * node together, kept in the database ({@link io.eobatch.provider.throttle.DatabaseLimits}); {@code stac} stays per
 * node (a COG bucket has no account limit, and its range reads are too many for a transaction each).
 * {@code stac} (catalog requests and COG range reads, {@code io.eobatch.provider.stac.StacHttpGate}) applies only
 * {@code max-in-flight}, {@code requests-per-minute}, {@code max-wait-s} and Retry-After pauses, per host (account
 * {@code stac:<scheme>://<host>[:port]}), one attempt per request: no retries here (JBeret retries its chunks).
 * Its defaults differ: 16 in flight and no rate limit (a COG bucket serves many range reads a second).
 */
package io.eobatch.provider.throttle;
