package io.callbridge.omnileads;

import java.util.Map;

import io.callbridge.support.TestData.TestUser;

/** Logs test users in to the OMniLeads-compatible API, as a CRM does. */
final class OmlSession {

	private OmlSession() {
	}

	/** A client carrying the token of the user (of the default tenant) got at login. */
	static OmlClient loggedIn(int port, TestUser user) {
		return loggedIn(port, "/omnileads/api/v1/", user);
	}

	/** A client carrying the token the user got at the login of the given API base. */
	static OmlClient loggedIn(int port, String base, TestUser user) {
		OmlClient client = new OmlClient(port);
		String token = client.postJson(base + "login", Map.of("username", user.username(), "password", user.password()))
			.json(200)
			.path("token")
			.asString();
		return client.token(token);
	}

}
