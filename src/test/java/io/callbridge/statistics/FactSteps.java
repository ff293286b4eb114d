package io.callbridge.statistics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.callbridge.shared.Jdbc;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Drives calls of one tenant's account through the provider-event ingestion (the path a
 * webhook takes) and reads the facts the statistics wrote for them.
 */
final class FactSteps {

	/** The extension of the tenant's agent on the account. */
	static final String EXTENSION = "101";

	private final CallEventSink sink;

	private final JdbcClient jdbc;

	private final long tenantId;

	private final TelephonyAccount account;

	private FactSteps(CallEventSink sink, JdbcClient jdbc, long tenantId, TelephonyAccount account) {
		this.sink = sink;
		this.jdbc = jdbc;
		this.tenantId = tenantId;
		this.account = account;
	}

	/**
	 * A new tenant in the zone with an account of the fake provider.
	 */
	static FactSteps newTenant(ZoneId zone, Tenants tenants, TelephonyAccounts accounts, CallEventSink sink,
			JdbcClient jdbc, TransactionTemplate transactions) {
		// In a transaction: creating a tenant outside one leaks a pooled connection (see
		// TenantFixture).
		long tenant = Objects.requireNonNull(transactions.execute((status) -> {
			String slug = "st-" + UUID.randomUUID().toString().substring(0, 8);
			return tenants.create(slug, "Tenant " + slug, "ES", zone, "EUR");
		}));
		TelephonyAccount account = accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		return new FactSteps(sink, jdbc, tenant, account);
	}

	long tenantId() {
		return this.tenantId;
	}

	long accountId() {
		return this.account.id();
	}

	TelephonyAccount account() {
		return this.account;
	}

	/** An inbound call from the number that rang the agent and ended with the result. */
	long inbound(@Nullable String number, Instant start, Instant end, CallResult result) {
		String id = newId();
		this.sink.accept(event(id, CallEventType.STARTED, start, CallDirection.INBOUND).externalNumber(number).build());
		this.sink
			.accept(event(id, CallEventType.RINGING, start.plusSeconds(1), CallDirection.INBOUND).extension(EXTENSION)
				.build());
		this.sink.accept(
				event(id, CallEventType.ENDED, end, CallDirection.INBOUND).extension(EXTENSION).result(result).build());
		return callId(id);
	}

	/** An inbound call answered by the agent {@code ring} after its start. */
	long answered(@Nullable String number, Instant start, Duration ring, Instant end) {
		String id = newId();
		this.sink.accept(event(id, CallEventType.STARTED, start, CallDirection.INBOUND).externalNumber(number).build());
		this.sink.accept(event(id, CallEventType.ANSWERED, start.plus(ring), CallDirection.INBOUND).extension(EXTENSION)
			.build());
		this.sink.accept(event(id, CallEventType.ENDED, end, CallDirection.INBOUND).extension(EXTENSION)
			.result(CallResult.ANSWERED)
			.build());
		return callId(id);
	}

	/** An outbound call to the number, ended with the result. */
	long outbound(@Nullable String number, Instant start, Instant end, CallResult result) {
		String id = newId();
		this.sink.accept(event(id, CallEventType.STARTED, start, CallDirection.OUTBOUND).externalNumber(number)
			.extension(EXTENSION)
			.build());
		this.sink.accept(event(id, CallEventType.ENDED, end, CallDirection.OUTBOUND).extension(EXTENSION)
			.result(result)
			.build());
		return callId(id);
	}

	/**
	 * An inbound call whose end a poll reported as missed (the provider may correct it).
	 */
	String missedByPoll(String number, Instant start, Instant end) {
		String id = newId();
		this.sink.accept(event(id, CallEventType.STARTED, start, CallDirection.INBOUND).externalNumber(number).build());
		this.sink.accept(event(id, CallEventType.ENDED, end, CallDirection.INBOUND).result(CallResult.MISSED)
			.dedupeKey("live:ENDED")
			.source(EventSource.POLL)
			.build());
		return id;
	}

	/** The provider's own end of a call, reporting it answered with the talk time. */
	void answeredAfterAll(String providerCallId, Instant end, int talkSeconds) {
		this.sink.accept(event(providerCallId, CallEventType.ENDED, end, CallDirection.INBOUND).extension(EXTENSION)
			.result(CallResult.ANSWERED)
			.talkSeconds(talkSeconds)
			.build());
	}

