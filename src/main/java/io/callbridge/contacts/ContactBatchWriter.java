package io.callbridge.contacts;

import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.contacts.ContactInserts.ContactRow;
import io.callbridge.contacts.ContactInserts.PhoneRow;
import io.callbridge.contacts.ContactInserts.TagRow;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes the contacts of an import a batch at a time with set-based statements: new rows
 * through the database's {@link ContactInserts} ({@code COPY} on PostgreSQL, multi-row
 * {@code INSERT}s elsewhere), updates as JDBC batches, lookups of external ids by a list
 * of values on the unique index {@code contacts_external_id}. Every lookup is by equality
 * on a unique or leading index key, so the plan needs no table statistics (checked with
 * EXPLAIN on an unanalysed table in {@code ContactImportBenchmark}).
 */
@Repository
class ContactBatchWriter {

	private static final int ROWS_PER_STATEMENT = PortableContactInserts.ROWS_PER_STATEMENT;

	private final JdbcTemplate jdbc;

	private final ContactInserts inserts;

	ContactBatchWriter(JdbcTemplate jdbc, ContactInserts inserts) {
		this.jdbc = jdbc;
		this.inserts = inserts;
	}

	/**
	 * A checked row ready to write.
	 *
	 * @param row the contact's values as stored (for an update, merged with the kept
	 * ones)
	 * @param existingId the contact it updates; {@code null} to create one
	 * @param valid its normalized numbers and tags
	 */
	record Planned(ContactRow row, @Nullable Long existingId, ContactService.Validated valid) {

		/** The row of a checked command. */
		static Planned of(ContactCommand command, @Nullable Long existingId, ContactService.Validated valid) {
			String name = command.name().strip();
			ContactRow row = new ContactRow(name, blank(command.company()), blank(command.email()),
					blank(command.notes()), command.responsibleId(), blank(command.externalId()),
					ContactSearchText.of(name, command.company(), command.email(), valid.tags()));
			return new Planned(row, existingId, valid);
		}

	}

	/**
	 * The contacts of the tenant holding these external ids, by external id. A correlated
	 * subquery per value, on purpose: it is an equality on both columns of the unique
	 * index {@code contacts_external_id}, which every planner answers with that index.
	 * The obvious {@code external_id IN (…1,000 values)} was planned on an unanalysed
	 * PostgreSQL table as a scan of the tenant's whole index range with the list as a
	 * filter: 57 s per batch with a million contacts (generic plan), against 33 ms here.
	 */
	Map<String, Long> idsByExternalId(long tenantId, Collection<String> externalIds) {
		Map<String, Long> ids = new HashMap<>();
		List<String> all = List.copyOf(externalIds);
		for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
			String sql = "SELECT v.x, (SELECT c.id FROM contacts c WHERE c.tenant_id = ? AND c.external_id = v.x) "
					+ "FROM (VALUES " + PortableContactInserts.marks(chunk.size(), "(CAST(? AS VARCHAR(100)))")
					+ ") AS v(x)";
			Object[] params = new Object[chunk.size() + 1];
			params[0] = tenantId;
			for (int i = 0; i < chunk.size(); i++) {
				params[i + 1] = chunk.get(i);
			}
			this.jdbc.query(sql, (ResultSet rs) -> {
				long id = rs.getLong(2);
				if (!rs.wasNull()) {
					ids.put(rs.getString(1), id);
				}
			}, params);
		}
		return ids;
	}

	/**
	 * Prepares the import's transaction for the writes (see
	 * {@link ContactInserts#prepareTransaction()}); first thing in it.
	 */
	void prepareTransaction() {
		this.inserts.prepareTransaction();
	}

	/**
	 * Creates contacts with their numbers and tags.
	 * @return their ids, in the order given
	 */
	List<Long> create(long tenantId, List<Planned> rows, Instant now) {
		List<Long> ids = this.inserts.contacts(tenantId, rows.stream().map(Planned::row).toList(), now);
		writeDetails(tenantId, ids, rows);
		return ids;
	}

	/**
	 * Replaces the values, numbers and tags of existing contacts.
	 * @return their ids, in the order given
	 */
	List<Long> update(long tenantId, List<Planned> rows, Instant now) {
		List<Long> ids = rows.stream().map((row) -> Objects.requireNonNull(row.existingId())).toList();
		this.jdbc.batchUpdate("""
				UPDATE contacts SET name = ?, company = ?, email = ?, notes = ?, responsible_id = ?, external_id = ?,
				  updated_at = ?, search_text = ? WHERE id = ? AND tenant_id = ?""", rows, ROWS_PER_STATEMENT,
				(ps, planned) -> {
					ContactRow row = planned.row();
					ps.setString(1, row.name());
					ps.setString(2, row.company());
					ps.setString(3, row.email());
					ps.setString(4, row.notes());
					if (row.responsibleId() != null) {
						ps.setLong(5, row.responsibleId());
					}
					else {
						ps.setNull(5, Types.BIGINT);
					}
					ps.setString(6, row.externalId());
					ps.setObject(7, Jdbc.ts(now));
					ps.setString(8, row.searchText());
					ps.setLong(9, Objects.requireNonNull(planned.existingId()));
					ps.setLong(10, tenantId);
				});
		// One statement per contact (sent as a batch), not "IN (…1,000 ids)": an equality
		// on the leading column of contact_phones_unique and of contact_tags' key is
		// planned as an index scan with or without statistics; a long IN list may be
		// estimated as the whole table.
		List<Object[]> keys = ids.stream().map((id) -> new Object[] { id }).toList();
		this.jdbc.batchUpdate("DELETE FROM contact_phones WHERE contact_id = ?", keys);
		this.jdbc.batchUpdate("DELETE FROM contact_tags WHERE contact_id = ?", keys);
		writeDetails(tenantId, ids, rows);
		return ids;
	}

	private void writeDetails(long tenantId, List<Long> ids, List<Planned> rows) {
		List<PhoneRow> phones = new ArrayList<>();
		List<TagRow> tags = new ArrayList<>();
		for (int r = 0; r < rows.size(); r++) {
			List<String> numbers = rows.get(r).valid().phones();
			for (int p = 0; p < numbers.size(); p++) {
				phones.add(new PhoneRow(tenantId, ids.get(r), numbers.get(p), p));
			}
			for (String tag : rows.get(r).valid().tags()) {
				tags.add(new TagRow(ids.get(r), tag));
			}
		}
		this.inserts.phones(phones);
		this.inserts.tags(tags);
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
