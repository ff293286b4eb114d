package io.callbridge.calls;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.callbridge.shared.Role;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disposition forms of the console card and of the call detail page: a refused
 * outcome shows its error by the field, keeps what was typed, and never shows an earlier
 * "saved" notice beside it.
 */
@IntegrationTest
class DispositionFormsTests {

	private static final String SAVED = "Outcome saved.";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	private long callId;

	private UiSession agent;

	@BeforeEach
	void anEndedCallOfTheAgent() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		TestUser user = this.data.anyUser(tenant, Role.AGENT);
		this.data.assignExtension(tenant, user.id(), account.id(), "7101");
		String providerCallId = "fake-" + UUID.randomUUID();
		for (CallEventType type : new CallEventType[] { CallEventType.RINGING, CallEventType.ANSWERED,
				CallEventType.ENDED }) {
			this.sink.accept(ProviderCallEvent.of(account.id(), providerCallId, type, Instant.now())
				.direction(CallDirection.INBOUND)
				.externalNumber("+34612000777")
				.extension("7101")
				.result((type == CallEventType.ENDED) ? CallResult.ANSWERED : null)
				.rawPayload("{\"type\":\"" + type + "\"}")
				.build());
		}
		this.callId = this.jdbc.sql("SELECT id FROM calls WHERE provider_call_id = ?")
			.param(providerCallId)
			.query(Long.class)
			.single();
		this.agent = UiSession.logIn(this.port, user.username(), user.password());
	}

	@Test
	void aRefusedChargeOnTheCardShowsItsErrorWithoutTheEarlierSavedNotice() {
		HttpResponse<String> saved = this.agent.postForm("/console/calls/" + this.callId + "/disposition",
				Map.of("outcome", "interested", "notes", "First try", "chargeAmount", "10"));
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(saved.body()).contains(SAVED);

		HttpResponse<String> refused = this.agent.postForm("/console/calls/" + this.callId + "/disposition",
				Map.of("outcome", "interested", "notes", "Second try", "chargeAmount", "abc"));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.headers().firstValue("X-Callbridge-Form-Errors")).hasValue("true");
		assertThat(refused.body()).contains("class=\"call-card")
			.contains("&#39;abc&#39; is not an amount.")
			.contains("Second try")
			.contains("value=\"abc\"")
			.doesNotContain(SAVED);
	}

	@Test
	void aRefusedChargeOnTheCallPageShowsItsErrorWithoutTheEarlierSavedNotice() {
		HttpResponse<String> saved = this.agent.postForm("/calls/" + this.callId + "/disposition",
				Map.of("outcome", "interested", "notes", "First try", "chargeAmount", "10"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.agent.get("/calls/" + this.callId).body()).contains(SAVED);

		HttpResponse<String> refused = this.agent.postForm("/calls/" + this.callId + "/disposition",
				Map.of("outcome", "interested", "notes", "Second try", "chargeAmount", "abc"));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("&#39;abc&#39; is not an amount.")
			.contains("Second try")
			.doesNotContain(SAVED);
	}

}
