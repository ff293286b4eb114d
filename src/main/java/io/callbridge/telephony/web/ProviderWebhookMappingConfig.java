package io.callbridge.telephony.web;

import io.callbridge.telephony.ProviderWebhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Serves provider webhooks with less work per request. A request whose path has a
 * variable (every webhook URL carries its account's token) is matched by Spring MVC
 * against every mapping of the server (about 360): a profile of the Zadarma webhook load
 * found a fifth of the request threads' time there. The {@link ProviderWebhook}
 * controllers are therefore also mapped by a handler mapping of their own, consulted
 * before the main one; a request it does not match goes on to the main mapping as before.
 * The security filters are not wrapped in an observation each (the same profile: an
 * eighth of the time); requests are still measured as a whole
 * ({@code http.server.requests}).
 */
@Configuration(proxyBeanMethods = false)
class ProviderWebhookMappingConfig {

	@Bean
	RequestMappingHandlerMapping providerWebhookHandlerMapping() {
		RequestMappingHandlerMapping mapping = new WebhookControllers();
		mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return mapping;
	}

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** The mapping of the {@link ProviderWebhook} controllers only. */
	static final class WebhookControllers extends RequestMappingHandlerMapping {

		@Override
		protected boolean isHandler(Class<?> beanType) {
			return AnnotatedElementUtils.hasAnnotation(beanType, ProviderWebhook.class);
		}

	}

}