	/** A further event of a call, as a provider may report after its end. */
	void later(long callId, CallEventType type, Instant at, CallDirection direction,
			UnaryOperator<ProviderCallEvent.Builder> details) {
		String providerCallId = this.jdbc.sql("SELECT provider_call_id FROM calls WHERE id = ?")
			.param(callId)
			.query(String.class)
			.single();
		this.sink.accept(details.apply(event(providerCallId, type, at, direction)).build());
	}

	/**
	 * An inbound call to our line, answered by the agent, ended with the provider's cost.
	 */
	long answeredOnLine(String number, String ourLine, Instant start, Instant end, String cost, String currency) {
		String id = newId();
		this.sink.accept(event(id, CallEventType.STARTED, start, CallDirection.INBOUND).externalNumber(number)
			.ourLine(ourLine)
			.build());
		this.sink
			.accept(event(id, CallEventType.ANSWERED, start.plusSeconds(5), CallDirection.INBOUND).extension(EXTENSION)
				.build());
		this.sink.accept(event(id, CallEventType.ENDED, end, CallDirection.INBOUND).extension(EXTENSION)
			.result(CallResult.ANSWERED)
			.cost(new BigDecimal(cost), currency)
			.build());
		return callId(id);
	}

	long callId(String providerCallId) {
		return this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), providerCallId)
			.query(Long.class)
			.single();
	}

	long callVersion(long callId) {
		return this.jdbc.sql("SELECT version FROM calls WHERE id = ?").param(callId).query(Long.class).single();
	}

	/** The call's fact once written and matching, waiting for the listeners. */
	Row awaitFact(long callId, Predicate<Row> until) {
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> fact(callId).filter(until).isPresent());
		return fact(callId).orElseThrow();
	}

	Row awaitFact(long callId) {
		return awaitFact(callId, (row) -> true);
	}

	Optional<Row> fact(long callId) {
		return this.jdbc.sql("SELECT * FROM call_facts WHERE call_id = ?")
			.param(callId)
			.query((rs, n) -> new Row(rs.getLong("call_id"), rs.getLong("tenant_id"), rs.getLong("call_version"),
					rs.getString("zone"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "ended_at"),
					rs.getObject("local_day", LocalDate.class), rs.getInt("local_hour"), rs.getInt("weekday"),
					rs.getLong("account_id"), rs.getString("provider"), Jdbc.longOrNull(rs, "agent_id"),
					Jdbc.longOrNull(rs, "campaign_id"), rs.getBigDecimal("cost"), rs.getString("currency"),
					CallDirection.valueOf(rs.getString("direction")), CallResult.valueOf(rs.getString("result")),
					rs.getBoolean("missed"), Jdbc.intOrNull(rs, "ring_seconds"), Jdbc.intOrNull(rs, "talk_seconds"),
					rs.getString("outcome"), rs.getBigDecimal("charge_amount"), rs.getString("charge_currency"),
					rs.getString("external_number"), Jdbc.intOrNull(rs, "callback_seconds")))
			.optional();
	}

	long factCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_facts WHERE tenant_id = ?")
			.param(this.tenantId)
			.query(Long.class)
			.single();
	}

	/** What statistics knew before it existed: no facts and no rebuild cursor. */
	void forgetFacts() {
		this.jdbc.sql("DELETE FROM call_facts WHERE tenant_id = ?").param(this.tenantId).update();
		this.jdbc.sql("DELETE FROM call_fact_rebuilds WHERE tenant_id = ?").param(this.tenantId).update();
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at, CallDirection direction) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(direction).rawPayload("{}");
	}

	private static String newId() {
		return "stat-" + UUID.randomUUID();
	}

	/** A row of {@code call_facts}. */
	record Row(long callId, long tenantId, long callVersion, String zone, Instant startedAt, Instant endedAt,
			LocalDate localDay, int localHour, int weekday, long accountId, String provider, @Nullable Long agentId,
			@Nullable Long campaignId, @Nullable BigDecimal cost, @Nullable String currency, CallDirection direction,
			CallResult result, boolean missed, @Nullable Integer ringSeconds, @Nullable Integer talkSeconds,
			@Nullable String outcome, @Nullable BigDecimal chargeAmount, @Nullable String chargeCurrency,
			@Nullable String externalNumber, @Nullable Integer callbackSeconds) {
	}

}
