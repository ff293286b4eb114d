package io.callbridge.statistics.web;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes ended calls and their statistics facts straight into the database, for tests of
 * the dashboard that need a known data set without playing every call through a provider.
 * The call row agrees with its fact; the fact carries a version far above the call's, so
 * that no rebuild or late listener ever rewrites it.
 */
@Component
public class DashboardFacts {

	private static final Set<CallResult> MISSED = Set.of(CallResult.MISSED, CallResult.BUSY, CallResult.CANCELLED,
			CallResult.FAILED);

	private final JdbcClient jdbc;

	DashboardFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An ended call to write; change it with {@code at}, {@code ended}, {@code by},
	 * {@code costing}, {@code disposed}, {@code inCampaign} and {@code calledBackAfter},
	 * then {@link DashboardFacts#save}.
	 *
	 * @param tenantId tenant
	 * @param accountId telephony account
	 * @param zone the tenant's time zone
	 * @param startedAt start
	 * @param direction direction
	 * @param result result
	 * @param ringSeconds ring time
	 * @param talkSeconds talk time
	 * @param agentId agent
	 * @param campaignId campaign
	 * @param provider provider key
	 * @param cost provider's cost
	 * @param currency its currency
	 * @param outcome disposition outcome code
	 * @param charge disposition charge
	 * @param chargeCurrency its currency
	 * @param externalNumber the other party
	 * @param callbackSeconds seconds until a missed call was called back
	 */
	public record CallFact(long tenantId, long accountId, ZoneId zone, Instant startedAt, CallDirection direction,
			CallResult result, @Nullable Integer ringSeconds, @Nullable Integer talkSeconds, @Nullable Long agentId,
			@Nullable Long campaignId, String provider, @Nullable BigDecimal cost, @Nullable String currency,
			@Nullable String outcome, @Nullable BigDecimal charge, @Nullable String chargeCurrency,
			@Nullable String externalNumber, @Nullable Integer callbackSeconds) {

		/** Starting at a local time of a day in the tenant's zone. */
		public CallFact at(LocalDate day, int hour, int minute) {
			return new CallFact(this.tenantId, this.accountId, this.zone,
					LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(this.zone).toInstant(), this.direction,
					this.result, this.ringSeconds, this.talkSeconds, this.agentId, this.campaignId, this.provider,
					this.cost, this.currency, this.outcome, this.charge, this.chargeCurrency, this.externalNumber,
					this.callbackSeconds);
		}

		public CallFact ended(CallDirection way, CallResult how, @Nullable Integer ring, @Nullable Integer talk) {
			return new CallFact(this.tenantId, this.accountId, this.zone, this.startedAt, way, how, ring, talk,
					this.agentId, this.campaignId, this.provider, this.cost, this.currency, this.outcome, this.charge,
					this.chargeCurrency, this.externalNumber, this.callbackSeconds);
		}

		public CallFact by(@Nullable Long agent) {
			return new CallFact(this.tenantId, this.accountId, this.zone, this.startedAt, this.direction, this.result,
					this.ringSeconds, this.talkSeconds, agent, this.campaignId, this.provider, this.cost, this.currency,
					this.outcome, this.charge, this.chargeCurrency, this.externalNumber, this.callbackSeconds);
		}

		public CallFact costing(String providerKey, String amount, String code) {
			return new CallFact(this.tenantId, this.accountId, this.zone, this.startedAt, this.direction, this.result,
					this.ringSeconds, this.talkSeconds, this.agentId, this.campaignId, providerKey,
					new BigDecimal(amount), code, this.outcome, this.charge, this.chargeCurrency, this.externalNumber,
					this.callbackSeconds);
		}

		public CallFact disposed(String outcomeCode, @Nullable String amount, @Nullable String code) {
			return new CallFact(this.tenantId, this.accountId, this.zone, this.startedAt, this.direction, this.result,
					this.ringSeconds, this.talkSeconds, this.agentId, this.campaignId, this.provider, this.cost,
					this.currency, outcomeCode, (amount != null) ? new BigDecimal(amount) : null, code,
					this.externalNumber, this.callbackSeconds);
		}

		public CallFact inCampaign(long campaign) {
			return new CallFact(this.tenantId, this.accountId, this.zone, this.startedAt, this.direction, this.result,
					this.ringSeconds, this.talkSeconds, this.agentId, campaign, this.provider, this.cost, this.currency,
					this.outcome, this.charge, this.chargeCurrency, this.externalNumber, this.callbackSeconds);
		}

		public CallFact calledBackAfter(int seconds) {
			return new CallFact(this.tenantId, this.accountId, this.zone, this.startedAt, this.direction, this.result,
					this.ringSeconds, this.talkSeconds, this.agentId, this.campaignId, this.provider, this.cost,
					this.currency, this.outcome, this.charge, this.chargeCurrency, this.externalNumber, seconds);
		}

		boolean missed() {
			return this.direction == CallDirection.INBOUND && MISSED.contains(this.result);
		}

		Instant endedAt() {
			int ring = (this.ringSeconds != null) ? this.ringSeconds : 0;
			int talk = (this.talkSeconds != null) ? this.talkSeconds : 0;
			return this.startedAt.plusSeconds(ring + talk);
		}

	}

	/**
	 * An answered inbound call of the tenant (5 s ringing, 60 s talking), now, through
	 * the account, by nobody, from a random number.
	 */
	public CallFact anyCall(long tenantId, long accountId, ZoneId zone) {
		return new CallFact(tenantId, accountId, zone, Instant.now(), CallDirection.INBOUND, CallResult.ANSWERED, 5, 60,
				null, null, "sandbox", null, null, null, null, null,
				"+3461" + String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits())).substring(0, 7), null);
	}

	/** Writes the call and its fact; returns the call's id. */
	public long save(CallFact fact) {
		Timestamp started = Timestamp.from(fact.startedAt());
		Timestamp ended = Timestamp.from(fact.endedAt());
		this.jdbc.sql("""
				INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, external_number, state, result,
				  started_at, ended_at, ring_seconds, talk_seconds, agent_id, cost, currency, campaign_id, updated_at)
				VALUES (?, ?, ?, ?, ?, 'ENDED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(fact.tenantId(), fact.accountId(), UUID.randomUUID().toString(), fact.direction().name(),
					fact.externalNumber(), fact.result().name(), started, ended, fact.ringSeconds(), fact.talkSeconds(),
					fact.agentId(), fact.cost(), fact.currency(), fact.campaignId(), ended)
			.update();
		long callId = this.jdbc.sql("SELECT MAX(id) FROM calls WHERE tenant_id = ?")
			.param(fact.tenantId())
			.query(Long.class)
			.single();
		ZonedDateTime local = fact.startedAt().atZone(fact.zone());
		this.jdbc.sql("""
				INSERT INTO call_facts (call_id, tenant_id, call_version, zone, started_at, ended_at, local_day,
				  local_hour, weekday, account_id, provider, agent_id, campaign_id, direction, result, missed,
				  ring_seconds, talk_seconds, cost, currency, outcome, charge_amount, charge_currency,
				  external_number, callback_seconds, updated_at)
				VALUES (?, ?, 1000000, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(callId, fact.tenantId(), fact.zone().getId(), started, ended, local.toLocalDate(), local.getHour(),
					local.getDayOfWeek().getValue(), fact.accountId(), fact.provider(), fact.agentId(),
					fact.campaignId(), fact.direction().name(), fact.result().name(), fact.missed(), fact.ringSeconds(),
					fact.talkSeconds(), fact.cost(), fact.currency(), fact.outcome(), fact.charge(),
					fact.chargeCurrency(), fact.externalNumber(), fact.callbackSeconds(), ended)
			.update();
		return callId;
	}

}
