package io.callbridge.webhooks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The module's replaceable parts: the resolver the SSRF guard asks (a test marks its own
 * {@code @Primary}).
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	HostResolver hostResolver() {
		return HostResolver.system();
	}

}
