package io.callbridge.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How soon missed calls were called back, as the call events write it: the first outbound
 * call to the number from the missed call's end on, within 24 hours, whichever of the
 * calls is stored first; withheld numbers and calls that were not missed have no
 * call-back time.
 */
@IntegrationTest
class StatisticsCallBackTests {

	private static final String NUMBER = "612345678";

	private static final Instant START = Instant.parse("2026-03-04T10:00:00Z");

	/** The missed calls' end: 20 s after their start. */
	private static final Instant END = START.plusSeconds(20);

	@Autowired
	Tenants tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TestData data;

	@Autowired
	CallFactWriter writer;

	private FactSteps steps;

	@BeforeEach
	void tenantWithAnAgent() {
		this.steps = FactSteps.newTenant(ZoneId.of("Europe/Madrid"), this.tenants, this.accounts, this.sink, this.jdbc,
				this.transactions);
		long agent = this.data.anyUser(this.steps.tenantId(), Role.AGENT).id();
		this.data.assignExtension(this.steps.tenantId(), agent, this.steps.accountId(), FactSteps.EXTENSION);
	}

	@Test
	void aCallBackWithinAnHourIsCountedInSeconds() {
		long missed = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);
		this.steps.awaitFact(missed);

		this.steps.outbound(NUMBER, END.plus(Duration.ofMinutes(25)), END.plus(Duration.ofMinutes(27)),
				CallResult.ANSWERED);

