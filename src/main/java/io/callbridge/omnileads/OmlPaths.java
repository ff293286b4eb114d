package io.callbridge.omnileads;

import java.util.Optional;

import io.callbridge.tenants.Tenant;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the OMniLeads-compatible API lives: {@code /omnileads/api/v1/…} for the default
 * tenant and {@code /omnileads/{tenant}/api/v1/…} for a tenant named by its short name.
 * OMniLeads' paths end with a slash and Spring no longer matches one implicitly, so every
 * mapping lists both forms.
 */
final class OmlPaths {

	/** The prefix of every path of the adapter. */
	static final String ROOT = "/omnileads/";

	/** The API of the default tenant. */
	static final String DEFAULT = "/omnileads/api/v1/";

	/** The API of a tenant named in the path. */
	static final String TENANT = "/omnileads/{tenant}/api/v1/";

	private OmlPaths() {
	}

	static boolean isOmniLeads(HttpServletRequest request) {
		return withinContext(request).startsWith(ROOT);
	}

	/**
	 * The short name of the tenant the path names, the default tenant's for
	 * {@code /omnileads/api/v1/…}; empty when the path is neither form.
	 */
	static Optional<String> tenantSlug(HttpServletRequest request) {
		String[] segments = withinContext(request).split("/", 6);
		// "", "omnileads", then "api", "v1" or "<slug>", "api", "v1"
		if (segments.length >= 4 && "api".equals(segments[2]) && "v1".equals(segments[3])) {
			return Optional.of(Tenant.DEFAULT_SLUG);
		}
		if (segments.length >= 5 && "api".equals(segments[3]) && "v1".equals(segments[4])) {
			return Optional.of(segments[2]);
		}
		return Optional.empty();
	}

	private static String withinContext(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (context != null && !context.isEmpty() && uri.startsWith(context)) ? uri.substring(context.length())
				: uri;
	}

}
