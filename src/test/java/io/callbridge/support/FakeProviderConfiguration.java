package io.callbridge.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@link FakeTelephonyProvider} and the {@link FakeAvailabilityProvider} to
 * every integration test's application.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeProviderConfiguration {

	@Bean
	FakeTelephonyProvider fakeTelephonyProvider() {
		return new FakeTelephonyProvider();
	}

	@Bean
	FakeAvailabilityProvider fakeAvailabilityProvider() {
		return new FakeAvailabilityProvider();
	}

}
