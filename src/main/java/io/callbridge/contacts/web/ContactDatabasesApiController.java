package io.callbridge.contacts.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCsv;
import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabaseCommand;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.ContactDatabases.ColumnChoice;
import io.callbridge.contacts.ContactDatabases.ImportReport;
import io.callbridge.contacts.DatabaseEntry;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * REST API for contact databases: list, read and create them, add contacts as a JSON
 * batch or from a CSV file, all or nothing. Everyone reads; supervisors and admins write.
 * Errors are problem+json naming the row and column.
 */
@RestController
@Tag(name = "Contact databases",
		description = "Contacts uploaded together, with phone columns, an external-ID column unique per database "
				+ "and extra columns (OMniLeads' bases de contactos)")
class ContactDatabasesApiController {

	private final ContactDatabases databases;

	private final MessageSource messages;

	ContactDatabasesApiController(ContactDatabases databases, MessageSource messages) {
		this.databases = databases;
		this.messages = messages;
	}

	@GetMapping("/api/v1/contact-databases")
	@Operation(summary = "The contact databases, by name, with how many contacts each has")
	List<DatabaseView> list(CurrentUser user) {
		Map<Long, Long> counts = this.databases.contactCounts(user.tenantId());
		return this.databases.list(user.tenantId())
			.stream()
			.map((database) -> DatabaseView.of(database, counts.getOrDefault(database.id(), 0L)))
			.toList();
	}

	@GetMapping("/api/v1/contact-databases/{id}")
	@Operation(summary = "One contact database")
	DatabaseView get(CurrentUser user, @PathVariable long id) {
		ContactDatabase database = this.databases.get(user.tenantId(), id);
		return DatabaseView.of(database, this.databases.contactCounts(user.tenantId()).getOrDefault(id, 0L));
	}

	@PostMapping("/api/v1/contact-databases")
	@Operation(summary = "Create an empty contact database",
			description = "columns in order; phoneColumns among them (the first is the main phone, which every "
					+ "contact needs); externalIdColumn optional and never a phone column; nameColumn optional "
					+ "(default: the first other column called like a name, else the main phone). Supervisors "
					+ "and admins.")
	ResponseEntity<DatabaseView> create(CurrentUser user, @RequestBody DatabaseRequest request) {
		user.require(Role.SUPERVISOR);
		ContactDatabase database = this.databases.create(user.tenantId(), request.toCommand());
		return ResponseEntity.created(URI.create("/api/v1/contact-databases/" + database.id()))
			.body(DatabaseView.of(database, 0));
	}

	@PostMapping("/api/v1/contact-databases/{id}/contacts")
	@Operation(summary = "Add contacts: a JSON list of objects mapping columns to values, all or none",
			description = "Phones are read in any format and stored in E.164; the main phone is required; external "
					+ "IDs must be unique in the list and in the database (an empty one may repeat). A refusal is "
					+ "a 422 problem whose errors name rows[i].<column> (i from 0) and whose messages name row "
					+ "i + 1. Supervisors and admins.")
	ResponseEntity<List<EntryView>> addContacts(CurrentUser user, @PathVariable long id,
			@RequestBody List<Map<String, @Nullable Object>> rows) {
		user.require(Role.SUPERVISOR);
		List<Contact> created = this.databases.addRows(user.tenantId(), id, texts(rows));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(created.stream().map((contact) -> entry(user.tenantId(), contact)).toList());
	}

	@PostMapping(path = "/api/v1/contact-databases/import", consumes = "multipart/form-data")
	@Operation(summary = "Create a contact database from a CSV file (part 'file'), all rows or none",
			description = "The header names the columns. phoneColumns (comma-separated or repeated; the first is "
					+ "the main phone), externalIdColumn (optional, never a phone column) and nameColumn "
					+ "(optional) name header columns. A row error refuses the whole file (and the database): "
					+ "422 invalid-import with rowErrors by line, each message naming row and column.")
	ResponseEntity<Object> importNew(CurrentUser user, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable List<String> phoneColumns,
			@RequestParam(required = false) @Nullable String externalIdColumn,
			@RequestParam(required = false) @Nullable String nameColumn,
			@Parameter(description = "the file's encoding; default UTF-8") @RequestParam(
					required = false) @Nullable String charset,
			Locale locale) throws IOException {
		user.require(Role.SUPERVISOR);
		ImportReport report = this.databases.importCsv(user.tenantId(), null, file.getBytes(),
				ContactCsv.charset(charset), new ColumnChoice(name, phoneColumns, externalIdColumn, nameColumn));
		return report(report, HttpStatus.CREATED, locale);
	}

	@PostMapping(path = "/api/v1/contact-databases/{id}/import", consumes = "multipart/form-data")
	@Operation(summary = "Add the contacts of a CSV file (part 'file') to a database, all rows or none",
			description = "The file has the database's columns, in any order. phoneColumns, externalIdColumn and "
					+ "nameColumn may be given; they must then be the database's. External IDs must be unique in "
					+ "the file and against the database. Supervisors and admins.")
	ResponseEntity<Object> importInto(CurrentUser user, @PathVariable long id, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable List<String> phoneColumns,
			@RequestParam(required = false) @Nullable String externalIdColumn,
			@RequestParam(required = false) @Nullable String nameColumn,
			@RequestParam(required = false) @Nullable String charset, Locale locale) throws IOException {
		user.require(Role.SUPERVISOR);
		ImportReport report = this.databases.importCsv(user.tenantId(), id, file.getBytes(),
				ContactCsv.charset(charset), new ColumnChoice(null, phoneColumns, externalIdColumn, nameColumn));
		return report(report, HttpStatus.OK, locale);
	}

