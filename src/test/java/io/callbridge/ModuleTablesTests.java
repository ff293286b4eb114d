package io.callbridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule the module test cannot check because it does not see SQL: a module's SQL names
 * only its own tables; other modules' data is asked for through their API or events.
 * Every table created by a migration has one owning module declared here (the module
 * whose repository writes it), so a new table must be given an owner.
 */
class ModuleTablesTests {

	private static final Path SOURCES = Path.of("src/main/java/io/callbridge");

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	/** Which module owns each table. */
	static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("tenants", "tenants"),
			Map.entry("users", "agents"), Map.entry("agent_extensions", "agents"),
			Map.entry("telephony_accounts", "telephony"), Map.entry("provider_polls", "telephony"),
			Map.entry("provider_request_slots", "telephony"), Map.entry("provider_request_waiters", "telephony"),
			Map.entry("calls", "calls"), Map.entry("call_events", "calls"), Map.entry("call_event_inbox", "calls"),
			Map.entry("call_event_inbox_layout", "calls"), Map.entry("call_dispositions", "calls"),
			Map.entry("disposition_outcomes", "calls"), Map.entry("originations", "calls"),
			Map.entry("agent_closed_calls", "calls"), Map.entry("call_history_syncs", "calls"),
			Map.entry("contacts", "contacts"), Map.entry("contact_phones", "contacts"),
			Map.entry("contact_tags", "contacts"), Map.entry("blacklisted_numbers", "contacts"),
			Map.entry("contact_imports", "contacts"), Map.entry("contact_import_errors", "contacts"),
			Map.entry("tasks", "records"), Map.entry("cases", "records"), Map.entry("case_calls", "records"),
			Map.entry("case_follow_ups", "records"), Map.entry("record_changes", "records"),
			Map.entry("record_change_counters", "records"), Map.entry("call_recordings", "recordings"),
			Map.entry("followup_retries", "followups"), Map.entry("audit_events", "audit"),
			Map.entry("api_tokens", "security"), Map.entry("login_throttles", "security"),
			Map.entry("contact_databases", "contacts"), Map.entry("agent_statuses", "agents"),
			Map.entry("agent_availability_pushes", "agents"), Map.entry("crm_connections", "crm"),
			Map.entry("crm_connection_accounts", "crm"), Map.entry("crm_managers", "crm"),
			Map.entry("call_facts", "statistics"), Map.entry("call_fact_rebuilds", "statistics"),
			Map.entry("call_facts_due", "statistics"), Map.entry("config_versions", "shared"));

	/**
	 * Tables whose name starts with a prefix belong to one module: whatever the
	 * coordination module keeps (leases, turns, shared limits) is its own.
	 */
	static final Map<String, String> OWNERS_BY_PREFIX = Map.of("coordination_", "coordination", "webhook_", "webhooks",
			"campaign", "campaigns", "external_", "campaigns", "omnileads_", "omnileads", "uis_", "uis", "crm_call_",
			"crm");

	/**
	 * Tables of the frameworks (Flyway, Spring Modulith's event publication registry,
	 * ShedLock), read by whichever module configures them.
	 */
	static final Set<String> INFRASTRUCTURE = Set.of("flyway_schema_history", "event_publication",
			"event_publication_archive", "shedlock");

	private static final Pattern CREATE_TABLE = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	@Test
	void everyTableHasAnOwningModuleThatExists() {
		List<String> problems = new ArrayList<>();
		for (String table : migratedTables()) {
			if (!INFRASTRUCTURE.contains(table)) {
				Optional<String> owner = ownerOf(table);
				if (owner.isEmpty()) {
					problems.add(table + " has no owning module: add it to ModuleTablesTests.OWNERS");
				}
				else if (!Files.isDirectory(SOURCES.resolve(owner.get()))) {
					problems.add(table + " is owned by " + owner.get() + ", which is no module");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyDeclaredOwnerNamesATableAMigrationCreates() {
		assertThat(migratedTables()).containsAll(OWNERS.keySet());
	}

	@Test
	void modulesNameOnlyTheirOwnTablesInSql() throws IOException {
		Set<String> tables = migratedTables();
		List<String> crossings = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			files.filter((file) -> file.toString().endsWith(".java"))
				.forEach((file) -> crossings.addAll(crossings(className(file), read(file), tables)));
		}
		assertThat(crossings).isEmpty();
	}

	@Test
	void reportsAClassWhoseSqlNamesAnotherModulesTable() {
		String source = """
				package io.callbridge.records;
				/** Reads calls from the calls module's table (not allowed). */
				class Sample {
					long count(long id) {
						return jdbc.sql("SELECT COUNT(*) FROM calls WHERE id = ?").param(id).query(Long.class).single();
					}
				}
				""";

		assertThat(crossings("io.callbridge.records.Sample", source, Set.of("calls", "tasks")))
			.containsExactly("io.callbridge.records.Sample (module records) names table calls, owned by module calls");
	}

	@Test
	void acceptsAClassWhoseSqlNamesItsOwnAndInfrastructureTables() {
		String source = """
				class Sample {
					String sql = "SELECT * FROM tasks t JOIN event_publication p ON p.id = t.id";
				}
				""";

		assertThat(crossings("io.callbridge.records.Sample", source, Set.of("calls", "tasks", "event_publication")))
			.isEmpty();
	}

	@Test
	void givesTheCoordinationModuleItsPrefixedTables() {
		assertThat(ownerOf("coordination_turns")).contains("coordination");
		assertThat(ownerOf("unassigned_table")).isEmpty();
	}

	/** What a class's SQL names of other modules' tables, one sentence each. */
	static List<String> crossings(String className, String source, Set<String> tables) {
		String module = moduleOf(className);
		List<String> found = new ArrayList<>();
		for (String table : SqlTableNames.in(source, tables)) {
			if (INFRASTRUCTURE.contains(table)) {
				continue;
			}
			String owner = ownerOf(table).orElse("(none)");
			if (!owner.equals(module)) {
				found.add(className + " (module " + module + ") names table " + table + ", owned by module " + owner);
			}
		}
		return found;
	}

	static Optional<String> ownerOf(String table) {
		if (OWNERS.containsKey(table)) {
			return Optional.of(OWNERS.get(table));
		}
		return OWNERS_BY_PREFIX.entrySet()
			.stream()
			.filter((prefix) -> table.startsWith(prefix.getKey()))
			.map(Map.Entry::getValue)
			.findFirst();
	}

	// A module is a package directly below io.callbridge; nested packages belong to it.
	private static String moduleOf(String className) {
		String[] parts = className.split("\\.");
		return (parts.length > 3) ? parts[2] : "(application)";
	}

	// Every table any migration creates, including ones a later migration dropped (so
	// that dropping a table never leaves a declared owner dangling).
	private static Set<String> migratedTables() {
		Set<String> tables = new TreeSet<>();
		try (Stream<Path> files = Files.walk(MIGRATIONS)) {
			files.filter((file) -> file.toString().endsWith(".sql")).forEach((file) -> {
				Matcher created = CREATE_TABLE.matcher(read(file));
				while (created.find()) {
					tables.add(created.group(1).toLowerCase(Locale.ROOT));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tables;
	}

	private static String className(Path file) {
		String relative = Path.of("src/main/java").relativize(file).toString();
		return relative.substring(0, relative.length() - ".java".length())
			.replace(file.getFileSystem().getSeparator(), ".");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
