package io.callbridge.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway migration {@value #VERSION}: fills the search text of the contacts that existed
 * before contact search ignored accents (the column comes from V60). The normalization
 * needs {@link java.text.Normalizer}, which no SQL of both databases offers, so this
 * migration is Java; Flyway runs it once, under its lock, whatever the number of nodes.
 */
@Component
class ContactSearchBackfill implements JavaMigration {

	static final String VERSION = "61";

	private static final int BATCH = 500;

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion(VERSION);
	}

	@Override
	public String getDescription() {
		return "contact search text backfill";
	}

	@Override
	public @Nullable Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) {
		// Flyway's connection, left open for Flyway to commit.
		JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
		long after = 0;
		List<Row> rows = page(jdbc, after);
		while (!rows.isEmpty()) {
			fill(jdbc, rows);
			after = rows.get(rows.size() - 1).id();
			rows = page(jdbc, after);
		}
	}

	/** A contact as the search text is made from it. */
	private record Row(long id, String name, @Nullable String company, @Nullable String email, List<String> tags) {
	}

	private static List<Row> page(JdbcClient jdbc, long after) {
		List<Row> rows = jdbc.sql(
				"SELECT id, name, company, email FROM contacts WHERE search_text IS NULL AND id > ? ORDER BY id LIMIT ?")
			.params(after, BATCH)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getString("company"),
					rs.getString("email"), new ArrayList<>()))
			.list();
		if (rows.isEmpty()) {
			return rows;
		}
		Map<Long, Row> byId = new LinkedHashMap<>();
		rows.forEach((row) -> byId.put(row.id(), row));
		jdbc.sql("SELECT contact_id, tag FROM contact_tags WHERE contact_id IN (:ids) ORDER BY tag")
			.param("ids", List.copyOf(byId.keySet()))
			.query((rs) -> {
				byId.get(rs.getLong("contact_id")).tags().add(rs.getString("tag"));
			});
		return rows;
	}

	private static void fill(JdbcClient jdbc, List<Row> rows) {
		for (Row row : rows) {
			jdbc.sql("UPDATE contacts SET search_text = ? WHERE id = ?")
				.params(ContactSearchText.of(row.name(), row.company(), row.email(), row.tags()), row.id())
				.update();
		}
	}

}
