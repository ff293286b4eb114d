package io.callbridge.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.contacts.Contacts;
import io.callbridge.records.RecordChangeLog.ChangeKind;
import io.callbridge.records.RecordChangeLog.RecordType;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the change feed of one kind of record: the records changed after a change number,
 * each once at its latest change, in change-number order, with its current representation
 * (or as a tombstone).
 */
@Service
class ChangeFeed {

	static final int MAX_LIMIT = 500;

	private final JdbcClient jdbc;

	private final Contacts contacts;

	private final Cases cases;

	private final CaseFollowUps followUps;

	private final Tasks tasks;

	ChangeFeed(JdbcClient jdbc, Contacts contacts, Cases cases, CaseFollowUps followUps, Tasks tasks) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.cases = cases;
		this.followUps = followUps;
		this.tasks = tasks;
	}

	/**
	 * One page of the feed.
	 * @param tenantId tenant
	 * @param type which records
	 * @param afterSeq the change number after which to read (0 for the beginning)
	 * @param limit at most this many records (1..500)
	 * @return the page
	 */
	Page read(long tenantId, RecordType type, long afterSeq, int limit) {
		List<Row> rows = this.jdbc.sql("""
				SELECT record_id, seq, change_kind, changed_at, customer_id, case_id FROM record_changes
				WHERE tenant_id = ? AND record_type = ? AND seq > ? ORDER BY seq LIMIT ?""")
			.params(tenantId, type.name(), afterSeq, limit + 1)
			.query(ChangeFeed::row)
			.list();
		boolean hasMore = rows.size() > limit;
		List<Row> page = hasMore ? rows.subList(0, limit) : rows;
		Map<Long, Object> records = current(tenantId, type,
				page.stream().filter((row) -> row.change() != ChangeKind.DELETED).map(Row::recordId).toList());
		List<Item> items = page.stream().map((row) -> item(tenantId, type, row, records.get(row.recordId()))).toList();
		long last = page.isEmpty() ? afterSeq : page.get(page.size() - 1).seq();
		return new Page(items, ChangeCursor.encode(tenantId, last), hasMore);
	}

	private Map<Long, Object> current(long tenantId, RecordType type, List<Long> ids) {
		Map<Long, Object> byId = new HashMap<>();
		switch (type) {
			case CUSTOMER -> ids.forEach((id) -> this.contacts.find(tenantId, id)
				.ifPresent((contact) -> byId.put(id, CustomerView.of(contact))));
			case CASE -> byId.putAll(this.cases.byIds(tenantId, ids));
			case FOLLOW_UP -> byId.putAll(this.followUps.byIds(tenantId, ids));
			case TASK -> byId.putAll(this.tasks.byIds(tenantId, ids));
		}
		return byId;
	}

	// A record deleted after its row was read shows as deleted; its own tombstone follows
	// later in the feed.
	private static Item item(long tenantId, RecordType type, Row row, @Nullable Object record) {
		ChangeKind change = (record == null) ? ChangeKind.DELETED : row.change();
		return new Item(ChangeCursor.encode(tenantId, row.seq()), typeName(type), row.recordId(), changeName(change),
				row.changedAt(), record, row.customerId(), row.caseId());
	}

	static String typeName(RecordType type) {
		return switch (type) {
			case CUSTOMER -> "customer";
			case CASE -> "case";
			case FOLLOW_UP -> "follow-up";
			case TASK -> "task";
		};
	}

	private static String changeName(ChangeKind change) {
		return switch (change) {
			case CREATED -> "created";
			case UPDATED -> "updated";
			case DELETED -> "deleted";
		};
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("record_id"), rs.getLong("seq"), ChangeKind.valueOf(rs.getString("change_kind")),
				Jdbc.instant(rs, "changed_at"), Jdbc.longOrNull(rs, "customer_id"), Jdbc.longOrNull(rs, "case_id"));
	}

	/** A row of record_changes. */
	private record Row(long recordId, long seq, ChangeKind change, Instant changedAt, @Nullable Long customerId,
			@Nullable Long caseId) {
	}

	/**
	 * One record in the feed.
	 *
	 * @param cursor the position just after this record (read on from it)
	 * @param type customer, case, follow-up or task
	 * @param id the record's id
	 * @param change created, updated or deleted
	 * @param changedAt when it last changed (database time; the cursor, not this, orders
	 * the feed)
	 * @param record its current representation, {@code null} for a deleted record
	 * @param customerId the customer it belongs to (cases, follow-ups, tasks), kept in
	 * tombstones
	 * @param caseId the case it belongs to (follow-ups, tasks), kept in tombstones
	 */
	record Item(String cursor, String type, long id, String change, Instant changedAt, @Nullable Object record,
			@Nullable Long customerId, @Nullable Long caseId) {
	}

	/**
	 * A page of the feed.
	 *
	 * @param items the records, in change order
	 * @param nextCursor where the next page starts (the request's cursor when the page is
	 * empty)
	 * @param hasMore whether more records have changed after this page already
	 */
	record Page(List<Item> items, String nextCursor, boolean hasMore) {
	}

}
