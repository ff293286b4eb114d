package io.callbridge.calls.application;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.agents.Agents;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CampaignLines;
import io.callbridge.calls.HistoryCallsEnded;
import io.callbridge.calls.application.HistoricCallImport.Outcome;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.Role;
import io.callbridge.shared.BulkInserts;
import io.callbridge.shared.KeyedReads;
import io.callbridge.shared.RowLocks;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The batched import of a history page ends exactly as importing its calls one by one
 * through event ingestion: the same calls, summaries, events and published facts, for new
 * calls, known ones, a call listed twice, a pending click-to-call, and a re-run that adds
 * nothing. Two accounts of one tenant receive the same live events and the same page; one
 * imports it call by call, the other in batches.
 */
@IntegrationTest
@RecordApplicationEvents
class HistoricCallWriterTests {

	@Autowired
	TestData data;

	@Autowired
	KeyedReads keyed;

	@Autowired
	RowLocks locks;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	CallRecords records;

	@Autowired
	HistoryPageWorkers workers;

	@Autowired
	Tenants tenants;

	@Autowired
	HistoricCallImport imports;

	@Autowired
	HistoricCallWriter writer;

	@Autowired
	Originations originations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	BulkInserts bulk;

	@Autowired
	Agents agents;

	@Autowired
	Contacts contacts;

	@Autowired
	ObjectProvider<CampaignLines> campaignLines;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationEvents published;

	private long tenant;

	private TestUser agent;

	private TelephonyAccount oneByOne;

	private TelephonyAccount batched;

	private final Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void twoAccountsWithTheSameAgentsAndContacts() {
		this.tenant = this.data.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		TestUser other = this.data.anyUser(this.tenant, Role.AGENT);
		this.oneByOne = account("One by one");
		this.batched = account("Batched");
		for (TelephonyAccount account : List.of(this.oneByOne, this.batched)) {
			this.data.assignExtension(this.tenant, this.agent.id(), account.id(), "100");
			this.data.assignExtension(this.tenant, other.id(), account.id(), "101");
		}
		this.data.anyContact(this.tenant, "One", "+34612000001");
		this.data.anyContact(this.tenant, "Shared A", "+34612000002");
		this.data.anyContact(this.tenant, "Shared B", "+34612000002");
	}

	@Test
	void aPageOfNewAndKnownCallsEndsAsImportingItCallByCall() {
		String id = UUID.randomUUID().toString();
		List<HistoricCall> page = page(id);
		for (TelephonyAccount account : List.of(this.oneByOne, this.batched)) {
			knownCalls(account, id);
			long request = this.originations.record(this.tenant, account.id(), this.agent.id(), "100", "+34612000009",
					null);
			this.originations.accepted(request, "clicked-" + id);
		}
		this.published.clear();
		List<Outcome> expected = callByCall().apply(this.oneByOne, page);
		List<String> expectedFacts = facts(this.oneByOne);
		this.published.clear();

		List<Outcome> outcomes = this.imports.apply(this.batched, page);

		assertThat(outcomes).isEqualTo(expected)
			.containsExactly(Outcome.ADDED, Outcome.ADDED, Outcome.ADDED, Outcome.ADDED, Outcome.ALREADY_KNOWN,
					Outcome.ALREADY_KNOWN, Outcome.COMPLETED, Outcome.COMPLETED, Outcome.ADDED);
		assertThat(facts(this.batched)).isEqualTo(expectedFacts).isNotEmpty();
		assertThat(calls(this.batched)).isEqualTo(calls(this.oneByOne)).hasSize(8);
		assertThat(events(this.batched)).isEqualTo(events(this.oneByOne));
		assertThat(calls(this.batched))
			.anySatisfy((call) -> assertThat(call).containsEntry("provider_call_id", "new-contact-" + id));
	}

	@Test
	void everyCharacterOfAPagesValuesIsStoredAsTheCallByCallPathStoresIt() {
		String id = UUID.randomUUID().toString();
		String line = "línea\t1 \\ \"x\" \n€";
		List<HistoricCall> page = List.of(new HistoricCall("odd-" + id, CallDirection.INBOUND, this.start,
				this.start.plusSeconds(3), "612000004", line, "101", CallResult.ANSWERED, 12, "rec\\a\r\nb\tc",
				new BigDecimal("0.0100"), "EUR", Map.of("nota", "tab\there, back\\slash, \\N, ñ, 日本")));
		List<Outcome> expected = callByCall().apply(this.oneByOne, page);

		List<Outcome> outcomes = this.imports.apply(this.batched, page);

		assertThat(outcomes).isEqualTo(expected).containsExactly(Outcome.ADDED);
		assertThat(calls(this.batched)).isEqualTo(calls(this.oneByOne))
			.singleElement()
			.satisfies((call) -> assertThat(call).containsEntry("our_line", line));
		assertThat(events(this.batched)).isEqualTo(events(this.oneByOne)).isNotEmpty();
	}

