package io.callbridge.security;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes the UI's Content-Security-Policy; on the agent console page it lets frames and
 * form submissions reach exactly the user's tenant's external-site origins
 * ({@link ConsoleOrigins}), so the CRM page of a call can be embedded or posted to, and
 * nothing else.
 */
final class ConsolePolicyWriter implements HeaderWriter {

	private static final String HEADER = "Content-Security-Policy";

	// Only well-formed origins reach the header: never a character that could end a
	// directive.
	private static final Pattern ORIGIN = Pattern.compile("^https?://[A-Za-z0-9.-]+(:\\d{1,5})?$");

	private final String policy;

	private final ObjectProvider<ConsoleOrigins> origins;

	ConsolePolicyWriter(String policy, ObjectProvider<ConsoleOrigins> origins) {
		this.policy = policy;
		this.origins = origins;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader(HEADER)) {
			return;
		}
		response.setHeader(HEADER, isConsole(request) ? consolePolicy() : this.policy);
	}

	private static boolean isConsole(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/console") || path.equals("/console/");
	}

	private String consolePolicy() {
		List<String> allowed = tenantOrigins();
		if (allowed.isEmpty()) {
			return this.policy;
		}
		String sources = String.join(" ", allowed);
		return this.policy.replace("form-action 'self'", "form-action 'self' " + sources) + "; frame-src 'self' "
				+ sources;
	}

	private List<String> tenantOrigins() {
		ConsoleOrigins provider = this.origins.getIfAvailable();
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (provider == null || authentication == null
				|| !(authentication.getPrincipal() instanceof CallbridgeUserDetails details)) {
			return List.of();
		}
		return provider.originsFor(details.currentUser().tenantId())
			.stream()
			.filter((o) -> ORIGIN.matcher(o).matches())
			.distinct()
			.sorted()
			.toList();
	}

}
