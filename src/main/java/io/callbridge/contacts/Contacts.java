package io.callbridge.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.PagedQuery;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads contacts with their phone numbers and tags; always scoped to one tenant.
 */
@Repository
public class Contacts {

	private final JdbcClient jdbc;

	Contacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Contact> find(long tenantId, long id) {
		return withDetails(this.jdbc.sql("SELECT * FROM contacts WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(Contacts::row)
			.list()).stream().findFirst();
	}

	/** Finds a contact of the tenant; another tenant's contact is "not found". */
	public Contact get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.contact"), id));
	}

	/** Every contact of the tenant that has this E.164 number, oldest first. */
	public List<Contact> findByNumber(long tenantId, String e164) {
		return withDetails(this.jdbc.sql("""
				SELECT c.* FROM contacts c WHERE c.tenant_id = ? AND c.id IN
				  (SELECT p.contact_id FROM contact_phones p WHERE p.tenant_id = ? AND p.e164 = ?)
				ORDER BY c.id""").params(tenantId, tenantId, e164).query(Contacts::row).list());
	}

	public Map<Long, String> namesOf(long tenantId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> names = new LinkedHashMap<>();
		for (List<Long> chunk : Jdbc.chunks(ids)) {
			this.jdbc.sql("SELECT id, name FROM contacts WHERE tenant_id = :tenant AND id IN (:ids)")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query((rs) -> {
					names.put(rs.getLong("id"), rs.getString("name"));
				});
		}
		return names;
	}

