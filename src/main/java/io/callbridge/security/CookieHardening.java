package io.callbridge.security;

import java.nio.charset.Charset;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.ServerCookies;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.stereotype.Component;

/**
 * Every cookie Callbridge sets (the session, the language) is {@code SameSite=Lax} unless
 * it says otherwise, and {@code Secure} whenever the request came over HTTPS — also
 * behind a proxy that terminates TLS, once the operator trusts its
 * {@code X-Forwarded-Proto} ({@code server.forward-headers-strategy=native}).
 */
@Component
class CookieHardening implements TomcatContextCustomizer {

	static final String SAME_SITE = "SameSite";

	@Override
	public void customize(org.apache.catalina.Context context) {
		// Until the context starts, it has no processor unless one was configured (e.g.
		// for server.servlet.session.cookie.same-site); Tomcat's default is RFC 6265.
		CookieProcessor configured = context.getCookieProcessor();
		context.setCookieProcessor(new Hardened((configured != null) ? configured : new Rfc6265CookieProcessor()));
	}

	/** Wraps the configured cookie processor. */
	private static final class Hardened implements CookieProcessor {

		private final CookieProcessor delegate;

		Hardened(CookieProcessor delegate) {
			this.delegate = delegate;
		}

		@Override
		public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
			this.delegate.parseCookieHeader(headers, serverCookies);
		}

		@Override
		public String generateHeader(Cookie cookie, HttpServletRequest request) {
			if (request.isSecure()) {
				cookie.setSecure(true);
			}
			if (cookie.getAttribute(SAME_SITE) == null) {
				cookie.setAttribute(SAME_SITE, "Lax");
			}
			return this.delegate.generateHeader(cookie, request);
		}

		@Override
		public Charset getCharset() {
			return this.delegate.getCharset();
		}

	}

}
