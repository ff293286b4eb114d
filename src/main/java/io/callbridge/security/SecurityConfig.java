package io.callbridge.security;

import java.util.Map;

import io.callbridge.agents.Agents;
import io.callbridge.shared.Text;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Four filter chains: provider webhooks (open; each adapter checks its own signature),
 * the REST API and actuator (Bearer tokens only, stateless, so no CSRF exposure), the API
 * documentation (public, with a looser content policy for Swagger UI) and the UI (form
 * login with organisation and throttling, CSRF on, sessions ended when their user's
 * access changes, a strict Content-Security-Policy).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/**
	 * The UI's content policy: scripts and styles only from Callbridge itself, no inline
	 * script or style; recordings may play from the provider's HTTPS links.
	 */
	static final String UI_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "media-src 'self' https:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/** Swagger UI styles itself inline; its scripts are still files. */
	static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	/** JSON answers never render anything. */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	// Hashes are stored with their encoder's id ("{bcrypt}…"), as Spring Security's
	// default encoder writes them; only BCrypt has ever been written.
	@Bean
	PasswordEncoder passwordEncoder(PasswordProperties properties) {
		return new DelegatingPasswordEncoder("bcrypt",
				Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())));
	}

	@Bean
	@Order(1)
	SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/webhooks/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, Agents agents, ProblemResponses problems)
			throws Exception {
		return http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests((auth) -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.addFilterBefore(new BearerTokenFilter(tokens, agents, problems),
					UsernamePasswordAuthenticationFilter.class)
			// Only Bearer tokens authenticate here; session cookies are never read, so
			// CSRF cannot apply.
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(API_POLICY)))
			.exceptionHandling((errors) -> errors
				.authenticationEntryPoint((request, response, ex) -> problems.write(request, response, 401,
						"unauthorized", Text.of("problem.bearerRequired")))
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response, 403, "forbidden",
						Text.of("problem.forbidden"))))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain docsChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(DOCS_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain uiChain(HttpSecurity http, Agents agents, ObjectProvider<ConsoleOrigins> consoleOrigins)
			throws Exception {
		UiAuthenticationEntryPoint loginPage = new UiAuthenticationEntryPoint();
		return http
			.authorizeHttpRequests((auth) -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.authenticationDetailsSource(LoginAttempt::of)
				.failureHandler(new LoginFailureRedirect())
				.defaultSuccessUrl("/console", false)
				.permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.addFilterBefore(new SessionVersionFilter(agents), AnonymousAuthenticationFilter.class)
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(loginPage)
				.accessDeniedHandler(new UiAccessDeniedHandler(loginPage)))
			.requestCache((cache) -> cache.requestCache(pageRequestCache()))
			// The console page's policy names its tenant's external-site origins.
			.headers((headers) -> headers.addHeaderWriter(new ConsolePolicyWriter(UI_POLICY, consoleOrigins))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	// Only pages are worth returning to after the login: never an htmx fragment or the
	// console's event stream.
	private static HttpSessionRequestCache pageRequestCache() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setRequestMatcher(new AndRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/**"),
				new NegatedRequestMatcher(new RequestHeaderRequestMatcher(UiAuthenticationEntryPoint.HTMX_HEADER)),
				new NegatedRequestMatcher(UiAuthenticationEntryPoint::isEventStream)));
		return cache;
	}

}
