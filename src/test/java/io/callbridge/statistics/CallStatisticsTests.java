package io.callbridge.statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.callbridge.agents.AgentCommand;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.statistics.Dashboard.AgentRow;
import io.callbridge.statistics.Dashboard.CostRow;
import io.callbridge.statistics.Dashboard.DayCount;
import io.callbridge.statistics.Dashboard.HeatCell;
import io.callbridge.statistics.Dashboard.HourCount;
import io.callbridge.statistics.Dashboard.Money;
import io.callbridge.statistics.Dashboard.OutcomeRow;
import io.callbridge.statistics.Dashboard.Totals;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static io.callbridge.telephony.CallDirection.INBOUND;
import static io.callbridge.telephony.CallDirection.OUTBOUND;
import static io.callbridge.telephony.CallResult.ANSWERED;
import static io.callbridge.telephony.CallResult.BUSY;
import static io.callbridge.telephony.CallResult.CANCELLED;
import static io.callbridge.telephony.CallResult.FAILED;
import static io.callbridge.telephony.CallResult.MISSED;
import static io.callbridge.telephony.CallResult.NOT_ALLOWED;
import static io.callbridge.telephony.CallResult.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * Every figure of the dashboard on a fixed set of 16 calls in a tenant of Madrid (UTC+1
 * in March 2026) from Monday 2 to Wednesday 4 March, plus calls just outside the period
 * and one of another tenant. The expected figures were worked out by hand from the table
 * below and are written as literals.
 *
 * <pre>
 *  #  start (UTC)       local      dir  result       agent account ring talk  extras
 *  1  03-01 23:30  Mon 03-02 00h  in   ANSWERED     Ann   sandbox   10  100  interested
 *  2  03-02 08:15  Mon 09h        in   MISSED       Ann   sandbox   30    -  called back after 3600 s
 *  3  03-02 08:40  Mon 09h        out  ANSWERED     Ann   sandbox    5   60  cost 0.12 EUR, payment-promise 50.00 EUR
 *  4  03-02 10:00  Mon 11h        in   BUSY         -     fake       0    -  called back after 3601 s
 *  5  03-02 12:00  Mon 13h        in   REJECTED     -     sandbox    -    -
 *  6  03-02 12:30  Mon 13h        in   NOT_ALLOWED  -     fake       3    -
 *  7  03-03 09:00  Tue 10h        out  ANSWERED     Bob   fake       8  300  campaign, cost 0.50 EUR, payment-promise 20.00 USD
 *  8  03-03 09:30  Tue 10h        out  MISSED       Bob   fake      25    -  campaign
 *  9  03-03 15:00  Tue 16h        in   CANCELLED    Ann   sandbox   12    -  never called back
 * 10  03-03 16:00  Tue 17h        in   ANSWERED     Bob   sandbox    4   45  retired-code (no longer listed) 10.00 EUR
 * 11  03-03 22:50  Tue 23h        in   ANSWERED     Ann   fake      20 1200  ends Wed 00:10 local; interested; cost 0.03 USD
 * 12  03-04 07:00  Wed 08h        in   FAILED       Ann   fake       0    -  called back after 86400 s
 * 13  03-04 11:00  Wed 12h        out  ANSWERED     Bob   sandbox   15  600  cost 0.30 EUR, not-interested
 * 14  03-04 22:59  Wed 23h        in   ANSWERED     Bob   sandbox    2   30  sold (the tenant's own outcome)
 * 15  03-04 13:00  Wed 14h        out  BUSY         Ann   sandbox   20    -  campaign
 * 16  03-04 14:00  Wed 15h        in   MISSED       -     fake       -    -
 * out 03-01 22:30 (Sun 23h local), 03-04 23:10 (Thu 00h local), another tenant's call on 03-03
 * </pre>
 */
@IntegrationTest
class CallStatisticsTests {

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private static final LocalDate MON = LocalDate.parse("2026-03-02");

	private static final LocalDate TUE = LocalDate.parse("2026-03-03");

	private static final LocalDate WED = LocalDate.parse("2026-03-04");

	@Autowired
	CallStatistics statistics;

	@Autowired
	TenantFixture tenants;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	DispositionService dispositions;

	@Autowired
	FactRows rows;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TelephonyAccount sandbox;

	private TelephonyAccount fake;

	private long ann;

	private long bob;

	private long campaign;

	@BeforeEach
	void sixteenCalls() {
		this.tenant = this.tenants.anyTenant();
		this.sandbox = this.data.sandboxAccount(this.tenant);
		this.fake = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.ann = this.data.agentService()
			.create(this.tenant,
					new AgentCommand("ann-" + this.tenant, "Ann", null, Role.AGENT, "secret-ann-1", true, null))
			.id();
		this.bob = this.data.agentService()
			.create(this.tenant,
					new AgentCommand("bob-" + this.tenant, "Bob", null, Role.AGENT, "secret-bob-1", true, null))
			.id();
		this.campaign = campaign(this.tenant);
		this.dispositions.saveOutcome(this.tenant, "sold", "Sold", 10, true);

		call(this.sandbox, "2026-03-01T23:30:00Z", INBOUND, ANSWERED).agent(this.ann)
			.ring(10)
			.talk(100)
			.outcome("interested")
			.insert();
		call(this.sandbox, "2026-03-02T08:15:00Z", INBOUND, MISSED).agent(this.ann)
			.ring(30)
			.number("+34600000001")
			.calledBackAfter(3600)
			.insert();
		call(this.sandbox, "2026-03-02T08:40:00Z", OUTBOUND, ANSWERED).agent(this.ann)
			.ring(5)
			.talk(60)
			.number("+34600000001")
			.cost("0.1200", "EUR")
			.outcome("payment-promise")
			.charge("50.00", "EUR")
			.insert();
		call(this.fake, "2026-03-02T10:00:00Z", INBOUND, BUSY).ring(0)
			.number("+34600000002")
			.calledBackAfter(3601)
			.insert();
		call(this.sandbox, "2026-03-02T12:00:00Z", INBOUND, REJECTED).insert();
		call(this.fake, "2026-03-02T12:30:00Z", INBOUND, NOT_ALLOWED).ring(3).insert();
		call(this.fake, "2026-03-03T09:00:00Z", OUTBOUND, ANSWERED).agent(this.bob)
			.campaign(this.campaign)
			.ring(8)
			.talk(300)
			.cost("0.5000", "EUR")
			.outcome("payment-promise")
			.charge("20.00", "USD")
			.insert();
		call(this.fake, "2026-03-03T09:30:00Z", OUTBOUND, MISSED).agent(this.bob)
			.campaign(this.campaign)
			.ring(25)
			.insert();
		call(this.sandbox, "2026-03-03T15:00:00Z", INBOUND, CANCELLED).agent(this.ann)
			.ring(12)
			.number("+34600000003")
			.insert();
		call(this.sandbox, "2026-03-03T16:00:00Z", INBOUND, ANSWERED).agent(this.bob)
			.ring(4)
			.talk(45)
			.outcome("retired-code")
			.charge("10.00", "EUR")
			.insert();
		call(this.fake, "2026-03-03T22:50:00Z", INBOUND, ANSWERED).agent(this.ann)
			.ring(20)
			.talk(1200)
			.outcome("interested")
			.cost("0.0300", "USD")
			.insert();
		call(this.fake, "2026-03-04T07:00:00Z", INBOUND, FAILED).agent(this.ann)
			.ring(0)
			.number("+34600000004")
			.calledBackAfter(86400)
			.insert();
		call(this.sandbox, "2026-03-04T11:00:00Z", OUTBOUND, ANSWERED).agent(this.bob)
			.ring(15)
			.talk(600)
			.cost("0.3000", "EUR")
			.outcome("not-interested")
			.insert();
		call(this.sandbox, "2026-03-04T22:59:00Z", INBOUND, ANSWERED).agent(this.bob)
			.ring(2)
			.talk(30)
			.outcome("sold")
			.insert();
		call(this.sandbox, "2026-03-04T13:00:00Z", OUTBOUND, BUSY).agent(this.ann)
			.campaign(this.campaign)
			.ring(20)
			.insert();
		call(this.fake, "2026-03-04T14:00:00Z", INBOUND, MISSED).insert();

		call(this.sandbox, "2026-03-01T22:30:00Z", INBOUND, ANSWERED).agent(this.ann).ring(1).talk(10).insert();
		call(this.sandbox, "2026-03-04T23:10:00Z", INBOUND, ANSWERED).agent(this.ann).ring(1).talk(10).insert();
		long other = this.tenants.anyTenant();
		this.rows.call(other, MADRID, this.data.sandboxAccount(other), "2026-03-03T10:00:00Z", INBOUND, ANSWERED)
			.ring(1)
			.talk(10)
			.insert();
	}

	@Test
	void countsTheCallsOfTheTenantsLocalDaysWithAnswerRateCallBacksWaitAndTalk() {
		Dashboard dashboard = this.statistics.dashboard(this.tenant, period(MON, WED));

		assertThat(dashboard.zone()).isEqualTo("Europe/Madrid");
		// Answer rate: 7 answered of 16 − 1 rejected − 1 not allowed. Wait: 13 ring times
		// (not #5, #6 refused, not #16 unknown), 151 s; sorted 0 0 2 4 5 8 10 12 15 20 20
		// 25 30, rank ⌈0.9 × 13⌉ = 12 → 25. Talk: 7 answered, 2335 s; sorted 30 45 60 100
		// 300 600 1200, rank ⌈6.3⌉ = 7 → 1200 (H2's PERCENTILE_DISC would give 600).
		assertTotals(dashboard.totals(), 16, 7, 5, 0.5, 1, 3, 11.615, 25, 333.571, 1200, 2335);
		assertTotals(this.statistics.totals(this.tenant, period(MON, WED)), 16, 7, 5, 0.5, 1, 3, 11.615, 25, 333.571,
				1200, 2335);
	}

	@Test
	void givesEveryDayOfThePeriodItsCallsPerResultCountingACallOnTheDayItStarted() {
		Dashboard dashboard = this.statistics.dashboard(this.tenant, period(LocalDate.parse("2026-03-01"), WED));

		assertThat(dashboard.byDay()).extracting(DayCount::day, DayCount::calls)
			.containsExactly(tuple(LocalDate.parse("2026-03-01"), 1L), tuple(MON, 6L), tuple(TUE, 5L), tuple(WED, 5L));
		assertThat(dashboard.byDay().get(1).byResult()).containsExactly(entry(ANSWERED, 2L), entry(MISSED, 1L),
				entry(BUSY, 1L), entry(FAILED, 0L), entry(CANCELLED, 0L), entry(REJECTED, 1L), entry(NOT_ALLOWED, 1L));
		assertThat(dashboard.byDay().get(2).byResult()).containsExactly(entry(ANSWERED, 3L), entry(MISSED, 1L),
				entry(BUSY, 0L), entry(FAILED, 0L), entry(CANCELLED, 1L), entry(REJECTED, 0L), entry(NOT_ALLOWED, 0L));
		assertThat(dashboard.byDay().get(3).byResult()).containsExactly(entry(ANSWERED, 2L), entry(MISSED, 1L),
				entry(BUSY, 1L), entry(FAILED, 1L), entry(CANCELLED, 0L), entry(REJECTED, 0L), entry(NOT_ALLOWED, 0L));
		// #11 talked 1200 s past midnight: still Tuesday's, with all its talk.
		assertThat(this.statistics.dashboard(this.tenant, period(TUE, TUE)).totals().talkSeconds()).isEqualTo(1545);
		assertThat(this.statistics.dashboard(this.tenant, period(WED, WED)).totals().talkSeconds()).isEqualTo(630);
	}

	@Test
	void givesTheLocalHoursAndTheWeekdayHeatmap() {
		Dashboard dashboard = this.statistics.dashboard(this.tenant, period(MON, WED));

		assertThat(dashboard.byHour()).hasSize(24);
		assertThat(dashboard.byHour()).extracting(HourCount::hour).containsExactlyElementsOf(range(24));
		assertThat(dashboard.byHour()).extracting(HourCount::calls)
			.containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 2L, 2L, 1L, 1L, 2L, 1L, 1L, 1L, 1L, 0L, 0L, 0L, 0L, 0L,
					2L);
		assertThat(dashboard.byHour().get(13).byResult()).containsEntry(REJECTED, 1L)
			.containsEntry(NOT_ALLOWED, 1L)
			.containsEntry(ANSWERED, 0L)
			.hasSize(7);
		assertThat(dashboard.byHour().get(23).byResult()).containsEntry(ANSWERED, 2L);
		assertThat(dashboard.heatmap()).hasSize(168);
		assertThat(dashboard.heatmap()).filteredOn((cell) -> cell.calls() > 0)
			.extracting(HeatCell::weekday, HeatCell::hour, HeatCell::calls)
			.containsExactly(tuple(1, 0, 1L), tuple(1, 9, 2L), tuple(1, 11, 1L), tuple(1, 13, 2L), tuple(2, 10, 2L),
					tuple(2, 16, 1L), tuple(2, 17, 1L), tuple(2, 23, 1L), tuple(3, 8, 1L), tuple(3, 12, 1L),
					tuple(3, 14, 1L), tuple(3, 15, 1L), tuple(3, 23, 1L));
		assertThat(dashboard.heatmap().get(0)).isEqualTo(new HeatCell(1, 0, 1));
		assertThat(dashboard.heatmap().get(167)).isEqualTo(new HeatCell(7, 23, 0));
	}

	@Test
	void listsTheAgentsWithTheirOutcomesAndChargesPerCurrency() {
		Dashboard dashboard = this.statistics.dashboard(this.tenant, period(MON, WED));

		assertThat(dashboard.agents())
			.extracting(AgentRow::agentId, AgentRow::name, AgentRow::calls, AgentRow::answered, AgentRow::talkSeconds)
			.containsExactly(tuple(this.ann, "Ann", 7L, 3L, 1360L), tuple(this.bob, "Bob", 5L, 4L, 975L),
					tuple(null, "", 4L, 0L, 0L));
		assertThat(dashboard.agents().get(0).outcomes()).containsExactly(entry("interested", 2L),
				entry("payment-promise", 1L));
		assertThat(dashboard.agents().get(0).charges()).containsExactly(new Money("EUR", new BigDecimal("50.00")));
		assertThat(dashboard.agents().get(1).outcomes()).containsExactly(entry("not-interested", 1L),
				entry("payment-promise", 1L), entry("retired-code", 1L), entry("sold", 1L));
		assertThat(dashboard.agents().get(1).charges()).containsExactly(new Money("EUR", new BigDecimal("10.00")),
				new Money("USD", new BigDecimal("20.00")));
		assertThat(dashboard.agents().get(2).outcomes()).isEmpty();
		assertThat(dashboard.agents().get(2).charges()).isEmpty();
	}

	@Test
	void listsTheOutcomesWithTheirLabelsAndChargesAndTheCostsPerProviderAndCurrency() {
		Dashboard dashboard = this.statistics.dashboard(this.tenant, period(MON, WED));

		assertThat(dashboard.outcomes())
			.extracting(OutcomeRow::code, OutcomeRow::label, OutcomeRow::labelKey, OutcomeRow::calls)
			.containsExactly(tuple("interested", "Interested", "outcome.seed.interested", 2L),
					tuple("payment-promise", "Payment promise", "outcome.seed.payment-promise", 2L),
					tuple("not-interested", "Not interested", "outcome.seed.not-interested", 1L),
					tuple("retired-code", "retired-code", null, 1L), tuple("sold", "Sold", null, 1L));
		assertThat(dashboard.outcomes().get(1).charges()).containsExactly(new Money("EUR", new BigDecimal("50.00")),
				new Money("USD", new BigDecimal("20.00")));
		assertThat(dashboard.outcomes().get(3).charges()).containsExactly(new Money("EUR", new BigDecimal("10.00")));
		assertThat(dashboard.outcomes().get(0).charges()).isEmpty();
		assertThat(dashboard.costs()).containsExactly(new CostRow("fake", "EUR", 1, new BigDecimal("0.5000")),
				new CostRow("fake", "USD", 1, new BigDecimal("0.0300")),
				new CostRow(this.sandbox.provider(), "EUR", 2, new BigDecimal("0.4200")));
	}

	@Test
	void narrowsToAnAccount() {
		// #4 #6 #7 #8 #11 #12 #16. Wait 0 0 8 20 25 (not #6 refused, not #16 unknown).
		Dashboard dashboard = this.statistics.dashboard(this.tenant,
				new StatisticsFilter(MON, WED, this.fake.id(), null, null, null));

		assertTotals(dashboard.totals(), 7, 2, 3, 0.333, 0, 2, 10.6, 25, 750.0, 1200, 1500);
		assertThat(dashboard.costs()).extracting(CostRow::provider).containsOnly("fake");
	}

	@Test
	void narrowsToAnAgent() {
		// #7 #8 #10 #13 #14. Wait 2 4 8 15 25; talk 30 45 300 600, rank ⌈3.6⌉ = 4 → 600.
		Dashboard dashboard = this.statistics.dashboard(this.tenant, period(MON, WED).forAgent(this.bob));

		assertTotals(dashboard.totals(), 5, 4, 0, 0.8, 0, 0, 10.8, 25, 243.75, 600, 975);
		assertThat(dashboard.agents()).extracting(AgentRow::agentId).containsExactly(this.bob);
		assertThat(dashboard.byDay()).extracting(DayCount::calls).containsExactly(0L, 3L, 2L);
		assertThat(dashboard.outcomes()).extracting(OutcomeRow::code)
			.containsExactly("not-interested", "payment-promise", "retired-code", "sold");
	}

	@Test
	void narrowsToACampaign() {
		// #7 #8 #15. Wait 8 25 20.
		Dashboard dashboard = this.statistics.dashboard(this.tenant,
				new StatisticsFilter(MON, WED, null, null, this.campaign, null));

		assertTotals(dashboard.totals(), 3, 1, 0, 0.333, 0, 0, 17.667, 25, 300.0, 300, 300);
	}

	@Test
	void narrowsToADirection() {
		// Outbound #3 #7 #8 #13 #15: wait 5 8 15 20 25; talk 60 300 600, rank ⌈2.7⌉ = 3.
		Dashboard outbound = this.statistics.dashboard(this.tenant,
				new StatisticsFilter(MON, WED, null, null, null, OUTBOUND));
		// Inbound #1 #2 #4 #5 #6 #9 #10 #11 #12 #14 #16: 4 answered of 11 − 2 refused.
		// Wait 10 30 0 12 4 20 0 2; talk 100 45 1200 30.
		Dashboard inbound = this.statistics.dashboard(this.tenant,
				new StatisticsFilter(MON, WED, null, null, null, INBOUND));
		// Sandbox and inbound: #1 #2 #5 #9 #10 #14, 3 answered of 6 − 1; wait 10 30 12 4
		// 2.
		Dashboard both = this.statistics.dashboard(this.tenant,
				new StatisticsFilter(MON, WED, this.sandbox.id(), null, null, INBOUND));

		assertTotals(outbound.totals(), 5, 3, 0, 0.6, 0, 0, 14.6, 25, 320.0, 600, 960);
		assertTotals(inbound.totals(), 11, 4, 5, 0.444, 1, 3, 9.75, 30, 343.75, 1200, 1375);
		assertTotals(both.totals(), 6, 3, 2, 0.6, 1, 1, 11.6, 30, 58.333, 100, 175);
	}

	@Test
	void givesZerosNullsAndEveryDayHourAndCellForAPeriodWithoutCalls() {
		Dashboard dashboard = this.statistics.dashboard(this.tenant,
				period(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-03")));

		assertThat(dashboard.totals()).isEqualTo(new Totals(0, 0, 0, null, 0, 0, null, null, null, null, 0));
		assertThat(dashboard.byDay()).extracting(DayCount::day, DayCount::calls)
			.containsExactly(tuple(LocalDate.parse("2026-02-01"), 0L), tuple(LocalDate.parse("2026-02-02"), 0L),
					tuple(LocalDate.parse("2026-02-03"), 0L));
		assertThat(dashboard.byDay().get(0).byResult()).hasSize(7).allSatisfy((result, calls) -> {
			assertThat(calls).isZero();
		});
		assertThat(dashboard.byHour()).hasSize(24).allSatisfy((hour) -> assertThat(hour.calls()).isZero());
		assertThat(dashboard.byHour().get(5).byResult()).hasSize(7);
		assertThat(dashboard.heatmap()).hasSize(168).allSatisfy((cell) -> assertThat(cell.calls()).isZero());
		assertThat(dashboard.agents()).isEmpty();
		assertThat(dashboard.outcomes()).isEmpty();
		assertThat(dashboard.costs()).isEmpty();
	}

	@Test
	void leavesRefusedCallsOutOfTheAnswerRateAndTheWait() {
		// Sandbox on Monday: #1 #2 #3 answered or missed, #5 rejected: 2 answered of 3.
		Dashboard sandbox = this.statistics.dashboard(this.tenant,
				new StatisticsFilter(MON, MON, this.sandbox.id(), null, null, null));
		// Fake on Monday: #4 busy (ring 0 s), #6 not allowed (ring 3 s, not a wait).
		Dashboard fake = this.statistics.dashboard(this.tenant,
				new StatisticsFilter(MON, MON, this.fake.id(), null, null, null));

		assertThat(sandbox.totals().calls()).isEqualTo(4);
		assertThat(sandbox.totals().answerRate()).isCloseTo(0.667, within(0.001));
		assertThat(fake.totals().calls()).isEqualTo(2);
		assertThat(fake.totals().answerRate()).isEqualTo(0.0);
		assertThat(fake.totals().averageWaitSeconds()).isEqualTo(0.0);
		assertThat(fake.totals().p90WaitSeconds()).isEqualTo(0);
	}

	private FactRows.Call call(TelephonyAccount account, String startedAt, CallDirection direction, CallResult result) {
		return this.rows.call(this.tenant, MADRID, account, startedAt, direction, result);
	}

	private static StatisticsFilter period(LocalDate from, LocalDate to) {
		return new StatisticsFilter(from, to, null, null, null, null);
	}

	private static List<Integer> range(int size) {
		return IntStream.range(0, size).boxed().toList();
	}

	private static void assertTotals(Totals totals, long calls, long answered, long missed, double answerRate,
			long back1h, long back24h, double averageWait, int p90Wait, double averageTalk, int p90Talk, long talk) {
		assertThat(totals.calls()).as("calls").isEqualTo(calls);
		assertThat(totals.answered()).as("answered").isEqualTo(answered);
		assertThat(totals.missed()).as("missed").isEqualTo(missed);
		assertThat(totals.answerRate()).as("answer rate").isCloseTo(answerRate, within(0.001));
		assertThat(totals.calledBackWithin1h()).as("called back within 1 h").isEqualTo(back1h);
		assertThat(totals.calledBackWithin24h()).as("called back within 24 h").isEqualTo(back24h);
		assertThat(totals.averageWaitSeconds()).as("average wait").isCloseTo(averageWait, within(0.001));
		assertThat(totals.p90WaitSeconds()).as("p90 wait").isEqualTo(p90Wait);
		assertThat(totals.averageTalkSeconds()).as("average talk").isCloseTo(averageTalk, within(0.001));
		assertThat(totals.p90TalkSeconds()).as("p90 talk").isEqualTo(p90Talk);
		assertThat(totals.talkSeconds()).as("talk").isEqualTo(talk);
	}

	private long campaign(long tenantId) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO campaigns (tenant_id, name, type, state, interaction, duplicates, created_at, updated_at)
				VALUES (?, 'Statistics', 'MANUAL', 'ACTIVE', 'FORM', 'ALLOW', ?, ?)""")
			.params(tenantId, Jdbc.ts(now), Jdbc.ts(now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

}
