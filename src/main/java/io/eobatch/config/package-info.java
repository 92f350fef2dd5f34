/**
 * Environment settings: {@link io.eobatch.config.Settings}, the only class that reads MicroProfile Config (every
 * other package asks it), and {@link io.eobatch.config.EobatchConfig} (data directory, catalog URLs).
 * Not here: what each key means for a provider ({@code provider.*Config}, {@code provider.throttle.ThrottleSettings})
 * or run settings (those are job parameters).
 */
package io.eobatch.config;
