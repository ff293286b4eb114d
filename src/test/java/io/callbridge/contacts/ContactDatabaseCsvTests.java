package io.callbridge.contacts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.callbridge.contacts.ContactDatabases.ColumnChoice;
import io.callbridge.contacts.ContactDatabases.ImportReport;
import io.callbridge.shared.Problems;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests uploading contact databases as CSV: the external-ID column the admin picks (never
 * a phone column), external IDs unique within one database (a repeat refuses the whole
 * file naming row and column, also against the database's contacts), empty IDs repeating,
 * the same ID in another database, extra columns kept, phones normalised as the contact
 * import does, and the contacts being ordinary ones.
 */
@IntegrationTest
@RecordApplicationEvents
class ContactDatabaseCsvTests {

	private static final String HEADER = "TELEFONO;NOMBRE;ID;CIUDAD\n";

	@Autowired
	ContactDatabases databases;

	@Autowired
	Contacts contacts;

	@Autowired
	TenantFixture tenants;

	@Autowired
	ApplicationEvents events;

	private long tenant;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
	}

	@Test
	void importsTheFileWithThePickedExternalIdColumnAsOrdinaryContacts() {
		ImportReport report = importNew("Clientes",
				HEADER + "612 345 678;Ana García;A-1;Madrid\n" + "0034 699 000 111;Luis Pérez;A-2;Sevilla\n",
				List.of("TELEFONO"), "ID");

		assertThat(report.errors()).isEmpty();
		assertThat(report.imported()).isEqualTo(2);
		ContactDatabase database = this.databases.get(this.tenant, report.databaseId());
		assertThat(database.externalIdColumn()).isEqualTo("ID");
		assertThat(database.mainPhone()).isEqualTo("TELEFONO");
		assertThat(database.dataColumns()).containsExactly("NOMBRE", "CIUDAD");
		long ana = this.databases.contactByExternalId(this.tenant, database.id(), "A-1").orElseThrow();
		Contact contact = this.contacts.get(this.tenant, ana);
		assertThat(contact.name()).isEqualTo("Ana García");
		assertThat(contact.phones()).containsExactly("+34612345678");
		assertThat(this.contacts.findByNumber(this.tenant, "+34612345678")).extracting(Contact::id)
			.containsExactly(ana);
		assertThat(this.databases.isInDatabase(ana, database.id())).isTrue();
		assertThat(this.events.stream(ContactCreated.class).filter((e) -> e.tenantId() == this.tenant))
			.extracting(ContactCreated::contactId)
			.contains(ana);
	}

	@Test
	void keepsTheExtraColumnsOfTheDatabaseWithEachContact() {
		ImportReport report = importNew("Con datos", HEADER + "612 345 678;Ana;A-1;Madrid\n", List.of("TELEFONO"),
				"ID");
		long ana = this.databases.contactByExternalId(this.tenant, report.databaseId(), "A-1").orElseThrow();

		DatabaseEntry entry = this.databases.entryOf(this.tenant, ana).orElseThrow();

		assertThat(entry.databaseId()).isEqualTo(report.databaseId());
		assertThat(entry.externalId()).isEqualTo("A-1");
		assertThat(entry.values()).containsExactly(Map.entry("TELEFONO", "+34612345678"), Map.entry("NOMBRE", "Ana"),
				Map.entry("ID", "A-1"), Map.entry("CIUDAD", "Madrid"));
	}

	@Test
	void refusesACellHoldingANulNamingItsLineAndKeepsNothing() {
		assertThatThrownBy(() -> importNew("Nul",
				HEADER + "612 345 678;Ana;A-1;Madrid\n612 345 679;Lu\0is;A-2;Sevilla\n", List.of("TELEFONO"), "ID"))
			.isInstanceOfSatisfying(Problems.BadRequest.class,
					(bad) -> assertThat(bad.text().english()).startsWith("Line 3 holds the character U+0000"));
		assertThat(this.databases.list(this.tenant)).isEmpty();
	}

	@Test
	void refusesAPhoneColumnAsTheExternalId() {
		assertThatThrownBy(
				() -> importNew("Mal", HEADER + "612 345 678;Ana;A-1;Madrid\n", List.of("TELEFONO"), "TELEFONO"))
			.isInstanceOfSatisfying(Problems.InvalidInput.class, (invalid) -> {
				assertThat(invalid.errors()).extracting(Problems.FieldError::field).containsExactly("externalIdColumn");
				assertThat(invalid.errors().get(0).message())
					.isEqualTo("The column 'TELEFONO' holds phones: a phone column cannot be the external ID.");
			});
		assertThat(this.databases.list(this.tenant)).isEmpty();
	}

	@Test
	void aRepeatedExternalIdInTheFileRefusesTheWholeUploadNamingRowAndColumn() {
		ImportReport report = importNew("Repetidos", HEADER + "612 345 678;Ana;A-1;Madrid\n"
				+ "612 345 679;Luis;A-2;Sevilla\n" + "612 345 680;Eva;A-1;Bilbao\n", List.of("TELEFONO"), "ID");

		assertThat(report.imported()).isZero();
		assertThat(report.databaseId()).isNull();
		assertThat(report.errors()).hasSize(1);
		assertThat(report.errors().get(0).line()).isEqualTo(4);
		assertThat(report.errors().get(0).messages().get(0).english())
			.isEqualTo("Row 4, column ID: external ID A-1 is repeated (first on row 2).");
		assertThat(this.databases.list(this.tenant)).isEmpty();
		assertThat(this.contacts.search(this.tenant, null, 0, 10).total()).isZero();
	}

	@Test
	void anExternalIdAlreadyInTheDatabaseRefusesTheWholeAddedFile() {
		long database = importNew("Base", HEADER + "612 345 678;Ana;A-1;Madrid\n", List.of("TELEFONO"), "ID")
			.databaseId();
		long ana = this.databases.contactByExternalId(this.tenant, database, "A-1").orElseThrow();

		ImportReport report = this.databases.importCsv(this.tenant, database,
				bytes(HEADER + "612 345 681;Rosa;A-9;Vigo\n612 345 682;Otra Ana;A-1;Lugo\n"), StandardCharsets.UTF_8,
				new ColumnChoice(null, List.of(), null, null));

		assertThat(report.imported()).isZero();
		assertThat(report.errors()).singleElement().satisfies((error) -> {
			assertThat(error.line()).isEqualTo(3);
			assertThat(error.messages().get(0).english()).isEqualTo(
					"Row 3, column ID: external ID A-1 already belongs to contact " + ana + " of this database.");
		});
		assertThat(this.databases.contactCounts(this.tenant)).containsEntry(database, 1L);
	}

	@Test
	void emptyExternalIdsMayRepeat() {
		ImportReport report = importNew("Sin ids", HEADER + "612 345 678;Ana;;Madrid\n612 345 679;Luis; ;Sevilla\n",
				List.of("TELEFONO"), "ID");

		assertThat(report.errors()).isEmpty();
		assertThat(report.imported()).isEqualTo(2);
		assertThat(this.databases.contactCounts(this.tenant)).containsEntry(report.databaseId(), 2L);
	}

	@Test
	void theSameExternalIdMayBeInAnotherDatabase() {
		long first = importNew("Primera", HEADER + "612 345 678;Ana;A-1;Madrid\n", List.of("TELEFONO"), "ID")
			.databaseId();

		ImportReport second = importNew("Segunda", HEADER + "612 345 679;Luis;A-1;Sevilla\n", List.of("TELEFONO"),
				"ID");

		assertThat(second.errors()).isEmpty();
		assertThat(this.databases.contactByExternalId(this.tenant, first, "A-1"))
			.isNotEqualTo(this.databases.contactByExternalId(this.tenant, second.databaseId(), "A-1"));
	}

	@Test
	void anInvalidPhoneRefusesTheWholeUploadNamingRowAndColumn() {
		ImportReport report = importNew("Telefonos", "TELEFONO;CEL;NOMBRE\n612 345 678;;Ana\n612 345 679;12ab;Luis\n",
				List.of("TELEFONO", "CEL"), null);

		assertThat(report.imported()).isZero();
		assertThat(report.errors()).singleElement().satisfies((error) -> {
			assertThat(error.line()).isEqualTo(3);
			assertThat(error.messages().get(0).english()).startsWith("Row 3, column CEL: ").contains("'12ab'");
		});
		assertThat(this.contacts.search(this.tenant, null, 0, 10).total()).isZero();
	}

	@Test
	void aRowWithoutItsMainPhoneIsRefused() {
		ImportReport report = importNew("Sin telefono", HEADER + ";Ana;A-1;Madrid\n", List.of("TELEFONO"), "ID");

		assertThat(report.errors()).singleElement()
			.satisfies((error) -> assertThat(error.messages().get(0).english())
				.isEqualTo("Row 2, column TELEFONO: the main phone is empty."));
	}

	private ImportReport importNew(String name, String csv, List<String> phones, String externalId) {
		return this.databases.importCsv(this.tenant, null, bytes(csv), StandardCharsets.UTF_8,
				new ColumnChoice(name, phones, externalId, null));
	}

	private static byte[] bytes(String csv) {
		return csv.getBytes(StandardCharsets.UTF_8);
	}

}