	@Test
	void aSecondImportOfThePageAddsAndPublishesNothing() {
		String id = UUID.randomUUID().toString();
		List<HistoricCall> page = page(id);
		knownCalls(this.batched, id);
		this.imports.apply(this.batched, page);
		List<Map<String, Object>> calls = calls(this.batched);
		List<Map<String, Object>> events = events(this.batched);
		this.published.clear();

		List<Outcome> again = this.imports.apply(this.batched, page);

		assertThat(again).containsOnly(Outcome.ALREADY_KNOWN);
		assertThat(calls(this.batched)).isEqualTo(calls);
		assertThat(events(this.batched)).isEqualTo(events);
		assertThat(facts(this.batched)).isEmpty();
	}

	@Test
	void aPageWithACallStoredMeanwhileIsWrittenNeitherTwiceNorHalf() {
		String id = UUID.randomUUID().toString();
		HistoricCall stored = historic("raced-" + id, CallDirection.INBOUND, "612000001", CallResult.ANSWERED, 30);
		HistoricCall fresh = historic("fresh-" + id, CallDirection.INBOUND, "612000003", CallResult.MISSED, 0);
		this.imports.apply(this.batched, List.of(stored));

		assertThatThrownBy(() -> this.writer.write(this.batched, List.of(fresh, stored), "EUR"))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(calls(this.batched)).hasSize(1);

		// As another node storing the call between the page's lookup and its write.
		List<Outcome> outcomes = racingImport().apply(this.batched, List.of(fresh, stored));

		assertThat(outcomes).containsExactly(Outcome.ADDED, Outcome.ALREADY_KNOWN);
		assertThat(calls(this.batched)).hasSize(2);
		assertThat(events(this.batched)).hasSize(4);
	}

	// As a page given up by PostgreSQL's deadlock detection while another page in flight
	// wrote one of its calls: written again, and the call the other page stored is found
	// known, not counted as added.
	@Test
	void aPageGivenUpInALockWaitIsWrittenAgainAndCountsWhatTheOtherPageStored() {
		String id = UUID.randomUUID().toString();
		HistoricCall other = historic("other-" + id, CallDirection.INBOUND, "612000001", CallResult.ANSWERED, 30);
		HistoricCall fresh = historic("fresh-" + id, CallDirection.INBOUND, "612000003", CallResult.MISSED, 0);
		AtomicInteger writes = new AtomicInteger();
		HistoricCallImport deadlocked = new HistoricCallImport(this.records, this.sink, this.tenants,
				new HistoricCallWriter(this.jdbcTemplate, this.agents, this.contacts, this.tenants, this.originations,
						this.campaignLines, this.publisher, this.transactions, this.bulk, this.meters) {

					@Override
					List<HistoricCall> write(TelephonyAccount account, List<HistoricCall> calls,
							String defaultCurrency) {
						if (writes.getAndIncrement() == 0) {
							// The other page commits its call as this one is given up.
							HistoricCallWriterTests.this.imports.apply(account, List.of(other));
							throw new PessimisticLockingFailureException("deadlock detected");
						}
						return super.write(account, calls, defaultCurrency);
					}

				}, this.workers);

		List<Outcome> outcomes = deadlocked.apply(this.batched, List.of(fresh, other));

		assertThat(writes.get()).isEqualTo(2);
		assertThat(outcomes).containsExactly(Outcome.ADDED, Outcome.ALREADY_KNOWN);
		assertThat(calls(this.batched)).hasSize(2);
		assertThat(events(this.batched)).hasSize(4);
	}

