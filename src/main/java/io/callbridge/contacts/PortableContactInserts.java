package io.callbridge.contacts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callbridge.shared.Jdbc;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts an import's rows with one multi-row {@code INSERT … VALUES} per table and batch
 * of up to {@value #ROWS_PER_STATEMENT} rows: portable SQL, used on H2 (and any database
 * without its own {@link ContactInserts}).
 */
final class PortableContactInserts implements ContactInserts {

	/** Rows per multi-row statement; below every driver's limit of bind parameters. */
	static final int ROWS_PER_STATEMENT = 1000;

	private final JdbcTemplate jdbc;

	PortableContactInserts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void prepareTransaction() {
		// Nothing to prepare: multi-row inserts need no setting of their own.
	}

	@Override
	public List<Long> contacts(long tenantId, List<ContactRow> rows, Instant now) {
		List<Long> ids = new ArrayList<>(rows.size());
		for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
			ids.addAll(insertContacts(tenantId, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)),
					now));
		}
		return ids;
	}

	@Override
	public void phones(List<PhoneRow> rows) {
		insertRows("INSERT INTO contact_phones (tenant_id, contact_id, e164, position) VALUES ", "(?, ?, ?, ?)",
				rows.stream()
					.map((r) -> new Object[] { r.tenantId(), r.contactId(), r.e164(), r.position() })
					.toList());
	}

	@Override
	public void tags(List<TagRow> rows) {
		insertRows("INSERT INTO contact_tags (contact_id, tag) VALUES ", "(?, ?)",
				rows.stream().map((r) -> new Object[] { r.contactId(), r.tag() }).toList());
	}

	// The keys come back in the order of the VALUES rows: PostgreSQL returns the rows an
	// INSERT ... VALUES inserts in that order (as ORMs' bulk inserts rely on), and H2
	// generates them in that order. The count is checked, so a driver that returned fewer
	// keys fails the import instead of mixing up contacts.
	private List<Long> insertContacts(long tenantId, List<ContactRow> rows, Instant now) {
		String sql = "INSERT INTO contacts (tenant_id, name, company, email, notes, responsible_id, external_id, "
				+ "created_at, updated_at, search_text) VALUES " + marks(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		return this.jdbc.execute((ConnectionCallback<List<Long>>) (connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(sql, new String[] { "id" })) {
				int i = 1;
				for (ContactRow row : rows) {
					ps.setLong(i++, tenantId);
					ps.setString(i++, row.name());
					ps.setString(i++, row.company());
					ps.setString(i++, row.email());
					ps.setString(i++, row.notes());
					if (row.responsibleId() != null) {
						ps.setLong(i++, row.responsibleId());
					}
					else {
						ps.setNull(i++, Types.BIGINT);
					}
					ps.setString(i++, row.externalId());
					ps.setObject(i++, Jdbc.ts(now));
					ps.setObject(i++, Jdbc.ts(now));
					ps.setString(i++, row.searchText());
				}
				ps.executeUpdate();
				return keys(ps, rows.size());
			}
		});
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

	static String marks(int count, String each) {
		StringBuilder sql = new StringBuilder(count * (each.length() + 2));
		for (int i = 0; i < count; i++) {
			sql.append((i > 0) ? ", " : "").append(each);
		}
		return sql.toString();
	}

}
