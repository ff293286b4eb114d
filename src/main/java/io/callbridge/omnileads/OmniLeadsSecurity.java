package io.callbridge.omnileads;

import io.callbridge.agents.Agents;
import io.callbridge.tenants.Tenants;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The security of the OMniLeads-compatible API, apart from Callbridge's own: only its
 * Bearer tokens authenticate (no session cookie is read, so CSRF cannot apply), nothing
 * is kept between requests, the login is open, and refusals are Django REST framework's
 * 403 answers (DRF answers 403, not 401, when its first authenticator is the session one,
 * as in OMniLeads).
 */
@Configuration(proxyBeanMethods = false)
class OmniLeadsSecurity {

	/** JSON answers never render anything. */
	private static final String POLICY = "default-src 'none'; frame-ancestors 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain omniLeadsChain(HttpSecurity http, OmlTokens tokens, Agents agents, Tenants tenants)
			throws Exception {
		return http.securityMatcher(OmlPaths.ROOT + "**")
			.authorizeHttpRequests((auth) -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(OmlPaths.DEFAULT + "login", OmlPaths.DEFAULT + "login/", "/omnileads/*/api/v1/login",
						"/omnileads/*/api/v1/login/")
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterBefore(new OmlTokenFilter(tokens, agents, tenants), UsernamePasswordAuthenticationFilter.class)
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(POLICY)))
			.exceptionHandling((errors) -> errors
				.authenticationEntryPoint((request, response, ex) -> OmlAnswer
					.detail(403, OmlTexts.NOT_AUTHENTICATED.in(OmlLanguage.of(request)))
					.writeTo(response))
				.accessDeniedHandler(
						(request, response, ex) -> OmlAnswer.denied(OmlLanguage.of(request)).writeTo(response)))
			.build();
	}

}
