package io.callbridge.statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import io.callbridge.shared.Jdbc;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccount;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Writes ended calls straight into the tables for statistics tests: the {@code calls} row
 * and the {@code call_facts} row the facts listener would write for it (local day, hour
 * and weekday of the start in the given zone; missed = inbound and missed, busy,
 * cancelled or failed). The fact carries a version ahead of its call's, so that nothing
 * that re-derives facts from calls replaces these hand-made rows during a test.
 */
@Component
class FactRows {

	private final JdbcClient jdbc;

	FactRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A call of a tenant (zone) through an account, started at an instant. */
	Call call(long tenantId, ZoneId zone, TelephonyAccount account, String startedAt, CallDirection direction,
			CallResult result) {
		return new Call(tenantId, zone, account, Instant.parse(startedAt), direction, result);
	}

	/** One call being described; {@link #insert()} writes it. */
	final class Call {

		private final long tenantId;

		private final ZoneId zone;

		private final TelephonyAccount account;

		private final Instant startedAt;

		private final CallDirection direction;

		private final CallResult result;

		private @Nullable Long agentId;

		private @Nullable Long campaignId;

		private @Nullable Integer ring;

		private @Nullable Integer talk;

		private @Nullable BigDecimal cost;

		private @Nullable String currency;

		private @Nullable String outcome;

		private @Nullable BigDecimal charge;

		private @Nullable String chargeCurrency;

		private @Nullable String number;

		private @Nullable Integer callback;

		Call(long tenantId, ZoneId zone, TelephonyAccount account, Instant startedAt, CallDirection direction,
				CallResult result) {
			this.tenantId = tenantId;
			this.zone = zone;
			this.account = account;
			this.startedAt = startedAt;
			this.direction = direction;
			this.result = result;
		}

		Call agent(long id) {
			this.agentId = id;
			return this;
		}

		Call campaign(long id) {
			this.campaignId = id;
			return this;
		}

		Call ring(int seconds) {
			this.ring = seconds;
			return this;
		}

		Call talk(int seconds) {
			this.talk = seconds;
			return this;
		}

		Call cost(String amount, String code) {
			this.cost = new BigDecimal(amount);
			this.currency = code;
			return this;
		}

		Call outcome(String code) {
			this.outcome = code;
			return this;
		}

		Call charge(String amount, String code) {
			this.charge = new BigDecimal(amount);
			this.chargeCurrency = code;
			return this;
		}

		Call number(String e164) {
			this.number = e164;
			return this;
		}

		Call calledBackAfter(int seconds) {
			this.callback = seconds;
			return this;
		}

		/** Writes the call and its fact; returns the call's id. */
		long insert() {
			Instant endedAt = this.startedAt.plusSeconds(seconds(this.ring) + seconds(this.talk));
			long callId = insertCall(endedAt);
			ZonedDateTime local = this.startedAt.atZone(this.zone);
			boolean missed = this.direction == CallDirection.INBOUND
					&& (this.result == CallResult.MISSED || this.result == CallResult.BUSY
							|| this.result == CallResult.CANCELLED || this.result == CallResult.FAILED);
			FactRows.this.jdbc.sql("""
					INSERT INTO call_facts (call_id, tenant_id, call_version, zone, started_at, ended_at, local_day,
					  local_hour, weekday, account_id, provider, agent_id, campaign_id, direction, result, missed,
					  ring_seconds, talk_seconds, cost, currency, outcome, charge_amount, charge_currency,
					  external_number, callback_seconds, updated_at)
					VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(callId, this.tenantId, this.zone.getId(), Jdbc.ts(this.startedAt), Jdbc.ts(endedAt),
						local.toLocalDate(), local.getHour(), local.getDayOfWeek().getValue(), this.account.id(),
						this.account.provider(), this.agentId, this.campaignId, this.direction.name(),
						this.result.name(), missed, this.ring, this.talk, this.cost, this.currency, this.outcome,
						this.charge, this.chargeCurrency, this.number, this.callback, Jdbc.ts(endedAt))
				.update();
			return callId;
		}

		private long insertCall(Instant endedAt) {
			KeyHolder key = new GeneratedKeyHolder();
			FactRows.this.jdbc.sql("""
					INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, external_number, state,
					  result, started_at, ended_at, ring_seconds, talk_seconds, total_seconds, agent_id, cost,
					  currency, campaign_id, version, updated_at)
					VALUES (?, ?, ?, ?, ?, 'ENDED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
				.params(this.tenantId, this.account.id(), "stats-" + UUID.randomUUID(), this.direction.name(),
						this.number, this.result.name(), Jdbc.ts(this.startedAt), Jdbc.ts(endedAt), this.ring,
						this.talk, seconds(this.ring) + seconds(this.talk), this.agentId, this.cost, this.currency,
						this.campaignId, Jdbc.ts(endedAt))
				.update(key, "id");
			return key.getKeyAs(Long.class);
		}

		private static int seconds(@Nullable Integer value) {
			return (value != null) ? value : 0;
		}

	}

}
