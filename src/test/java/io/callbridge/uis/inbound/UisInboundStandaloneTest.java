package io.callbridge.uis.inbound;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisEmployee;
import io.callbridge.uis.UisEmployees;
import io.callbridge.uis.UisSessionFetches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What the full application cannot be made to do on demand: storing a notification, or
 * scheduling a finished call's details, fails (the answer is 503 with
 * {@code Retry-After}, never a 200 over a lost event), and the core's decision about a
 * starting call takes longer than the deadline (UIS gets "go on" in time). The core's
 * storage and decider are replaced by ones that fail or hang, the account registry by a
 * stub.
 */
class UisInboundStandaloneTest {

	private static final String SECRET = "uis-secret";

	private final List<ProviderCallEvent> stored = new ArrayList<>();

	private final List<String> scheduled = new ArrayList<>();

	private final CountDownLatch never = new CountDownLatch(1);

	private boolean storingFails;

	private boolean schedulingFails;

	private MockMvc mvc;

	@BeforeEach
	void controllersOnFailableCollaborators() {
		TelephonyAccount account = new TelephonyAccount(7, 1, "uis", "UIS", true, "tok",
				Map.of("timeZone", "Europe/Moscow"), true);
		TelephonyAccounts accounts = mock(TelephonyAccounts.class);
		when(accounts.findCachedByWebhookToken("tok")).thenReturn(Optional.of(account));
		when(accounts.findCached(7)).thenReturn(Optional.of(account));
		when(accounts.cachedCredentials(account)).thenReturn(new Credentials(Map.of("notificationSecret", SECRET)));
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/problems");
		messages.setDefaultEncoding("UTF-8");
		UisWebhookGate gate = new UisWebhookGate(accounts, messages);
		UisNotificationController notifications = new UisNotificationController(gate, sink(), fetches());
		UisEmployees employees = new UisEmployees() {
			@Override
			public Optional<UisEmployee> find(long accountId, String employeeId) {
				return Optional.of(new UisEmployee(accountId, employeeId, "Luis", null, List.of("79260000026"), null));
			}

			@Override
			public List<UisEmployee> list(long accountId) {
				return List.of();
			}
		};
		// The decision would forward the call, but it never comes within the deadline.
		UisRoutingController routing = new UisRoutingController(gate, accounts, (query) -> {
			try {
				this.never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new CallStartDecision("Lucía", "26", false);
		}, employees, Duration.ofMillis(200));
		this.mvc = MockMvcBuilders.standaloneSetup(notifications, routing).build();
	}

	@AfterEach
	void releaseTheHangingDecider() {
		this.never.countDown();
	}

	@Test
	void aStoredNotificationIsAnswered200() throws Exception {
		MvcResult result = send("waiting");

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).isEqualTo("{}");
		assertThat(this.stored).hasSize(1);
	}

	@Test
	void aNotificationThatCouldNotBeStoredIsA503WithRetryAfter() throws Exception {
		this.storingFails = true;

		MvcResult result = send("waiting");

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("30");
		assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(result.getResponse().getContentAsString()).contains("waiting could not be stored");
	}

	@Test
	void anEndWhoseDetailsCouldNotBeScheduledIsA503SoItIsSentAgain() throws Exception {
		this.schedulingFails = true;

		MvcResult result = send("call-lost");

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getContentAsString()).contains("could not be scheduled");
		assertThat(this.stored).hasSize(1);
	}

	@Test
	void aDecisionLaterThanTheDeadlineLetsTheScenarioGoOn() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/webhooks/uis/tok/routing").param("secret", SECRET)
				.param("numa", "79260000777")
				.param("call_session_id", "901"))
			.andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).isEqualTo("{\"returned_code\":2}");
	}

	private MvcResult send(String event) throws Exception {
		String time = LocalDateTime.now(ZoneId.of("Europe/Moscow")).format(UisNotificationSender.TIME);
		String body = "{\"call_session_id\": 900, \"notification_time\": \"" + time
				+ "\", \"contact_phone_number\": \"79260000000\", \"employee_id\": 25}";
		return this.mvc
			.perform(post("/webhooks/uis/tok/" + event).param("secret", SECRET)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn();
	}

	private CallEventSink sink() {
		return (event) -> {
			if (this.storingFails) {
				throw new DataIntegrityViolationException("value too long for type character varying(64)");
			}
			this.stored.add(event);
			return CallEventSink.Ingestion.APPLIED;
		};
	}

	private UisSessionFetches fetches() {
		return (accountId, callSessionId) -> {
			if (this.schedulingFails) {
				throw new DataIntegrityViolationException("uis_session_fetches is not there");
			}
			this.scheduled.add(callSessionId);
		};
	}

}
