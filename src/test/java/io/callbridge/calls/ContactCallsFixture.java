package io.callbridge.calls;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.callbridge.contacts.Contact;
import io.callbridge.recordings.RecordingStatus;
import io.callbridge.recordings.Recordings;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static org.awaitility.Awaitility.await;

/**
 * A contact with a known mix of calls for the contact statistics tests, delivered through
 * the real ingestion path (provider events into the {@link CallEventSink}) on the
 * scripted fake provider, with dispositions recorded through the API and recordings
 * fetched by the recordings job. Times are in March 2024 (Madrid is UTC+1).
 *
 * <pre>
 * #  when (UTC)        dir  result     talk  cost         recording        disposition
 * 1  03-01 09:00       IN   ANSWERED   120   0.0500 EUR   not fetchable    interested, 10.00 EUR
 * 2  03-02 10:00       IN   MISSED       0   —            —                —
 * 3  03-03 10:00       IN   BUSY         0   —            —                —
 * 4  03-04 10:00       IN   REJECTED     0   —            —                —
 * 5  03-05 10:00       OUT  ANSWERED   300   0.1200 EUR   available        payment-promise, 25.50 USD
 * 6  03-06 10:00       OUT  MISSED       0   —            —                site-visit (custom outcome)
 * 7  03-07 18:30       OUT  ANSWERED    60   0.0300 USD   available        interested, 5.00 EUR
 * </pre> Plus a call of another contact of the tenant, which never counts.
 */
@Component
public class ContactCallsFixture {

	/** The contact's number as the provider reports it (region ES). */
	static final String NUMBER = "612345678";

	private final TestData data;

	private final TenantFixture tenants;

	private final TelephonyAccounts accounts;

	private final CallEventSink sink;

	// Only integration tests have the fake provider; the screenshot tour and the
	// benchmarks
	// start the application without it and never use this fixture.
	private final ObjectProvider<FakeTelephonyProvider> fake;

	private final Recordings recordings;

	private final ApiClient api;

	private final JdbcClient jdbc;

	ContactCallsFixture(TestData data, TenantFixture tenants, TelephonyAccounts accounts, CallEventSink sink,
			ObjectProvider<FakeTelephonyProvider> fake, Recordings recordings, ApiClient api, JdbcClient jdbc) {
		this.data = data;
		this.tenants = tenants;
		this.accounts = accounts;
		this.sink = sink;
		this.fake = fake;
		this.recordings = recordings;
		this.api = api;
		this.jdbc = jdbc;
	}

	/**
	 * The mixed calls of a new contact in a new tenant.
	 * @return the tenant, its people, the contact and the calls (numbered as in the
	 * table)
	 */
	public Mixed mixed() {
		long tenant = this.tenants.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		this.data.assignExtension(tenant, agent.id(), account.id(), "101");
		Contact contact = this.data.anyContact(tenant, "Lucía Fernández", "+34612345678");
		Contact other = this.data.anyContact(tenant, "Otro Cliente", "+34699000111");
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		this.api.as(admin.token())
			.put("/api/v1/disposition-outcomes/site-visit", Map.of("label", "Site visit"))
			.hasStatus(200);

		Map<Integer, Long> calls = new LinkedHashMap<>();
		String pendingRef = "rec-" + UUID.randomUUID();
		String answeredOutRef = "rec-" + UUID.randomUUID();
		String lastRef = "rec-" + UUID.randomUUID();
		this.fake.getObject().answerRecording(answeredOutRef, found(answeredOutRef));
		this.fake.getObject().answerRecording(lastRef, found(lastRef));
		calls.put(1, call(account, CallDirection.INBOUND, "2024-03-01T09:00:00Z", CallResult.ANSWERED, 120,
				new BigDecimal("0.0500"), "EUR", pendingRef));
		calls.put(2,
				call(account, CallDirection.INBOUND, "2024-03-02T10:00:00Z", CallResult.MISSED, 0, null, null, null));
		calls.put(3,
				call(account, CallDirection.INBOUND, "2024-03-03T10:00:00Z", CallResult.BUSY, 0, null, null, null));
		calls.put(4,
				call(account, CallDirection.INBOUND, "2024-03-04T10:00:00Z", CallResult.REJECTED, 0, null, null, null));
		calls.put(5, call(account, CallDirection.OUTBOUND, "2024-03-05T10:00:00Z", CallResult.ANSWERED, 300,
				new BigDecimal("0.1200"), "EUR", answeredOutRef));
		calls.put(6,
				call(account, CallDirection.OUTBOUND, "2024-03-06T10:00:00Z", CallResult.MISSED, 0, null, null, null));
		calls.put(7, call(account, CallDirection.OUTBOUND, "2024-03-07T18:30:00Z", CallResult.ANSWERED, 60,
				new BigDecimal("0.0300"), "USD", lastRef));
		long otherCall = callFrom(account, "699000111", CallDirection.INBOUND, "2024-03-08T10:00:00Z",
				CallResult.ANSWERED, 500, new BigDecimal("9.0000"), "EUR", null);

		dispose(supervisor, calls.get(1), "interested", "10.00", "EUR");
		dispose(supervisor, calls.get(5), "payment-promise", "25.50", "USD");
		dispose(supervisor, calls.get(6), "site-visit", null, null);
		dispose(supervisor, calls.get(7), "interested", "5.00", "EUR");
		dispose(supervisor, otherCall, "interested", "99.00", "EUR");
		awaitAvailable(tenant, calls.get(5));
		awaitAvailable(tenant, calls.get(7));
		return new Mixed(tenant, supervisor, agent, contact, other, calls, otherCall, lastRef, answeredOutRef);
	}