	@Test
	void everyCallEndedFromHistoryIsInOneHistoryCallsEndedThePagesWrittenCallsInOne() {
		String id = UUID.randomUUID().toString();
		List<HistoricCall> page = page(id);
		for (TelephonyAccount account : List.of(this.oneByOne, this.batched)) {
			knownCalls(account, id);
			long request = this.originations.record(this.tenant, account.id(), this.agent.id(), "100", "+34612000009",
					null);
			this.originations.accepted(request, "clicked-" + id);
		}
		this.published.clear();
		callByCall().apply(this.oneByOne, page);
		List<HistoryCallsEnded> oneByOne = this.published.stream(HistoryCallsEnded.class).toList();
		List<Long> endedOneByOne = endedFromHistory();
		this.published.clear();

		this.imports.apply(this.batched, page);

		List<HistoryCallsEnded> batched = this.published.stream(HistoryCallsEnded.class).toList();
		// Four new calls written together, the clicked one through event ingestion.
		assertThat(endedOneByOne).hasSize(5);
		assertThat(oneByOne).hasSize(5);
		assertThat(oneByOne.stream().flatMap((ended) -> ended.callIds().stream()))
			.containsExactlyInAnyOrderElementsOf(endedOneByOne);
		assertThat(batched).extracting((ended) -> ended.callIds().size()).containsExactlyInAnyOrder(4, 1);
		assertThat(batched.stream().flatMap((ended) -> ended.callIds().stream()))
			.containsExactlyInAnyOrderElementsOf(endedFromHistory());
	}

