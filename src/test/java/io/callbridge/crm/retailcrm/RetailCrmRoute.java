package io.callbridge.crm.retailcrm;

import org.jspecify.annotations.Nullable;

/**
 * Which method of the simulated retailCRM a request is for: the path and HTTP method of
 * the five served (protocol notes D1), refused 404 {@code API method not found} otherwise
 * (405 for a known path with the wrong HTTP method).
 *
 * @param method the API method
 * @param moduleCode the module code in the path of the integration-modules methods
 */
record RetailCrmRoute(Method method, String moduleCode) {

	private static final String MODULES = RetailCrmSimulator.API + "/integration-modules/";

	/** The served API methods, with their HTTP method and success status. */
	enum Method {

		EVENT("POST", 200, true), UPLOAD("POST", 200, true), MANAGER("GET", 200, true), MODULE("GET", 200, false),
		MODULE_EDIT("POST", 201, false);

		final String http;

		final int status;

		final boolean telephony;

		Method(String http, int status, boolean telephony) {
			this.http = http;
			this.status = status;
			this.telephony = telephony;
		}

	}

	static RetailCrmRoute of(String httpMethod, String path) {
		RetailCrmRoute route = match(path);
		if (route == null) {
			throw RetailCrmRefusal.of(404, "API method not found");
		}
		if (!route.method().http.equals(httpMethod)) {
			throw RetailCrmRefusal.of(405, "API method not found");
		}
		return route;
	}

	boolean telephony() {
		return this.method.telephony;
	}

	int status() {
		return this.method.status;
	}

	private static @Nullable RetailCrmRoute match(String path) {
		switch (path) {
			case RetailCrmSimulator.API + "/telephony/call/event":
				return new RetailCrmRoute(Method.EVENT, "");
			case RetailCrmSimulator.API + "/telephony/calls/upload":
				return new RetailCrmRoute(Method.UPLOAD, "");
			case RetailCrmSimulator.API + "/telephony/manager":
				return new RetailCrmRoute(Method.MANAGER, "");
			default:
				break;
		}
		if (!path.startsWith(MODULES)) {
			return null;
		}
		String rest = path.substring(MODULES.length());
		if (rest.endsWith("/edit")) {
			String code = rest.substring(0, rest.length() - "/edit".length());
			return validCode(code) ? new RetailCrmRoute(Method.MODULE_EDIT, code) : null;
		}
		return validCode(rest) ? new RetailCrmRoute(Method.MODULE, rest) : null;
	}

	private static boolean validCode(String code) {
		return !code.isEmpty() && !code.contains("/");
	}

}
