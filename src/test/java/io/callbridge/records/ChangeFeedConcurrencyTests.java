package io.callbridge.records;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.CaseFollowUps.NewFollowUp;
import io.callbridge.records.Cases.CaseEdit;
import io.callbridge.records.Cases.NewCase;
import io.callbridge.records.RecordChangeLog.RecordType;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed under concurrency: several threads create, edit and delete customers,
 * cases, follow-ups and tasks while a reader pages through every feed with its cursors.
 * At the end the reader's view equals the database (every live record at its last state,
 * every deleted one a tombstone), no page holds a record twice, and cursors only grow.
 * Runs on H2 and, tagged integration, on PostgreSQL, where transactions really commit out
 * of order.
 */
@IntegrationTest
class ChangeFeedConcurrencyTests {

	private static final int WRITERS = 4;

	private static final int OPERATIONS = 60;

	@Autowired
	ContactService contactService;

	@Autowired
	Contacts contacts;

	@Autowired
	Cases cases;

	@Autowired
	CaseFollowUps followUps;

	@Autowired
	Tasks tasks;

	@Autowired
	ChangeFeed feed;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReaderPagingDuringConcurrentChangesEndsWithTheDatabasesState() throws Exception {
		long tenant = this.tenants.anyTenant();
		long agent = this.data.anyUser(tenant, Role.AGENT).id();
		Writer writer = new Writer(tenant, agent);
		Reader reader = new Reader(tenant);
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		List<Future<?>> writers = new ArrayList<>();
		for (int i = 0; i < WRITERS; i++) {
			writers.add(pool.submit(() -> {
				for (int n = 0; n < OPERATIONS; n++) {
					writer.anyOperation();
				}
				return null;
			}));
		}
		while (writers.stream().anyMatch((future) -> !future.isDone())) {
			reader.readOnePageOfEach();
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		for (Future<?> each : writers) {
			each.get();
		}
		reader.catchUp();

		assertThat(reader.pages).isGreaterThan(4);
		assertViewEqualsDatabase(reader, RecordType.CUSTOMER, liveCustomers(tenant), writer.customers);
		assertViewEqualsDatabase(reader, RecordType.CASE, new HashMap<>(this.cases.byIds(tenant, ids("cases", tenant))),
				writer.cases);
		assertViewEqualsDatabase(reader, RecordType.FOLLOW_UP,
				new HashMap<>(this.followUps.byIds(tenant, ids("case_follow_ups", tenant))), writer.followUps);
		assertViewEqualsDatabase(reader, RecordType.TASK, new HashMap<>(this.tasks.byIds(tenant, ids("tasks", tenant))),
				writer.tasks);
	}

	private void assertViewEqualsDatabase(Reader reader, RecordType type, Map<Long, ?> live, List<Long> everCreated) {
		Map<Long, ChangeFeed.Item> view = reader.view.get(type);
		for (Map.Entry<Long, ?> record : live.entrySet()) {
			ChangeFeed.Item item = view.get(record.getKey());
			assertThat(item).as("%s %s in the reader's view", type, record.getKey()).isNotNull();
			assertThat(item.change()).as("change of %s %s", type, record.getKey()).isNotEqualTo("deleted");
			assertThat(item.record()).as("state of %s %s", type, record.getKey()).isEqualTo(record.getValue());
		}
		for (ChangeFeed.Item item : view.values()) {
			if (!live.containsKey(item.id())) {
				assertThat(item.change()).as("%s %s, deleted", type, item.id()).isEqualTo("deleted");
				assertThat(item.record()).isNull();
			}
		}
		assertThat(view.keySet()).containsAll(everCreated);
		assertThat(view.keySet()).containsAll(live.keySet());
	}

	private Map<Long, Object> liveCustomers(long tenant) {
		Map<Long, Object> live = new HashMap<>();
		this.contacts.all(tenant).forEach((contact) -> live.put(contact.id(), CustomerView.of(contact)));
		return live;
	}

	private List<Long> ids(String table, long tenant) {
		return this.jdbc.sql("SELECT id FROM " + table + " WHERE tenant_id = ?").param(tenant).query(Long.class).list();
	}

	/** Pages through the four feeds, keeping the latest item of each record. */
	private final class Reader {

		private final long tenant;

		private final Map<RecordType, Long> cursors = new EnumMap<>(RecordType.class);

		private final Map<RecordType, Map<Long, ChangeFeed.Item>> view = new EnumMap<>(RecordType.class);

		private int pages;

		Reader(long tenant) {
			this.tenant = tenant;
			for (RecordType type : RecordType.values()) {
				this.cursors.put(type, 0L);
				this.view.put(type, new HashMap<>());
			}
		}

		void readOnePageOfEach() {
			for (RecordType type : RecordType.values()) {
				readPage(type);
			}
		}

		void catchUp() {
			for (RecordType type : RecordType.values()) {
				while (readPage(type).hasMore()) {
					// Read on until the feed says there is nothing more.
				}
				assertThat(readPage(type).items()).isEmpty();
			}
		}

		private ChangeFeed.Page readPage(RecordType type) {
			long after = this.cursors.get(type);
			ChangeFeed.Page page = ChangeFeedConcurrencyTests.this.feed.read(this.tenant, type, after, 7);
			Set<Long> seen = new HashSet<>();
			long previous = after;
			for (ChangeFeed.Item item : page.items()) {
				assertThat(seen.add(item.id())).as("%s %s twice in one page", type, item.id()).isTrue();
				long seq = ChangeCursor.decode(this.tenant, item.cursor(), "after");
				assertThat(seq).as("item cursors grow").isGreaterThan(previous);
				previous = seq;
				this.view.get(type).put(item.id(), item);
			}
			long next = ChangeCursor.decode(this.tenant, page.nextCursor(), "after");
			assertThat(next).as("next cursor").isEqualTo(previous);
			this.cursors.put(type, next);
			this.pages++;
			return page;
		}

	}

	/** Random changes of one tenant's records, as several users would make them. */
	private final class Writer {

		private final long tenant;

		private final long agent;

		final List<Long> customers = new CopyOnWriteArrayList<>();

		final List<Long> cases = new CopyOnWriteArrayList<>();

		final List<Long> followUps = new CopyOnWriteArrayList<>();

		final List<Long> tasks = new CopyOnWriteArrayList<>();

		Writer(long tenant, long agent) {
			this.tenant = tenant;
			this.agent = agent;
		}

		void anyOperation() {
			int pick = ThreadLocalRandom.current().nextInt(100);
			try {
				if (pick < 15 || this.customers.isEmpty()) {
					this.customers.add(ChangeFeedConcurrencyTests.this.contactService
						.create(this.tenant, customer("Customer " + pick))
						.id());
				}
				else if (pick < 25) {
					ChangeFeedConcurrencyTests.this.contactService.update(this.tenant, any(this.customers),
							customer("Renamed " + pick));
				}
				else if (pick < 30) {
					ChangeFeedConcurrencyTests.this.contactService.delete(this.tenant, any(this.customers));
				}
				else if (pick < 45) {
					this.cases.add(
							ChangeFeedConcurrencyTests.this.cases
								.create(this.tenant, this.agent,
										new NewCase(any(this.customers), "Case " + pick, null, null, null, null,
												List.of()))
								.id());
				}
				else if (pick < 55) {
					long id = any(this.cases);
					Case current = ChangeFeedConcurrencyTests.this.cases.get(this.tenant, id);
					ChangeFeedConcurrencyTests.this.cases.update(this.tenant, id,
							new CaseEdit("Edited " + pick, current.description(), CaseStatus.values()[pick % 3],
									current.priority(), current.assigneeId()));
				}
				else if (pick < 60) {
					ChangeFeedConcurrencyTests.this.cases.delete(this.tenant, any(this.cases));
				}
				else if (pick < 72) {
					this.followUps.add(
							ChangeFeedConcurrencyTests.this.followUps
								.create(this.tenant, any(this.cases), this.agent,
										new NewFollowUp(FollowUpKind.NOTE, "Note " + pick, null, null))
								.id());
				}
				else if (pick < 77) {
					ChangeFeedConcurrencyTests.this.followUps.delete(this.tenant, any(this.followUps));
				}
				else if (pick < 87) {
					this.tasks.add(
							ChangeFeedConcurrencyTests.this.tasks
								.create(this.tenant,
										new Tasks.NewTask("Task " + pick, null, null, this.agent, null, null,
												any(this.cases)))
								.id());
				}
				else if (pick < 94) {
					ChangeFeedConcurrencyTests.this.tasks.complete(this.tenant, any(this.tasks));
				}
				else {
					ChangeFeedConcurrencyTests.this.tasks.delete(this.tenant, any(this.tasks));
				}
			}
			catch (Problems.NotFound | Problems.InvalidInput | NoRecordYet gone) {
				// Another writer deleted it (or nothing exists yet): what users see too.
			}
		}

		private long any(List<Long> ids) {
			if (ids.isEmpty()) {
				throw new NoRecordYet();
			}
			return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
		}

		private ContactCommand customer(String name) {
			return new ContactCommand(name, null, null, null, null, null, List.of(), List.of());
		}

	}

	/** No record of the kind an operation needs exists yet. */
	private static final class NoRecordYet extends RuntimeException {

		NoRecordYet() {
			super(null, null, false, false);
		}

	}

}