	@Test
	void everyEndedCallOfAHistoryPageGetsItsCallFact() {
		String id = UUID.randomUUID().toString();
		knownCalls(this.batched, id);
		this.published.clear();

		this.imports.apply(this.batched, page(id));

		List<Long> ended = this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND state = 'ENDED'")
			.param(this.batched.id())
			.query(Long.class)
			.list();
		assertThat(endedFromHistory()).hasSize(5);
		// Two of the known calls completed by their records, one complete already.
		assertThat(ended).hasSize(8);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.jdbc.sql("SELECT call_id FROM call_facts WHERE account_id = ?")
				.param(this.batched.id())
				.query(Long.class)
				.list()).containsExactlyInAnyOrderElementsOf(ended));
	}

	private List<Long> endedFromHistory() {
		return this.published.stream(CallEnded.class).filter(CallEnded::fromHistory).map(CallEnded::callId).toList();
	}

	/**
	 * New calls of every shape, one listed twice, known calls, and an outbound call a
	 * pending click-to-call request returned the id of.
	 */
	private List<HistoricCall> page(String id) {
		List<HistoricCall> page = new ArrayList<>();
		page.add(new HistoricCall("new-contact-" + id, CallDirection.INBOUND, this.start, this.start.plusSeconds(7),
				"612000001", "34910000000", "100", CallResult.ANSWERED, 42, "rec-" + id, new BigDecimal("0.1234"), null,
				Map.of("route", "test")));
		page.add(historic("new-shared-" + id, CallDirection.OUTBOUND, "612000002", CallResult.MISSED, 0));
		page.add(new HistoricCall("new-withheld-" + id, CallDirection.INBOUND, this.start.plusSeconds(60), null, null,
				null, "999", CallResult.MISSED, null, null, null, null, Map.of()));
		page.add(historic("new-unknown-" + id, CallDirection.OUTBOUND, "912345678", CallResult.ANSWERED, 30));
		page.add(historic("new-contact-" + id, CallDirection.INBOUND, "612000001", CallResult.MISSED, 0));
		page.add(historic("known-complete-" + id, CallDirection.INBOUND, "612000001", CallResult.MISSED, 0));
		page.add(historic("known-open-" + id, CallDirection.INBOUND, "612000003", CallResult.ANSWERED, 61));
		page.add(historic("known-polled-" + id, CallDirection.INBOUND, "612000003", CallResult.ANSWERED, 20));
		page.add(historic("clicked-" + id, CallDirection.OUTBOUND, "612000009", CallResult.ANSWERED, 15));
		return page;
	}

	// Calls seen live: one complete, one whose end was lost, one a poller saw disappear.
	private void knownCalls(TelephonyAccount account, String id) {
		for (String call : List.of("known-complete-", "known-open-", "known-polled-")) {
			this.sink.accept(event(account, call + id, CallEventType.STARTED, this.start).build());
			this.sink
				.accept(event(account, call + id, CallEventType.ANSWERED, this.start.plusSeconds(5)).extension("100")
					.build());
		}
		this.sink.accept(event(account, "known-complete-" + id, CallEventType.ENDED, this.start.plusSeconds(60))
			.result(CallResult.ANSWERED)
			.build());
		this.sink.accept(event(account, "known-polled-" + id, CallEventType.ENDED, this.start.plusSeconds(90))
			.dedupeKey("live:ENDED")
			.source(EventSource.POLL)
			.build());
	}

	private TelephonyAccount account(String name) {
		return this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, name, true, Map.of(),
				new Credentials(Map.of("secret", "s")));
	}

	private HistoricCall historic(String id, CallDirection direction, String number, CallResult result, int talk) {
		return new HistoricCall(id, direction, this.start, null, number, null, "101", result, talk, null,
				new BigDecimal("0.05"), "EUR", Map.of());
	}

	private ProviderCallEvent.Builder event(TelephonyAccount account, String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(account.id(), id, type, at)
			.direction(CallDirection.INBOUND)
			.externalNumber("612000003")
			.rawPayload("{}");
	}

	// Today's path: every call through event ingestion.
	private HistoricCallImport callByCall() {
		return new HistoricCallImport(this.records, this.sink, this.tenants,
				new HistoricCallWriter(this.jdbcTemplate, this.agents, this.contacts, this.tenants, this.originations,
						this.campaignLines, this.publisher, this.transactions, this.bulk, this.meters) {

					@Override
					List<HistoricCall> write(TelephonyAccount account, List<HistoricCall> calls,
							String defaultCurrency) {
						return calls;
					}

				}, this.workers);
	}

	// The page's lookup misses the calls another writer stores just before the page is
	// written.
	private HistoricCallImport racingImport() {
		return new HistoricCallImport(new CallRecords(this.jdbc, this.jdbcTemplate, this.keyed, this.bulk, this.locks) {

			private boolean first = true;

			@Override
			Map<String, KnownCall> known(long accountId, Collection<String> providerCallIds) {
				if (this.first) {
					this.first = false;
					return Map.of();
				}
				return super.known(accountId, providerCallIds);
			}

		}, this.sink, this.tenants, this.writer, this.workers);
	}

	private List<Map<String, Object>> calls(TelephonyAccount account) {
		return rows("SELECT * FROM calls WHERE account_id = ? ORDER BY provider_call_id", account,
				List.of("id", "account_id", "updated_at", "last_event_at"));
	}

	private List<Map<String, Object>> events(TelephonyAccount account) {
		return rows("""
				SELECT c.provider_call_id, e.* FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? ORDER BY c.provider_call_id, e.dedupe_key""", account,
				List.of("id", "call_id", "received_at"));
	}

	private List<Map<String, Object>> rows(String sql, TelephonyAccount account, List<String> ignored) {
		return this.jdbc.sql(sql).param(account.id()).query().listOfRows().stream().map((row) -> {
			Map<String, Object> kept = new TreeMap<>();
			row.forEach((column, value) -> {
				if (!ignored.contains(column.toLowerCase())) {
					kept.put(column.toLowerCase(), comparable(value));
				}
			});
			return kept;
		}).toList();
	}

	private static @Nullable Object comparable(@Nullable Object value) {
		return (value instanceof BigDecimal amount) ? amount.stripTrailingZeros().toPlainString()
				: (value != null) ? value.toString() : null;
	}

	/**
	 * The facts published about the account's calls, each with its call's provider id
	 * instead of its row id, without the time it was received, sorted.
	 */
	private List<String> facts(TelephonyAccount account) {
		Map<Long, String> providerIds = new HashMap<>();
		this.jdbc.sql("SELECT id, provider_call_id FROM calls WHERE account_id = ?").param(account.id()).query((rs) -> {
			providerIds.put(rs.getLong(1), rs.getString(2));
		});
		return this.published.stream(Record.class)
			.filter((event) -> event.getClass().getPackageName().equals("io.callbridge.calls"))
			.map((event) -> describe(event, providerIds))
			.filter((fact) -> fact != null)
			.sorted()
			.toList();
	}

	private static @Nullable String describe(Object event, Map<Long, String> providerIds) {
		Map<String, Object> fields = new TreeMap<>();
		String call = null;
		for (RecordComponent component : event.getClass().getRecordComponents()) {
			Object value;
			try {
				value = component.getAccessor().invoke(event);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			switch (component.getName()) {
				case "callId" -> call = providerIds.get((Long) value);
				case "receivedAt", "accountId" -> {
				}
				default -> fields.put(component.getName(), value);
			}
		}
		return (call != null) ? event.getClass().getSimpleName() + " " + call + " " + fields : null;
	}

}