		assertThat(callBackOf(missed)).isEqualTo(25 * 60);
	}

	@Test
	void aCallBackWithinADayCountsAndTheFirstOneWins() {
		long missed = this.steps.inbound(NUMBER, START, END, CallResult.BUSY);
		this.steps.awaitFact(missed);

		long later = this.steps.outbound(NUMBER, END.plus(Duration.ofHours(20)), END.plus(Duration.ofHours(21)),
				CallResult.MISSED);
		assertThat(callBackOf(missed)).isEqualTo(20 * 3600);
		this.steps.outbound(NUMBER, END.plus(Duration.ofHours(5)), END.plus(Duration.ofHours(6)), CallResult.ANSWERED);

		this.steps.awaitFact(missed, (row) -> Integer.valueOf(5 * 3600).equals(row.callbackSeconds()));
		assertThat(this.steps.awaitFact(later).callbackSeconds()).as("an outbound call has none").isNull();
	}

	@Test
	void aCallBackAtTheEndOfTheDayStillCountsButNotASecondLater() {
		long missed = this.steps.inbound(NUMBER, START, END, CallResult.CANCELLED);
		long missedOneSecondEarlier = this.steps.inbound("612345679", START.minusSeconds(1), END.minusSeconds(1),
				CallResult.CANCELLED);
		this.steps.awaitFact(missed);
		this.steps.awaitFact(missedOneSecondEarlier);

		long atTheLimit = this.steps.outbound(NUMBER, END.plus(Duration.ofHours(24)),
				END.plus(Duration.ofHours(24)).plusSeconds(30), CallResult.ANSWERED);
		long tooLate = this.steps.outbound("612345679", END.plus(Duration.ofHours(24)),
				END.plus(Duration.ofHours(24)).plusSeconds(30), CallResult.ANSWERED);

		assertThat(callBackOf(missed)).isEqualTo(86_400);
		this.steps.awaitFact(atTheLimit);
		this.steps.awaitFact(tooLate);
		assertThat(this.steps.fact(missedOneSecondEarlier).orElseThrow().callbackSeconds()).isNull();
	}

	@Test
	void anOutboundCallBeforeTheMissedCallEndedIsNoCallBack() {
		long early = this.steps.outbound(NUMBER, START.plusSeconds(5), START.plusSeconds(10), CallResult.ANSWERED);
		long missed = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);

		this.steps.awaitFact(early);
		assertThat(this.steps.awaitFact(missed).callbackSeconds()).isNull();
	}

	@Test
	void aCallBackStoredBeforeTheMissedCallIsLinkedWhenTheMissedCallArrives() {
		long callBack = this.steps.outbound(NUMBER, END.plus(Duration.ofMinutes(90)), END.plus(Duration.ofMinutes(95)),
				CallResult.ANSWERED);
		this.steps.awaitFact(callBack);

		long missed = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);

		assertThat(callBackOf(missed)).isEqualTo(90 * 60);
	}

	@Test
	void aWithheldNumberIsNeverCalledBack() {
		long withheld = this.steps.inbound(null, START, END, CallResult.MISSED);
		long unrelated = this.steps.outbound(NUMBER, END.plusSeconds(60), END.plusSeconds(90), CallResult.ANSWERED);

		this.steps.awaitFact(unrelated);
		assertThat(this.steps.awaitFact(withheld).externalNumber()).isNull();
		assertThat(this.steps.fact(withheld).orElseThrow().missed()).isTrue();
		assertThat(this.steps.fact(withheld).orElseThrow().callbackSeconds()).isNull();
	}

	@Test
	void anAnsweredOrRejectedCallHasNoCallBack() {
		long answered = this.steps.answered(NUMBER, START, Duration.ofSeconds(5), END);
		long rejected = this.steps.inbound(NUMBER, START.plusSeconds(30), START.plusSeconds(31), CallResult.REJECTED);

		long outbound = this.steps.outbound(NUMBER, END.plusSeconds(60), END.plusSeconds(90), CallResult.ANSWERED);

		this.steps.awaitFact(outbound);
		assertThat(this.steps.awaitFact(answered).callbackSeconds()).isNull();
		assertThat(this.steps.awaitFact(rejected).callbackSeconds()).isNull();
	}

	@Test
	void anotherTenantsCallToTheNumberIsNoCallBack() {
		long missed = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);
		this.steps.awaitFact(missed);
		FactSteps other = FactSteps.newTenant(ZoneId.of("Europe/Madrid"), this.tenants, this.accounts, this.sink,
				this.jdbc, this.transactions);

		long elsewhere = other.outbound(NUMBER, END.plusSeconds(60), END.plusSeconds(90), CallResult.ANSWERED);

		other.awaitFact(elsewhere);
		assertThat(this.steps.fact(missed).orElseThrow().callbackSeconds()).isNull();
	}

	@Test
	void aCallBackAtTheEndOfTheDayStoredBeforeTheMissedCallStillCountsButNotASecondLater() {
		long atTheLimit = this.steps.outbound(NUMBER, END.plus(Duration.ofHours(24)),
				END.plus(Duration.ofHours(24)).plusSeconds(30), CallResult.ANSWERED);
		long tooLate = this.steps.outbound("612345679", END.plus(Duration.ofHours(24)),
				END.plus(Duration.ofHours(24)).plusSeconds(30), CallResult.ANSWERED);
		this.steps.awaitFact(atTheLimit);
		this.steps.awaitFact(tooLate);

		long missed = this.steps.inbound(NUMBER, START, END, CallResult.CANCELLED);
		long missedOneSecondEarlier = this.steps.inbound("612345679", START.minusSeconds(1), END.minusSeconds(1),
				CallResult.CANCELLED);

		assertThat(callBackOf(missed)).isEqualTo(86_400);
		assertThat(this.steps.awaitFact(missedOneSecondEarlier).missed()).isTrue();
		assertThat(this.steps.fact(missedOneSecondEarlier).orElseThrow().callbackSeconds()).isNull();
	}

	@Test
	void aWithheldNumberIsNotCalledBackByAnOutboundCallWithoutNumberEither() {
		long withheld = this.steps.inbound(null, START, END, CallResult.MISSED);
		this.steps.awaitFact(withheld);
		long noNumber = this.steps.outbound(null, END.plusSeconds(60), END.plusSeconds(90), CallResult.ANSWERED);
		this.steps.awaitFact(noNumber);

		assertThat(this.steps.fact(withheld).orElseThrow().callbackSeconds()).isNull();
	}

	@Test
	void anOutboundCallWithoutNumberStoredFirstIsNoCallBackOfAWithheldNumber() {
		long noNumber = this.steps.outbound(null, END.plusSeconds(60), END.plusSeconds(90), CallResult.ANSWERED);
		this.steps.awaitFact(noNumber);

		long withheld = this.steps.inbound(null, START, END, CallResult.MISSED);

		assertThat(this.steps.awaitFact(withheld).missed()).isTrue();
		assertThat(this.steps.fact(withheld).orElseThrow().callbackSeconds()).isNull();
	}

	@Test
	void anOutboundCallThatWasNeverDialledIsNoCallBack() {
		long missed = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);
		this.steps.awaitFact(missed);
		long rejected = this.steps.outbound(NUMBER, END.plusSeconds(60), END.plusSeconds(61), CallResult.REJECTED);
		long notAllowed = this.steps.outbound(NUMBER, END.plusSeconds(120), END.plusSeconds(121),
				CallResult.NOT_ALLOWED);
		this.steps.awaitFact(rejected);
		this.steps.awaitFact(notAllowed);
		assertThat(this.steps.fact(missed).orElseThrow().callbackSeconds()).isNull();

		this.steps.outbound(NUMBER, END.plusSeconds(600), END.plusSeconds(660), CallResult.MISSED);

		assertThat(callBackOf(missed)).as("the first call that was dialled").isEqualTo(600);
	}

	@Test
	void anOutboundCallThatWasNeverDialledStoredFirstIsNoCallBack() {
		long rejected = this.steps.outbound(NUMBER, END.plusSeconds(60), END.plusSeconds(61), CallResult.REJECTED);
		long notAllowed = this.steps.outbound(NUMBER, END.plusSeconds(120), END.plusSeconds(121),
				CallResult.NOT_ALLOWED);
		long dialled = this.steps.outbound(NUMBER, END.plusSeconds(600), END.plusSeconds(660), CallResult.ANSWERED);
		this.steps.awaitFact(rejected);
		this.steps.awaitFact(notAllowed);
		this.steps.awaitFact(dialled);

		long missed = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);

		assertThat(callBackOf(missed)).isEqualTo(600);
	}

	@Test
	void aMissedCallCorrectedToAnsweredLosesItsCallBack() {
		String providerCallId = this.steps.missedByPoll(NUMBER, START, END);
		long missed = this.steps.callId(providerCallId);
		this.steps.outbound(NUMBER, END.plusSeconds(300), END.plusSeconds(360), CallResult.ANSWERED);
		assertThat(callBackOf(missed)).isEqualTo(300);

		this.steps.answeredAfterAll(providerCallId, END, 10);

		FactSteps.Row answered = this.steps.awaitFact(missed, (row) -> row.result() == CallResult.ANSWERED);
		assertThat(answered.missed()).isFalse();
		assertThat(answered.callbackSeconds()).isNull();
	}

	@Test
	void callsWrittenTogetherGetTheSameCallBackTimesAsCallsWrittenOneByOne() {
		long missed = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);
		long callBack = this.steps.outbound(NUMBER, END.plusSeconds(300), END.plusSeconds(360), CallResult.ANSWERED);
		long missedElsewhere = this.steps.inbound("612345679", START, END, CallResult.MISSED);
		long tooEarly = this.steps.outbound("612345679", START.minusSeconds(60), START, CallResult.ANSWERED);
		long missedBefore = this.steps.inbound("612345670", START, END, CallResult.BUSY);
		long lateCallBack = this.steps.outbound("612345670", END.plusSeconds(90), END.plusSeconds(95),
				CallResult.ANSWERED);
		long wronglyCalledBack = this.steps.inbound("612345671", START, END, CallResult.MISSED);
		List<Long> all = List.of(missed, callBack, missedElsewhere, tooEarly, missedBefore, lateCallBack,
				wronglyCalledBack);
		all.forEach(this.steps::awaitFact);
		// Written together now, call-backs first: the facts of all but two are gone, an
		// earlier missed call's stays (its call-back comes in the batch) and one kept a
		// call-back time it should not have.
		this.jdbc.sql("DELETE FROM call_facts WHERE call_id IN (:ids)")
			.param("ids", List.of(missed, callBack, missedElsewhere, tooEarly, lateCallBack))
			.update();
		this.jdbc.sql("UPDATE call_facts SET callback_seconds = NULL WHERE call_id = ?").param(missedBefore).update();
		this.jdbc.sql("UPDATE call_facts SET callback_seconds = 999 WHERE call_id = ?")
			.param(wronglyCalledBack)
			.update();

		int written = this.writer.writeMany(this.steps.tenantId(),
				List.of(lateCallBack, callBack, tooEarly, missed, missedElsewhere, wronglyCalledBack));

		assertThat(written).isEqualTo(6);
		assertThat(this.steps.fact(missed).orElseThrow().callbackSeconds()).isEqualTo(300);
		assertThat(this.steps.fact(missedElsewhere).orElseThrow().callbackSeconds()).isNull();
		assertThat(this.steps.fact(missedBefore).orElseThrow().callbackSeconds()).isEqualTo(90);
		assertThat(this.steps.fact(wronglyCalledBack).orElseThrow().callbackSeconds()).isNull();
		assertThat(this.steps.fact(callBack).orElseThrow().callbackSeconds()).isNull();
		assertThat(this.steps.factCount()).isEqualTo(all.size());
	}

	@Test
	void aCallBackRewrittenWithAnotherNumberInABatchMovesToThatNumbersMissedCall() {
		String other = "612345672";
		long missedHere = this.steps.inbound(NUMBER, START, END, CallResult.MISSED);
		long missedThere = this.steps.inbound(other, START, END, CallResult.MISSED);
		long callBack = this.steps.outbound(NUMBER, END.plusSeconds(300), END.plusSeconds(360), CallResult.ANSWERED);
		assertThat(callBackOf(missedHere)).isEqualTo(300);
		this.steps.awaitFact(missedThere);
		// The provider's record corrected the number dialled (to the number as stored).
		this.jdbc
			.sql("UPDATE calls SET external_number = (SELECT external_number FROM calls WHERE id = ?) WHERE id = ?")
			.params(missedThere, callBack)
			.update();

		assertThat(this.writer.writeMany(this.steps.tenantId(), List.of(callBack))).isEqualTo(1);

		assertThat(this.steps.fact(missedHere).orElseThrow().callbackSeconds()).isNull();
		assertThat(this.steps.fact(missedThere).orElseThrow().callbackSeconds()).isEqualTo(300);
	}

	@Test
	void factsWrittenTogetherAreStoredColumnForColumnAsFactsWrittenOneByOne() {
		List<Long> all = List.of(this.steps.inbound(NUMBER, START, END, CallResult.MISSED),
				this.steps.outbound(NUMBER, END.plusSeconds(300), END.plusSeconds(360), CallResult.ANSWERED),
				this.steps.answered("612345673", START, Duration.ofSeconds(7), END.plusSeconds(40)),
				this.steps.answeredOnLine("612345674", "911234567", START, END, "0.1234", "EUR"),
				this.steps.inbound(null, START, END, CallResult.BUSY),
				this.steps.outbound("612345675", START, END, CallResult.REJECTED));
		all.forEach(this.steps::awaitFact);
		List<Map<String, Object>> oneByOne = rows(all);

		this.jdbc.sql("DELETE FROM call_facts WHERE call_id IN (:ids)").param("ids", all).update();
		assertThat(this.writer.writeMany(this.steps.tenantId(), all)).isEqualTo(all.size());

		assertThat(rows(all)).isEqualTo(oneByOne);
	}

	// The rows as stored, but for when they were written.
	private List<Map<String, Object>> rows(List<Long> calls) {
		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT * FROM call_facts WHERE call_id IN (:ids) ORDER BY call_id")
			.param("ids", calls)
			.query()
			.listOfRows();
		rows.forEach((row) -> row.keySet().removeIf((column) -> column.equalsIgnoreCase("updated_at")));
		return rows;
	}

	private Integer callBackOf(long missed) {
		return this.steps.awaitFact(missed, (row) -> row.callbackSeconds() != null).callbackSeconds();
	}

}
