package io.callbridge.security;

import java.io.IOException;
import java.util.OptionalLong;

import io.callbridge.agents.Agents;
import io.callbridge.shared.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a login session at its next request once its user was deleted or disabled, or had
 * their role, username or password changed: the session remembers the user's session
 * version at login, and each UI request compares it with the stored one (one primary-key
 * lookup). Sessions live on each node, the version in the shared database, so this holds
 * whichever node the browser is on. The request then goes on unauthenticated: a page
 * needing login answers with the login page ({@link UiAuthenticationEntryPoint}).
 */
final class SessionVersionFilter extends OncePerRequestFilter {

	/** Request attribute set when this request's session was ended. */
	static final String ENDED = SessionVersionFilter.class.getName() + ".ENDED";

	private final Agents agents;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	SessionVersionFilter(Agents agents) {
		this.agents = agents;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CallbridgeUserDetails details
				&& !stillValid(details)) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			this.contexts.clearContext();
			request.setAttribute(ENDED, Boolean.TRUE);
		}
		chain.doFilter(request, response);
	}

	private boolean stillValid(CallbridgeUserDetails details) {
		CurrentUser user = details.currentUser();
		OptionalLong version = this.agents.sessionVersion(user.tenantId(), user.userId());
		return version.isPresent() && version.getAsLong() == details.sessionVersion();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
				|| path.equals("/favicon.ico");
	}

}
