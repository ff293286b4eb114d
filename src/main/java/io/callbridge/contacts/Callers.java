package io.callbridge.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.KeyedReads;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the paths that run for every call need to know of a calling number, each in one
 * statement: whether the tenant blacklisted it and which of its contacts have it — their
 * id, name and responsible agent, without the phones and tags a whole {@link Contact}
 * carries (two more reads each time a contact has the number).
 */
@Repository
public class Callers {

	// The contacts having a number: the semi-join of its phones (index
	// contact_phones_lookup) and the contacts' primary key, with or without statistics.
	private static final String WITH_NUMBER = """
			SELECT c.id, c.name, c.responsible_id FROM contacts c WHERE c.tenant_id = ? AND c.id IN
			  (SELECT p.contact_id FROM contact_phones p WHERE p.tenant_id = ? AND p.e164 = ?)""";

	// The blacklist's count comes with every row, and with the one row of a number no
	// contact has (the left join to the contacts keeps it).
	private static final String LOOKUP = """
			SELECT (SELECT COUNT(*) FROM blacklisted_numbers b WHERE b.tenant_id = ? AND b.e164 = ?) AS blacklisted,
			  m.id, m.name, m.responsible_id
			FROM (VALUES (1)) AS one (x)
			LEFT JOIN (""" + WITH_NUMBER + """
			) m ON 1 = 1
			ORDER BY m.id""";

	// PostgreSQL: several numbers, each the lookup above as a lateral probe (OFFSET 0
	// keeps it apart), so each is one probe of contact_phones_lookup with or without
	// statistics. H2 would probe an IN list by the tenant alone (every phone of the
	// tenant read), so it asks number by number, in-process there.
	private static final String WITH_NUMBERS = """
			SELECT keys.e164, m.id, m.name, m.responsible_id
			FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS keys (e164)
			CROSS JOIN LATERAL (SELECT c.id, c.name, c.responsible_id FROM contacts c WHERE c.tenant_id = ? AND c.id IN
			  (SELECT p.contact_id FROM contact_phones p WHERE p.tenant_id = ? AND p.e164 = keys.e164) OFFSET 0) AS m
			ORDER BY keys.e164, m.id""";

	private final JdbcClient jdbc;

	private final KeyedReads keyed;

	Callers(JdbcClient jdbc, KeyedReads keyed) {
		this.jdbc = jdbc;
		this.keyed = keyed;
	}

	/**
	 * A contact that has the number.
	 *
	 * @param id the contact's id
	 * @param name its name
	 * @param responsibleId its responsible agent, if any
	 */
	public record Match(long id, String name, @Nullable Long responsibleId) {
	}

	/**
	 * What is known of a calling number.
	 *
	 * @param blacklisted whether the tenant blacklisted it
	 * @param contacts the tenant's contacts having it, by id
	 */
	public record Caller(boolean blacklisted, List<Match> contacts) {
	}

	/**
	 * Whether the number is blacklisted and which contacts have it, in one statement.
	 * @param tenantId tenant
	 * @param e164 the number in E.164
	 * @return what is known of it
	 */
	public Caller lookup(long tenantId, String e164) {
		List<Match> contacts = new ArrayList<>();
		boolean[] blacklisted = { false };
		this.jdbc.sql(LOOKUP).params(tenantId, e164, tenantId, tenantId, e164).query((rs) -> {
			blacklisted[0] = rs.getLong("blacklisted") > 0;
			if (Jdbc.longOrNull(rs, "id") != null) {
				contacts.add(match(rs, 0));
			}
		});
		return new Caller(blacklisted[0], List.copyOf(contacts));
	}

	/**
	 * The tenant's contacts having the number, by id: those of
	 * {@link Contacts#findByNumber}, without their phones and tags.
	 * @param tenantId tenant
	 * @param e164 the number in E.164
	 * @return the contacts
	 */
	public List<Match> contactsWith(long tenantId, String e164) {
		return this.jdbc.sql(WITH_NUMBER + " ORDER BY c.id")
			.params(tenantId, tenantId, e164)
			.query(Callers::match)
			.list();
	}

	/**
	 * The tenant's contacts having each of the numbers, as
	 * {@link #contactsWith(long, String)} finds them one number at a time: a batch of
	 * calls asks once.
	 * @param tenantId tenant
	 * @param e164s numbers in E.164
	 * @return each number's contacts by id, an empty list for a number no contact has
	 */
	public Map<String, List<Match>> contactsWith(long tenantId, Collection<String> e164s) {
		Map<String, List<Match>> found = new HashMap<>();
		e164s.forEach((e164) -> found.put(e164, new ArrayList<>()));
		if (!this.keyed.lateral() || found.size() == 1) {
			found.replaceAll((e164, none) -> contactsWith(tenantId, e164));
			return found;
		}
		this.jdbc.sql(WITH_NUMBERS).params(found.keySet().toArray(String[]::new), tenantId, tenantId).query((rs) -> {
			found.get(rs.getString("e164")).add(match(rs, 0));
		});
		return found;
	}

	private static Match match(ResultSet rs, int row) throws SQLException {
		return new Match(rs.getLong("id"), rs.getString("name"), Jdbc.longOrNull(rs, "responsible_id"));
	}

}
