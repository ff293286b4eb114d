package io.callbridge.contacts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes the contacts of an import a batch at a time with set-based statements: one
 * multi-row {@code INSERT} per table and batch, lookups of external ids by a list of
 * values on the unique index {@code contacts_external_id}. Every lookup is by equality on
 * a unique or leading index key, so the plan needs no table statistics (checked with
 * EXPLAIN on an unanalysed table in {@code ContactImportBenchmark}).
 */
@Repository
class ContactBatchWriter {

	/** Rows per multi-row statement; below every driver's limit of bind parameters. */
	static final int ROWS_PER_STATEMENT = 1000;

	private static final String CONTACT_COLUMNS = "(tenant_id, name, company, email, notes, responsible_id, "
			+ "external_id, created_at, updated_at, search_text)";

	private final JdbcTemplate jdbc;

	ContactBatchWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A checked row ready to write.
	 *
	 * @param command the contact's values (for an update, merged with the kept ones)
	 * @param existingId the contact it updates; {@code null} to create one
	 * @param valid its normalized numbers and tags
	 */
	record Planned(ContactCommand command, @Nullable Long existingId, ContactService.Validated valid) {
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
					+ "FROM (VALUES " + marks(chunk.size(), "(CAST(? AS VARCHAR(100)))") + ") AS v(x)";
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
	 * Creates contacts with their numbers and tags.
	 * @return their ids, in the order given
	 */
	List<Long> create(long tenantId, List<Planned> rows, Instant now) {
		List<Long> ids = new ArrayList<>(rows.size());
		for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
			List<Planned> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
			ids.addAll(insertContacts(tenantId, chunk, now));
		}
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
				(ps, row) -> {
					int i = bindValues(ps, 1, row, now);
					ps.setLong(i, Objects.requireNonNull(row.existingId()));
					ps.setLong(i + 1, tenantId);
				});
		// One statement per contact (sent as a batch), not "IN (…1,000 ids)": an equality
		// on
		// the leading column of contact_phones_unique and of contact_tags' key is planned
		// as an
		// index scan with or without statistics; a long IN list may be estimated as the
		// whole table.
		List<Object[]> keys = ids.stream().map((id) -> new Object[] { id }).toList();
		this.jdbc.batchUpdate("DELETE FROM contact_phones WHERE contact_id = ?", keys);
		this.jdbc.batchUpdate("DELETE FROM contact_tags WHERE contact_id = ?", keys);
		writeDetails(tenantId, ids, rows);
		return ids;
	}

	// The keys come back in the order of the VALUES rows: PostgreSQL returns the rows an
	// INSERT ... VALUES inserts in that order (as ORMs' bulk inserts rely on), and H2
	// generates them in that order. The count is checked, so a driver that returned fewer
	// keys fails the import instead of mixing up contacts.
	private List<Long> insertContacts(long tenantId, List<Planned> rows, Instant now) {
		String sql = "INSERT INTO contacts " + CONTACT_COLUMNS + " VALUES "
				+ marks(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		return this.jdbc.execute((ConnectionCallback<List<Long>>) (connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(sql, new String[] { "id" })) {
				int i = 1;
				for (Planned row : rows) {
					ps.setLong(i++, tenantId);
					i = bindValues(ps, i, row, now);
				}
				ps.executeUpdate();
				return keys(ps, rows.size());
			}
		});
	}

	// name, company, email, notes, responsible_id, external_id, (created_at for a new
	// contact,) updated_at, search_text; returns the next parameter index.
	private static int bindValues(PreparedStatement ps, int first, Planned row, Instant now) throws SQLException {
		ContactCommand command = row.command();
		int i = first;
		ps.setString(i++, command.name().strip());
		ps.setString(i++, blank(command.company()));
		ps.setString(i++, blank(command.email()));
		ps.setString(i++, blank(command.notes()));
		if (command.responsibleId() != null) {
			ps.setLong(i++, command.responsibleId());
		}
		else {
			ps.setNull(i++, Types.BIGINT);
		}
		ps.setString(i++, blank(command.externalId()));
		if (row.existingId() == null) {
			ps.setObject(i++, Jdbc.ts(now));
		}
		ps.setObject(i++, Jdbc.ts(now));
		ps.setString(i++,
				ContactSearchText.of(command.name().strip(), command.company(), command.email(), row.valid().tags()));
		return i;
	}

	private static List<Long> keys(PreparedStatement ps, int expected) throws SQLException {
		List<Long> ids = new ArrayList<>(expected);
		try (ResultSet keys = ps.getGeneratedKeys()) {
			while (keys.next()) {
				ids.add(keys.getLong(1));
			}
		}
		if (ids.size() != expected) {
			throw new IllegalStateException("Expected " + expected + " generated ids, got " + ids.size());
		}
		return ids;
	}

	private void writeDetails(long tenantId, List<Long> ids, List<Planned> rows) {
		List<Object[]> phones = new ArrayList<>();
		List<Object[]> tags = new ArrayList<>();
		for (int r = 0; r < rows.size(); r++) {
			List<String> numbers = rows.get(r).valid().phones();
			for (int p = 0; p < numbers.size(); p++) {
				phones.add(new Object[] { tenantId, ids.get(r), numbers.get(p), p });
			}
			for (String tag : rows.get(r).valid().tags()) {
				tags.add(new Object[] { ids.get(r), tag });
			}
		}
		insertRows("INSERT INTO contact_phones (tenant_id, contact_id, e164, position) VALUES ", "(?, ?, ?, ?)",
				phones);
		insertRows("INSERT INTO contact_tags (contact_id, tag) VALUES ", "(?, ?)", tags);
	}

	private void insertRows(String insert, String row, List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
			List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
			this.jdbc.execute(insert + marks(chunk.size(), row), (PreparedStatement ps) -> {
				int i = 1;
				for (Object[] values : chunk) {
					for (Object value : values) {
						ps.setObject(i++, value);
					}
				}
				return ps.executeUpdate();
			});
		}
	}

	private static String marks(int count, String each) {
		StringBuilder sql = new StringBuilder(count * (each.length() + 2));
		for (int i = 0; i < count; i++) {
			sql.append((i > 0) ? ", " : "").append(each);
		}
		return sql.toString();
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