	private long call(TelephonyAccount account, CallDirection direction, String start, CallResult result, int talk,
			@Nullable BigDecimal cost, @Nullable String currency, @Nullable String recordingRef) {
		return callFrom(account, NUMBER, direction, start, result, talk, cost, currency, recordingRef);
	}

	private long callFrom(TelephonyAccount account, String number, CallDirection direction, String start,
			CallResult result, int talk, @Nullable BigDecimal cost, @Nullable String currency,
			@Nullable String recordingRef) {
		String id = "stats-" + UUID.randomUUID();
		Instant started = Instant.parse(start);
		Instant ended = started.plusSeconds(5 + talk);
		this.sink.accept(event(account, id, CallEventType.STARTED, started).direction(direction)
			.externalNumber(number)
			.ourLine("+34910000000")
			.build());
		this.sink.accept(event(account, id, CallEventType.RINGING, started.plusSeconds(1)).extension("101").build());
		boolean answered = result == CallResult.ANSWERED;
		if (answered) {
			this.sink
				.accept(event(account, id, CallEventType.ANSWERED, started.plusSeconds(5)).extension("101").build());
		}
		this.sink.accept(event(account, id, CallEventType.ENDED, ended).result(result)
			.extension(answered ? "101" : null)
			.talkSeconds(answered ? talk : null)
			.cost(cost, currency)
			.build());
		if (recordingRef != null) {
			// The provider's "recording ready" notification: fetched at once.
			this.sink.accept(event(account, id, CallEventType.RECORDING_AVAILABLE, ended.plusSeconds(1))
				.recordingRef(recordingRef)
				.build());
		}
		return this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(account.id(), id)
			.query(Long.class)
			.single();
	}

	private void dispose(TestUser supervisor, long callId, String outcome, @Nullable String charge,
			@Nullable String currency) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("outcome", outcome);
		if (charge != null) {
			body.put("chargeAmount", new BigDecimal(charge));
			body.put("chargeCurrency", currency);
		}
		this.api.as(supervisor.token()).put("/api/v1/calls/{id}/disposition", body, callId).hasStatus(200);
	}

	private void awaitAvailable(long tenant, long callId) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.recordings.status(tenant, callId).status() == RecordingStatus.AVAILABLE);
	}

	private static RecordingLookup found(String ref) {
		return FakeTelephonyProvider.found(ref, Instant.now().plus(Duration.ofHours(1)));
	}

	private static ProviderCallEvent.Builder event(TelephonyAccount account, String id, CallEventType type,
			Instant at) {
		return ProviderCallEvent.of(account.id(), id, type, at).rawPayload("{\"call\":\"" + id + "\"}");
	}

	/**
	 * The mixed calls of {@link #mixed()}.
	 *
	 * @param tenant the tenant
	 * @param supervisor a supervisor of it
	 * @param agent an agent of it (extension 101, who had the calls)
	 * @param contact the contact with the calls
	 * @param other another contact of the tenant, with one call of its own
	 * @param calls the contact's calls by their number in the table
	 * @param otherCall the other contact's call
	 * @param lastRef the recording of call 7
	 * @param answeredOutRef the recording of call 5
	 */
	public record Mixed(long tenant, TestUser supervisor, TestUser agent, Contact contact, Contact other,
			Map<Integer, Long> calls, long otherCall, String lastRef, String answeredOutRef) {

		public long call(int number) {
			return this.calls.get(number);
		}

	}

}
