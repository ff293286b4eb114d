package io.callbridge.telephony;

import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Makes each provider's {@link ProviderHttp}, observed in the application's
 * {@link ObservationRegistry}, so its requests show in {@code /actuator/prometheus} as
 * {@code callbridge_provider_requests_seconds}.
 */
@Component
public class ProviderHttpClients {

	private final ObservationRegistry observations;

	public ProviderHttpClients(ObservationRegistry observations) {
		this.observations = observations;
	}

	/** Clients whose requests are not observed, for tests and tools outside Spring. */
	public static ProviderHttpClients unobserved() {
		return new ProviderHttpClients(ObservationRegistry.NOOP);
	}

	/**
	 * A provider's HTTP client.
	 * @param provider the provider's key, e.g. {@code zadarma}
	 * @param timeouts how long its requests may take
	 * @param outcomes the {@code outcome} tag of a request whose answer the adapter read
	 * as a failure (e.g. the kind of its exception), or none for {@code error}
	 * @return the client
	 */
	public ProviderHttp client(String provider, ProviderTimeouts timeouts,
			Function<RuntimeException, @Nullable String> outcomes) {
		return new ProviderHttp(provider, timeouts, this.observations, outcomes);
	}

}
