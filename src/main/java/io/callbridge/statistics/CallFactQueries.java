package io.callbridge.statistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.callbridge.shared.Jdbc;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The four aggregate reads of {@code call_facts} the dashboard is folded from, each one
 * pass over the period's rows of the tenant: the calls per day, hour and result; the wait
 * histogram; the talk histogram; the calls per agent, outcome and money. The same SQL on
 * H2 and PostgreSQL. Grouping finely in one pass and folding in Java costs less than one
 * pass per chart: the work is per row read, not per group returned. The statements are
 * kept in constants (not private) so that the benchmark can show their plans.
 */
@Repository
class CallFactQueries {

	static final String GRID = """
			SELECT local_day, local_hour, result, COUNT(*) AS calls,
			  SUM(CASE WHEN missed THEN 1 ELSE 0 END) AS missed,
			  SUM(CASE WHEN missed AND callback_seconds <= 3600 THEN 1 ELSE 0 END) AS back_1h,
			  SUM(CASE WHEN missed AND callback_seconds <= 86400 THEN 1 ELSE 0 END) AS back_24h
			FROM call_facts WHERE %s
			GROUP BY local_day, local_hour, result""";

	// Waiting: calls that could have been answered (not refused) whose ring time is
	// known. Waits and talks are two statements rather than one UNION ALL: PostgreSQL's
	// generic plan ran the union as a Parallel Append with workers, several times slower
	// than the two on their own (docs/benchmarks.md).
	static final String WAITS = """
			SELECT ring_seconds AS seconds, COUNT(*) AS calls
			FROM call_facts WHERE %s AND ring_seconds IS NOT NULL AND result NOT IN ('REJECTED', 'NOT_ALLOWED')
			GROUP BY ring_seconds""";

	// Talk: the answered calls.
	static final String TALKS = """
			SELECT talk_seconds AS seconds, COUNT(*) AS calls
			FROM call_facts WHERE %s AND talk_seconds IS NOT NULL AND result = 'ANSWERED'
			GROUP BY talk_seconds""";

	static final String LEDGER = """
			SELECT agent_id, outcome, charge_currency, provider, currency, COUNT(*) AS calls,
			  SUM(CASE WHEN result = 'ANSWERED' THEN 1 ELSE 0 END) AS answered,
			  SUM(CASE WHEN result = 'ANSWERED' THEN talk_seconds END) AS talk,
			  SUM(charge_amount) AS charges, COUNT(cost) AS costed, SUM(cost) AS cost
			FROM call_facts WHERE %s
			GROUP BY agent_id, outcome, charge_currency, provider, currency""";

	private final JdbcClient jdbc;

	CallFactQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Calls of one local day, hour and result.
	 *
	 * @param day local day of the start
	 * @param hour local hour of the start
	 * @param result result
	 * @param calls calls
	 * @param missed of them missed
	 * @param calledBackWithin1h of those called back within an hour
	 * @param calledBackWithin24h of those called back within 24 hours
	 */
	record GridCell(LocalDate day, int hour, CallResult result, long calls, long missed, long calledBackWithin1h,
			long calledBackWithin24h) {
	}

	/**
	 * Calls of one agent with one outcome, charge currency, provider and cost currency.
	 *
	 * @param agentId agent, {@code null} for calls nobody had
	 * @param outcome disposition outcome, {@code null} without one
	 * @param chargeCurrency currency of the charges, {@code null} without a charge
	 * @param provider provider's key
	 * @param currency currency of the provider's cost, {@code null} without one
	 * @param calls calls
	 * @param answered answered calls
	 * @param talkSeconds talk time of the answered calls
	 * @param charges charges recorded, {@code null} without any
	 * @param costed calls with a cost
	 * @param cost their cost, {@code null} without any
	 */
	record LedgerCell(@Nullable Long agentId, @Nullable String outcome, @Nullable String chargeCurrency,
			String provider, @Nullable String currency, long calls, long answered, long talkSeconds,
			@Nullable BigDecimal charges, long costed, @Nullable BigDecimal cost) {
	}

	/**
	 * The wait (ring time) and talk-time histograms.
	 *
	 * @param waits ring times of the calls that could be answered
	 * @param talks talk times of the answered calls
	 */
	record Histograms(Histogram waits, Histogram talks) {
	}

	List<GridCell> grid(FactFilter filter) {
		return this.jdbc.sql(GRID.formatted(filter.where()))
			.params(filter.params())
			.query((rs, n) -> new GridCell(rs.getObject("local_day", LocalDate.class), rs.getInt("local_hour"),
					CallResult.valueOf(rs.getString("result")), rs.getLong("calls"), rs.getLong("missed"),
					rs.getLong("back_1h"), rs.getLong("back_24h")))
			.list();
	}

	Histograms histograms(FactFilter filter) {
		return new Histograms(histogram(WAITS, filter), histogram(TALKS, filter));
	}

	private Histogram histogram(String sql, FactFilter filter) {
		Histogram histogram = new Histogram();
		this.jdbc.sql(sql.formatted(filter.where()))
			.params(filter.params())
			.query((RowCallbackHandler) (rs) -> histogram.add(rs.getInt("seconds"), rs.getLong("calls")));
		return histogram;
	}

	List<LedgerCell> ledger(FactFilter filter) {
		return this.jdbc.sql(LEDGER.formatted(filter.where()))
			.params(filter.params())
			.query((rs, n) -> new LedgerCell(Jdbc.longOrNull(rs, "agent_id"), rs.getString("outcome"),
					rs.getString("charge_currency"), rs.getString("provider"), rs.getString("currency"),
					rs.getLong("calls"), rs.getLong("answered"), rs.getLong("talk"), rs.getBigDecimal("charges"),
					rs.getLong("costed"), rs.getBigDecimal("cost")))
			.list();
	}

}
