package io.callbridge.contacts;

import java.time.Instant;
import java.util.List;

import io.callbridge.shared.CopyText;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts an import's rows on PostgreSQL with {@code COPY … FROM STDIN}, one per table
 * and batch, on the import's own connection (so inside its transaction): the server
 * parses no statement per row, only the rows. The contacts' ids are taken first from
 * their identity sequence ({@code nextval}, as the column's default would), so the
 * numbers and tags can name them without reading anything back.
 */
final class PostgresContactInserts implements ContactInserts {

	private final JdbcTemplate jdbc;

	PostgresContactInserts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	// Every row an import writes has its foreign keys checked by a query PostgreSQL
	// prepares once and runs per row; under the connections' plan_cache_mode =
	// force_custom_plan that query is planned again for every row, which made a COPY
	// into contact_phones three times slower (≈ 50 against 17 µs a row, measured with
	// psql on an unanalysed table). Those checks are primary-key lookups, and the
	// import's transaction itself runs only lookups by primary or leading index key
	// (write turn, change-feed counter, updates and deletes by contact id, the webhook
	// outbox's endpoints of the tenant and its messages per contact), planned alike with
	// or without statistics; so the transaction runs with the server's default mode. Its
	// lookups of external ids run on other connections, which keep theirs.
	@Override
	public void prepareTransaction() {
		this.jdbc.execute("SET LOCAL plan_cache_mode = auto");
	}

	@Override
	public List<Long> contacts(long tenantId, List<ContactRow> rows, Instant now) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<Long> ids = CopyText.reserveIds(this.jdbc, "contacts", rows.size());
		CopyText copy = new CopyText();
		for (int i = 0; i < rows.size(); i++) {
			ContactRow row = rows.get(i);
			copy.add(ids.get(i))
				.add(tenantId)
				.add(row.name())
				.add(row.company())
				.add(row.email())
				.add(row.notes())
				.add(row.responsibleId())
				.add(row.externalId())
				.add(now)
				.add(now)
				.add(row.searchText())
				.endRow();
		}
		copy("COPY contacts (id, tenant_id, name, company, email, notes, responsible_id, external_id, created_at, "
				+ "updated_at, search_text) FROM STDIN", copy, rows.size());
		return ids;
	}

	@Override
	public void phones(List<PhoneRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		CopyText copy = new CopyText();
		for (PhoneRow row : rows) {
			copy.add(row.tenantId()).add(row.contactId()).add(row.e164()).add(row.position()).endRow();
		}
		copy("COPY contact_phones (tenant_id, contact_id, e164, position) FROM STDIN", copy, rows.size());
	}

	@Override
	public void tags(List<TagRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		CopyText copy = new CopyText();
		for (TagRow row : rows) {
			copy.add(row.contactId()).add(row.tag()).endRow();
		}
		copy("COPY contact_tags (contact_id, tag) FROM STDIN", copy, rows.size());
	}

	private void copy(String sql, CopyText rows, int expected) {
		rows.copyInto(this.jdbc, sql, expected);
	}

}
