package io.callbridge.web;

import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provider webhooks are matched by a handler mapping of their own, holding only the
 * webhook controllers, ahead of the main one with every endpoint.
 */
@IntegrationTest
class ProviderWebhookMappingTests {

	@Autowired
	@Qualifier("providerWebhookHandlerMapping")
	RequestMappingHandlerMapping webhooks;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping main;

	@Test
	void theWebhookMappingHoldsTheProviderWebhookControllersOnlyAndComesFirst() {
		Set<String> controllers = this.webhooks.getHandlerMethods()
			.values()
			.stream()
			.map((method) -> method.getBeanType().getSimpleName())
			.collect(Collectors.toSet());

		assertThat(controllers).containsExactlyInAnyOrder("ZadarmaWebhookController", "UisNotificationController",
				"UisRoutingController");
		assertThat(this.webhooks.getOrder()).isLessThan(this.main.getOrder());
		assertThat(this.main.getHandlerMethods()).hasSizeGreaterThan(100);
	}

}
