package io.callbridge.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A DNS the tests control: a name answers what the test set last (so it can change
 * between saving an endpoint and sending to it); any other name or address resolves as
 * usual.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestHostResolver {

	private static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();

	/** From now on, {@code name} resolves to {@code address}. */
	static void answer(String name, String address) {
		ANSWERS.put(name, address);
	}

	@Bean
	@Primary
	HostResolver testHostResolver() {
		return (host) -> {
			String address = ANSWERS.get(host);
			if (address == null) {
				return InetAddress.getAllByName(host);
			}
			try {
				return new InetAddress[] {
						InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress()) };
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

}