	/**
	 * Searches by name, company, e-mail or tag, ignoring case and accents ("lopez" finds
	 * "López"), or by phone digits.
	 * @param tenantId tenant
	 * @param query the text searched for; blank lists all
	 * @param page zero-based page
	 * @param size page size
	 * @return the page
	 */
	public PageResult<Contact> search(long tenantId, @Nullable String query, int page, int size) {
		String where = "c.tenant_id = :tenant";
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenantId);
		if (query != null && !query.isBlank()) {
			// Name, company, e-mail and tags are matched in their stored normalized form,
			// ignoring case and accents on every database.
			String like = "%" + ContactSearchText.normalize(query.strip()).replaceAll("[%_\\n]", "") + "%";
			String digits = query.replaceAll("[^0-9]", "");
			where += " AND (c.search_text LIKE :like" + (digits.length() >= 3
					? " OR c.id IN (SELECT p.contact_id FROM contact_phones p WHERE p.tenant_id = :tenant"
							+ " AND p.e164 LIKE :digits)"
					: "") + ")";
			params.put("like", like);
			if (digits.length() >= 3) {
				params.put("digits", "%" + digits + "%");
			}
		}
		PageResult<Contact> found = new PagedQuery("c.*", "contacts c WHERE " + where, "LOWER(c.name), c.id")
			.fetch(this.jdbc, params, page, size, Contacts::row);
		return new PageResult<>(withDetails(found.items()), page, size, found.total());
	}

	/** All contacts of the tenant, for export, in id order. */
	public List<Contact> all(long tenantId) {
		return withDetails(this.jdbc.sql("SELECT * FROM contacts WHERE tenant_id = ? ORDER BY id")
			.param(tenantId)
			.query(Contacts::row)
			.list());
	}

	Optional<Long> idByExternalId(long tenantId, String externalId) {
		return this.jdbc.sql("SELECT id FROM contacts WHERE tenant_id = ? AND external_id = ?")
			.params(tenantId, externalId)
			.query(Long.class)
			.optional();
	}

	/**
	 * A contact's place in a contact database.
	 *
	 * @param databaseId the database
	 * @param externalId its external ID there, or {@code null}
	 * @param data JSON object of its values by column, or {@code null}
	 */
	record DatabaseRow(long databaseId, @Nullable String externalId, @Nullable String data) {
	}

	Optional<DatabaseRow> databaseRow(long tenantId, long contactId) {
		return this.jdbc.sql("""
				SELECT database_id, database_external_id, database_data FROM contacts
				WHERE tenant_id = ? AND id = ? AND database_id IS NOT NULL""")
			.params(tenantId, contactId)
			.query((rs, n) -> new DatabaseRow(rs.getLong("database_id"), rs.getString("database_external_id"),
					rs.getString("database_data")))
			.optional();
	}

	List<Long> idsInDatabase(long tenantId, long databaseId) {
		return this.jdbc.sql("SELECT id FROM contacts WHERE tenant_id = ? AND database_id = ? ORDER BY id")
			.params(tenantId, databaseId)
			.query(Long.class)
			.list();
	}

	Optional<Long> idByDatabaseExternalId(long databaseId, String externalId) {
		return this.jdbc.sql("SELECT id FROM contacts WHERE database_id = ? AND database_external_id = ?")
			.params(databaseId, externalId)
			.query(Long.class)
			.optional();
	}

	/** The contacts of a database holding any of these external IDs, by external ID. */
	Map<String, Long> holdersOf(long databaseId, Collection<String> externalIds) {
		Map<String, Long> holders = new LinkedHashMap<>();
		List<String> all = List.copyOf(externalIds);
		for (int from = 0; from < all.size(); from += 1000) {
			this.jdbc.sql("""
					SELECT id, database_external_id FROM contacts
					WHERE database_id = :db AND database_external_id IN (:ids)""")
				.param("db", databaseId)
				.param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
				.query((rs) -> {
					holders.put(rs.getString("database_external_id"), rs.getLong("id"));
				});
		}
		return holders;
	}

	boolean isInDatabase(long contactId, long databaseId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM contacts WHERE id = ? AND database_id = ?")
			.params(contactId, databaseId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * How many contacts each database of the tenant has (databases without any absent).
	 */
	Map<Long, Long> countsByDatabase(long tenantId) {
		Map<Long, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT database_id, COUNT(*) AS n FROM contacts WHERE tenant_id = ? AND database_id IS NOT NULL
				GROUP BY database_id""").param(tenantId).query((rs) -> {
			counts.put(rs.getLong("database_id"), rs.getLong("n"));
		});
		return counts;
	}

	private List<Contact> withDetails(List<Contact> bare) {
		if (bare.isEmpty()) {
			return bare;
		}
		List<Long> ids = bare.stream().map(Contact::id).toList();
		Map<Long, List<String>> phones = grouped(
				"SELECT contact_id, e164 AS v FROM contact_phones WHERE contact_id IN (:ids) ORDER BY position, id",
				ids);
		Map<Long, List<String>> tags = grouped(
				"SELECT contact_id, tag AS v FROM contact_tags WHERE contact_id IN (:ids) ORDER BY tag", ids);
		return bare.stream()
			.map((c) -> new Contact(c.id(), c.tenantId(), c.name(), c.company(), c.email(), c.notes(),
					c.responsibleId(), c.externalId(), phones.getOrDefault(c.id(), List.of()),
					tags.getOrDefault(c.id(), List.of()), c.createdAt(), c.updatedAt()))
			.toList();
	}

	private Map<Long, List<String>> grouped(String sql, List<Long> ids) {
		Map<Long, List<String>> result = new LinkedHashMap<>();
		// Chunks keep the IN list within what every database accepts, also for a full
		// export.
		for (int from = 0; from < ids.size(); from += 1000) {
			this.jdbc.sql(sql).param("ids", ids.subList(from, Math.min(ids.size(), from + 1000))).query((rs) -> {
				result.computeIfAbsent(rs.getLong("contact_id"), (k) -> new ArrayList<>()).add(rs.getString("v"));
			});
		}
		return result;
	}

	private static Contact row(ResultSet rs, int n) throws SQLException {
		return new Contact(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"), rs.getString("company"),
				rs.getString("email"), rs.getString("notes"), Jdbc.longOrNull(rs, "responsible_id"),
				rs.getString("external_id"), List.of(), List.of(), Jdbc.instant(rs, "created_at"),
				Jdbc.instant(rs, "updated_at"));
	}

	/**
	 * The one contact of the tenant having each of these E.164 numbers, for the numbers
	 * exactly one contact has: what {@link #findByNumber} finds when it finds one, for a
	 * few hundred numbers in one query (the call history sync matches a page of calls at
	 * once, and links a call only to a number's sole contact).
	 */
	public Map<String, Long> soleContactIds(long tenantId, Collection<String> e164s) {
		Map<String, Long> ids = new LinkedHashMap<>();
		if (e164s.isEmpty()) {
			return ids;
		}
		// One scalar subquery per number, each a probe of the (tenant_id, e164) index, on
		// H2 as on PostgreSQL, with or without statistics: joined to a table of values
		// instead, PostgreSQL without statistics reads all the tenant's phones. A phone
		// row
		// carries its contact's tenant, and a contact has a number once (unique key).
		List<Object> params = new ArrayList<>(List.of(tenantId, tenantId));
		params.addAll(e164s);
		this.jdbc
			.sql("""
					SELECT n.e164,
					  (SELECT COUNT(*) FROM contact_phones p WHERE p.tenant_id = ? AND p.e164 = n.e164) AS contacts,
					  (SELECT MIN(p.contact_id) FROM contact_phones p WHERE p.tenant_id = ? AND p.e164 = n.e164) AS contact_id
					FROM (VALUES\s"""
					+ String.join(", ", Collections.nCopies(e164s.size(), "(?)")) + ") AS n (e164)")
			.params(params)
			.query((rs) -> {
				if (rs.getLong("contacts") == 1) {
					ids.put(rs.getString("e164"), rs.getLong("contact_id"));
				}
			});
		return ids;
	}

}
