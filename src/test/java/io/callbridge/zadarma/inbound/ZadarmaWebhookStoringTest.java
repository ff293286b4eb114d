package io.callbridge.zadarma.inbound;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.zadarma.ZadarmaHmac;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The webhook answers 2xx only once the event is stored: when storing fails — on
 * NOTIFY_START as on any other event — it answers 503 with {@code Retry-After} and no
 * call control, never a 200 over a lost event. The core's storage is replaced by a sink
 * that fails (the account registry by a stub), so this holds whatever the failure.
 */
class ZadarmaWebhookStoringTest {

	private static final String SECRET = "zd-secret";

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private final List<ProviderCallEvent> stored = new ArrayList<>();

	private boolean failing;

	private MockMvc mvc;

	private TelephonyAccounts accounts;

	@BeforeEach
	void webhookOnAFailableSink() {
		TelephonyAccount account = new TelephonyAccount(7, 1, "zadarma", "Zadarma", true, "tok",
				Map.of("timeZone", "Europe/Madrid"), true);
		TelephonyAccounts accounts = mock(TelephonyAccounts.class);
		this.accounts = accounts;
		when(accounts.findCachedByWebhookToken("tok")).thenReturn(Optional.of(account));
		when(accounts.cachedCredentials(account)).thenReturn(new Credentials(Map.of("key", "k", "secret", SECRET)));
		CallEventSink sink = (event) -> {
			if (this.failing) {
				throw new DataIntegrityViolationException("value too long for type character varying(40)");
			}
			this.stored.add(event);
			return CallEventSink.Ingestion.APPLIED;
		};
		this.mvc = webhook(accounts, sink, (query) -> new CallStartDecision("Lucía", "101", false));
	}

	private static MockMvc webhook(TelephonyAccounts accounts, CallEventSink sink, CallStartDecider decider) {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/problems");
		messages.setDefaultEncoding("UTF-8");
		ZadarmaWebhookController controller = new ZadarmaWebhookController(accounts, mock(Tenants.class), sink, decider,
				Duration.ofMillis(300), messages);
		return MockMvcBuilders.standaloneSetup(controller).build();
	}

	/**
	 * The provider waits for NOTIFY_START's answer before the phone rings: the decision
	 * (a read) is made while the event is stored, not after. Here each of the two waits
	 * until the other has begun; one after the other, the store would give up and the
	 * answer would be a 503.
	 */
	@Test
	void aNotifyStartIsDecidedWhileItsEventIsStored() throws Exception {
		CountDownLatch storing = new CountDownLatch(1);
		CountDownLatch deciding = new CountDownLatch(1);
		TelephonyAccounts accounts = this.accounts;
		CallEventSink sink = (event) -> {
			storing.countDown();
			if (!await(deciding)) {
				throw new IllegalStateException("the decision was not asked while the event was stored");
			}
			return CallEventSink.Ingestion.APPLIED;
		};
		MockMvc mvc = webhook(accounts, sink, (query) -> {
			deciding.countDown();
			await(storing);
			return new CallStartDecision("Lucía", "101", false);
		});

		MvcResult result = send(mvc, start("in_both"));

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).contains("\"caller_name\":\"Lucía\"");
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Test
	void aStoredNotifyStartIsAnsweredWithItsCallControl() throws Exception {
		MvcResult result = send(start("in_ok"));

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).contains("\"caller_name\":\"Lucía\"");
		assertThat(this.stored).hasSize(1);
	}

	@Test
	void aNotifyStartThatCouldNotBeStoredIsA503WithoutCallControl() throws Exception {
		this.failing = true;

		MvcResult result = send(start("in_lost"));

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("30");
		assertThat(result.getResponse().getContentAsString()).contains("NOTIFY_START could not be stored")
			.doesNotContain("caller_name")
			.doesNotContain("redirect");
	}

	@Test
	void anyOtherEventThatCouldNotBeStoredIsA503NotAConflict() throws Exception {
		this.failing = true;
		Map<String, String> internal = new LinkedHashMap<>(start("in_lost2"));
		internal.put("event", "NOTIFY_INTERNAL");
		internal.put("internal", "100");

		MvcResult result = send(internal);

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	private MvcResult send(Map<String, String> fields) throws Exception {
		return send(this.mvc, fields);
	}

	private static MvcResult send(MockMvc mvc, Map<String, String> fields) throws Exception {
		MockHttpServletRequestBuilder request = post("/webhooks/zadarma/tok")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.header("Signature", ZadarmaHmac.sign(SECRET,
					fields.get("caller_id") + fields.get("called_did") + fields.get("call_start")));
		fields.forEach(request::param);
		return mvc.perform(request).andReturn();
	}

	private static Map<String, String> start(String id) {
		String callStart = LocalDateTime.now(MADRID).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
		return Map.of("event", "NOTIFY_START", "call_start", callStart, "pbx_call_id", id, "caller_id", "34612345678",
				"called_did", "34910000000");
	}

}
