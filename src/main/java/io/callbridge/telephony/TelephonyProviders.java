package io.callbridge.telephony;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;

import org.springframework.stereotype.Component;

/**
 * The installed provider adapters, by key.
 */
@Component
public class TelephonyProviders {

	private final Map<String, TelephonyProvider> byKey;

	TelephonyProviders(List<TelephonyProvider> providers) {
		this.byKey = providers.stream()
			.collect(Collectors.toUnmodifiableMap(TelephonyProvider::key, Function.identity()));
	}

	public Optional<TelephonyProvider> find(String key) {
		return Optional.ofNullable(this.byKey.get(key));
	}

	public TelephonyProvider get(String key) {
		return find(key).orElseThrow(() -> new Problems.InvalidInput("provider",
				Text.of("telephonyAccount.unknownProvider", key, String.join(", ", this.byKey.keySet()))));
	}

	public Collection<TelephonyProvider> all() {
		return this.byKey.values();
	}

}
