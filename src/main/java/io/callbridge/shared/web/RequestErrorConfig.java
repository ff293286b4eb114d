package io.callbridge.shared.web;

import java.util.Arrays;

import io.callbridge.shared.Text;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;

/**
 * Errors that happen before any controller: unreadable parameters (checked by
 * {@link RequestParametersGuard} right after the character encoding is set) and requests
 * the security firewall rejects (an unknown method, a suspicious path). Both are answered
 * as problem+json (or a page for browsers) without a stack trace in the log: they are the
 * client's mistake, not the server's.
 */
@Configuration(proxyBeanMethods = false)
class RequestErrorConfig {

	private static final Logger log = LoggerFactory.getLogger(RequestErrorConfig.class);

	@Bean
	FilterRegistrationBean<RequestParametersGuard> requestParametersGuard(ErrorResponses errors,
			@Value("${server.tomcat.max-parameter-count:1000}") int maxParameters,
			@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxFormSize,
			@Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxUploadSize) {
		FilterRegistrationBean<RequestParametersGuard> registration = new FilterRegistrationBean<>(
				new RequestParametersGuard(errors,
						new RequestParametersGuard.Limits(maxParameters, maxFormSize, maxUploadSize)));
		// After the character encoding filter (HIGHEST_PRECEDENCE), so parameters are
		// read as UTF-8; before every other filter.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	RequestRejectedHandler requestRejectedHandler(ErrorResponses errors) {
		return (request, response, rejected) -> {
			log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
			if (!known(request.getMethod())) {
				errors.write(request, response, 501, Text.of("problem.request.unknownMethod", request.getMethod()));
			}
			else {
				errors.write(request, response, 400, Text.of("problem.request.rejectedPath"));
			}
		};
	}

	// Methods are case-sensitive: "get" is not GET.
	private static boolean known(String method) {
		return Arrays.stream(HttpMethod.values()).anyMatch((known) -> known.name().equals(method));
	}

}
