package io.callbridge;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link SqlTableNames} finds the tables a source names in SQL, so that the module
 * table rule neither misses a read nor mistakes prose for one.
 */
class SqlTableNamesTests {

	private static final Set<String> TABLES = Set.of("calls", "contacts", "tasks", "tenants", "agent_extensions",
			"users");

	@Test
	void findsTablesAfterEachSqlKeyword() {
		String source = """
				class Sample {
					void run() {
						jdbc.sql("SELECT * FROM calls c JOIN contacts x ON x.id = c.contact_id").query();
						jdbc.sql("INSERT INTO tasks (title) VALUES (?)").update();
						jdbc.sql("update tenants set name = ?").update();
						jdbc.sql("DELETE FROM users WHERE id = ?").update();
					}
				}
				""";

		assertThat(SqlTableNames.in(source, TABLES)).containsExactly("calls", "contacts", "tasks", "tenants", "users");
	}

	@Test
	void findsTablesInTextBlocksCommaListsAndSubqueries() {
		String source = "class Sample {\n String sql = \"\"\"\n SELECT o.id FROM originations o, calls c\n"
				+ " WHERE NOT EXISTS (SELECT 1 FROM agent_extensions x WHERE x.account_id = ?)\"\"\";\n}\n";

		assertThat(SqlTableNames.in(source, TABLES)).containsExactly("agent_extensions", "calls");
	}

	@Test
	void findsTheTableOfAPagedQueryAndOfConcatenatedLiterals() {
		String source = """
				class Sample {
					Object page = new PagedQuery("*", "tasks WHERE " + where, "id");
					String count = "SELECT COUNT(*) FROM " + "contacts";
				}
				""";

		assertThat(SqlTableNames.in(source, TABLES)).containsExactly("contacts", "tasks");
	}

	@Test
	void ignoresCommentsPathsAndUnknownNames() {
		String source = """
				/** Missed calls from contacts nobody is responsible for. */
				class Sample {
					// a task from tasks is never read here
					String path = "/api/calls";
					String url = "redirect:/tasks";
					char quote = '"';
					String sql = "SELECT * FROM provider_things WHERE id = ? FOR UPDATE SKIP LOCKED";
				}
				""";

		assertThat(SqlTableNames.in(source, TABLES)).isEmpty();
	}

}
