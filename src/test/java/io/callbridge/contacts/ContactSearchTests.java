package io.callbridge.contacts;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact search ignores case and accents on H2 and on PostgreSQL, in names, companies,
 * e-mails and tags, also for contacts stored before it did (the V61 backfill).
 */
@IntegrationTest
class ContactSearchTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	private TestUser agent;

	private Contact lopez;

	@BeforeEach
	void contacts() {
		long tenant = this.data.anyTenant();
		this.agent = this.data.anyUser(tenant, Role.AGENT);
		this.lopez = this.data.anyContact(tenant, "Marta López", "+34 612 000 101");
		this.api.as(this.agent.token())
			.post("/api/v1/contacts",
					Map.of("name", "Jorge Muñoz", "company", "Señor Café SL", "email", "jorge@ejemplo.es", "tags",
							List.of("València"), "phones", List.of("+34 612 000 102")))
			.json(201);
	}

	@Test
	void findsNamesWhateverTheirAccentsAndCase() {
		assertThat(names("lopez")).containsExactly("Marta López");
		assertThat(names("LÓPEZ")).containsExactly("Marta López");
		assertThat(names("MUÑOZ")).containsExactly("Jorge Muñoz");
		assertThat(names("munoz")).containsExactly("Jorge Muñoz");
	}

	@Test
	void findsCompaniesEmailsAndTagsWithoutAccents() {
		assertThat(names("senor cafe")).containsExactly("Jorge Muñoz");
		assertThat(names("EJEMPLO.ES")).containsExactly("Jorge Muñoz");
		assertThat(names("valencia")).containsExactly("Jorge Muñoz");
		assertThat(names("612 000 101")).containsExactly("Marta López");
	}

	@Test
	void anEditedContactIsFoundUnderItsNewName() {
		this.api.as(this.agent.token())
			.put("/api/v1/contacts/{id}", Map.of("name", "Marta Ibáñez", "phones", List.of("+34 612 000 101")),
					this.lopez.id())
			.json(200);

		assertThat(names("ibanez")).containsExactly("Marta Ibáñez");
		assertThat(names("lopez")).isEmpty();
	}

	@Test
	void contactsStoredBeforeTheSearchIgnoredAccentsAreFoundAfterTheBackfill() throws Exception {
		this.jdbc.sql("UPDATE contacts SET search_text = NULL WHERE id = ?").param(this.lopez.id()).update();
		assertThat(names("lopez")).isEmpty();

		try (Connection connection = this.dataSource.getConnection()) {
			new ContactSearchBackfill().migrate(new Context() {
				@Override
				public Configuration getConfiguration() {
					return Flyway.configure();
				}

				@Override
				public Connection getConnection() {
					return connection;
				}
			});
		}

		assertThat(names("lopez")).containsExactly("Marta López");
		// Flyway's own table keeps its lowercase names quoted, on H2 too.
		assertThat(this.jdbc.sql("SELECT \"success\" FROM \"flyway_schema_history\" WHERE \"version\" = ?")
			.param(ContactSearchBackfill.VERSION)
			.query(Boolean.class)
			.single()).as("the backfill ran as migration " + ContactSearchBackfill.VERSION).isTrue();
	}

	private List<String> names(String query) {
		JsonNode page = this.api.as(this.agent.token()).get("/api/v1/contacts?q={q}", query).json(200);
		List<String> names = new ArrayList<>();
		page.get("items").forEach((contact) -> names.add(contact.get("name").asString()));
		return names;
	}

}
