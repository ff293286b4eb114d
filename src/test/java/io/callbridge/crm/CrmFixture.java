package io.callbridge.crm;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Connections of the {@link FakeCrmConnector} for tests: valid as they are, each with its
 * own integration code, so tests of one tenant never clash.
 */
public final class CrmFixture {

	/** The API key every fixture connection is created with. */
	public static final String API_KEY = "fake-api-key-0123456789";

	private CrmFixture() {
	}

	/** An enabled connection to the fake CRM serving the accounts, with its API key. */
	public static ConnectionCommand anyConnection(long... accountIds) {
		return new ConnectionCommand(FakeCrmConnector.KEY, "Fake CRM", "http://127.0.0.1:9/crm", anyCode(),
				"http://callbridge.test", ids(accountIds), false, true, Map.of(FakeCrmConnector.SITE, "main"),
				Map.of(FakeCrmConnector.API_KEY, API_KEY));
	}

	/** The connection as changed: the same values but the ones given. */
	public static ConnectionCommand changed(ConnectionView view, boolean responsibleFromCrm, boolean enabled,
			Map<String, String> secrets) {
		return new ConnectionCommand(view.connector(), view.name(), view.baseUrl(), view.integrationCode(),
				view.publicBaseUrl(), view.accountIds(), responsibleFromCrm, enabled, view.settings(), secrets);
	}

	public static String anyCode() {
		return "cb-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static List<Long> ids(long... accountIds) {
		return java.util.Arrays.stream(accountIds).boxed().toList();
	}

}