	private EntryView entry(long tenantId, Contact contact) {
		DatabaseEntry entry = this.databases.entryOf(tenantId, contact.id()).orElseThrow();
		return new EntryView(contact.id(), contact.name(), contact.phones(), entry.databaseId(), entry.externalId(),
				entry.values());
	}

	// JSON numbers and booleans are read as their text; a list or object in a cell is
	// refused naming row and column.
	private static List<Map<String, String>> texts(List<Map<String, @Nullable Object>> rows) {
		List<FieldError> errors = new ArrayList<>();
		List<Map<String, String>> texts = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			Map<String, String> row = new LinkedHashMap<>();
			for (Map.Entry<String, @Nullable Object> cell : (rows.get(i) != null) ? rows.get(i).entrySet()
					: Map.<String, @Nullable Object>of().entrySet()) {
				Object value = cell.getValue();
				if (value instanceof Map<?, ?> || value instanceof List<?>) {
					errors.add(new FieldError("rows[" + i + "]." + cell.getKey(),
							Text.of("contactDb.notText", String.valueOf(i + 1), cell.getKey())));
				}
				else if (value != null) {
					row.put(cell.getKey(), value.toString());
				}
			}
			texts.add(row);
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return texts;
	}

	private ResponseEntity<Object> report(ImportReport report, HttpStatus success, Locale locale) {
		if (report.errors().isEmpty()) {
			return ResponseEntity.status(success)
				.body(new ImportView(report.databaseId(), report.rows(), report.imported()));
		}
		List<RowErrorView> rowErrors = report.errors()
			.stream()
			.map((error) -> new RowErrorView(error.line(),
					error.messages().stream().map((text) -> text.in(this.messages, locale)).toList()))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				Text.of("csv.rowsWithErrors", String.valueOf(rowErrors.size()), String.valueOf(report.rows()))
					.in(this.messages, locale));
		problem.setType(URI.create(Problems.TYPE_BASE + "invalid-import"));
		problem.setProperty("rows", report.rows());
		problem.setProperty("imported", 0);
		problem.setProperty("rowErrors", rowErrors);
		return ResponseEntity.unprocessableContent().body(problem);
	}

	/**
	 * A database to create.
	 *
	 * @param name its name, unique
	 * @param columns every column in order
	 * @param phoneColumns the phone columns, main phone first
	 * @param externalIdColumn the external-ID column, or none
	 * @param nameColumn the column naming contacts, or none
	 */
	record DatabaseRequest(@Nullable String name, @Nullable List<String> columns, @Nullable List<String> phoneColumns,
			@Nullable String externalIdColumn, @Nullable String nameColumn) {

		ContactDatabaseCommand toCommand() {
			return new ContactDatabaseCommand((this.name != null) ? this.name : "", this.columns, this.phoneColumns,
					this.externalIdColumn, this.nameColumn);
		}

	}

	/**
	 * A contact database as shown by the API.
	 *
	 * @param id id
	 * @param name name
	 * @param columns every column in order
	 * @param phoneColumns phone columns
	 * @param mainPhone the main phone's column
	 * @param externalIdColumn the external-ID column, or null
	 * @param nameColumn the column naming contacts, or null
	 * @param dataColumns the extra columns
	 * @param contacts how many contacts it has
	 * @param createdAt creation time
	 */
	record DatabaseView(long id, String name, List<String> columns, List<String> phoneColumns, String mainPhone,
			@Nullable String externalIdColumn, @Nullable String nameColumn, List<String> dataColumns, long contacts,
			Instant createdAt) {

		static DatabaseView of(ContactDatabase d, long contacts) {
			return new DatabaseView(d.id(), d.name(), d.columns(), d.phoneColumns(), d.mainPhone(),
					d.externalIdColumn(), d.nameColumn(), d.dataColumns(), contacts, d.createdAt());
		}

	}

	/**
	 * A contact added to a database.
	 *
	 * @param id the contact's id
	 * @param name its name
	 * @param phones its phones in E.164
	 * @param databaseId the database
	 * @param externalId its external ID there, or null
	 * @param values its value of every column of the database
	 */
	record EntryView(long id, String name, List<String> phones, long databaseId, @Nullable String externalId,
			Map<String, String> values) {
	}

	/**
	 * A successful CSV import.
	 *
	 * @param databaseId the database filled
	 * @param rows data rows read
	 * @param imported contacts created
	 */
	record ImportView(@Nullable Long databaseId, int rows, int imported) {
	}

	/**
	 * The errors of one line of a refused import.
	 *
	 * @param line the line in the file (the header is line 1)
	 * @param messages what is wrong, naming row and column
	 */
	record RowErrorView(long line, List<String> messages) {
	}

}
