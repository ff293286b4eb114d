package io.callbridge.security;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks {@code Secure} the cookies written as raw {@code Set-Cookie} headers (such as
 * Spring's language cookie) when the request came over HTTPS; cookies written as
 * {@code Cookie} objects, the session's included, get it from {@link CookieHardening}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecureCookieHeaders extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.isSecure();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void addHeader(String name, String value) {
				super.addHeader(name, secured(name, value));
			}

			@Override
			public void setHeader(String name, String value) {
				super.setHeader(name, secured(name, value));
			}

		});
	}

	static String secured(String name, String value) {
		if (!HttpHeaders.SET_COOKIE.equalsIgnoreCase(name) || value == null
				|| value.toLowerCase(Locale.ROOT).matches("(?s).*;\\s*secure\\s*(;.*)?")) {
			return value;
		}
		return value + "; Secure";
	}

}
