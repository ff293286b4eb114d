package io.callbridge.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ☎ click-to-call buttons of the pages: every one carries the number it calls, and a
 * withheld number has none (it used to call "undefined").
 */
@IntegrationTest
class DialButtonsTests {

	private static final Pattern DIAL_BUTTON = Pattern.compile("<button[^>]*class=\"dial\"[^>]*>");

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	private TestUser agent;

	private long account;

	@BeforeEach
	void agent() {
		long tenant = this.data.anyTenant();
		this.agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "120");
		this.account = this.data.sandboxAccount(tenant).id();
	}

	@Test
	void aCallFromAPrivateNumberHasNoDialButtonInTheHistoryOrItsPage() {
		long privateCall = call(null);
		long knownCall = call("+34612000444");
		UiSession session = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		String history = session.get("/calls").body();
		assertThat(dialButtons(row(history, privateCall))).isEmpty();
		assertThat(dialButtons(row(history, knownCall))).singleElement()
			.asString()
			.contains("data-number=\"+34612000444\"");
		assertThat(dialButtons(session.get("/calls/" + privateCall).body())).isEmpty();
		assertThat(dialButtons(session.get("/calls/" + knownCall).body())).singleElement()
			.asString()
			.contains("data-number=\"+34612000444\"");
	}

	@Test
	void everyDialButtonOfTheContactPagesCarriesItsNumber() {
		Contact contact = this.data.anyContact(this.agent.tenantId(), "Lola Peña", "+34 612 000 555",
				"+34 913 000 556");
		UiSession session = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		assertThat(dialButtons(session.get("/contacts/" + contact.id()).body())).hasSize(2)
			.allMatch((button) -> button.matches("(?s).*data-number=\"\\+34\\d{9}\".*"));
		assertThat(dialButtons(session.get("/contacts").body()))
			.allMatch((button) -> button.matches("(?s).*data-number=\"\\+\\d+\".*"));
	}

	private long call(@Nullable String number) {
		String providerCallId = "sbx-dial-" + UUID.randomUUID();
		this.sink.accept(ProviderCallEvent.of(this.account, providerCallId, CallEventType.RINGING, Instant.now())
			.direction(CallDirection.INBOUND)
			.externalNumber((number != null) ? number : "anonymous")
			.extension("120")
			.rawPayload("{\"call\":\"" + providerCallId + "\"}")
			.build());
		return this.jdbc.sql("SELECT id FROM calls WHERE provider_call_id = ?")
			.param(providerCallId)
			.query(Long.class)
			.single();
	}

	private static String row(String page, long callId) {
		Matcher row = Pattern.compile("<tr data-call-id=\"" + callId + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
		assertThat(row.find()).as("row of call %d", callId).isTrue();
		return row.group(1);
	}

	private static List<String> dialButtons(String html) {
		return DIAL_BUTTON.matcher(html).results().map(MatchResult::group).toList();
	}

}
