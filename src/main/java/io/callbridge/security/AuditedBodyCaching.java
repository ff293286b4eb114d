package io.callbridge.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Keeps a copy of the JSON body of audited API changes (up to 16 KB) as the handler reads
 * it, so that {@link AdminChangeRecorder} can note its harmless fields afterwards.
 */
@Component
class AuditedBodyCaching extends OncePerRequestFilter {

	private static final int LIMIT = 16 * 1024;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return type == null || !type.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE)
				|| AdminChangeRecorder.categoryOf(request).isEmpty();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new ContentCachingRequestWrapper(request, LIMIT), response);
	}

}
