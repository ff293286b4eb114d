package io.callbridge.contacts.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactCsv;
import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactCsv.ImportReport;
import io.callbridge.contacts.ContactImport;
import io.callbridge.contacts.ContactImportJobs;
import io.callbridge.contacts.ContactImports;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CsvCells;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * REST API for contacts: CRUD, lookup by number in any format, CSV import and export.
 */
@RestController
@Tag(name = "Contacts", description = "Contacts of the built-in CRM")
class ContactsApiController {

	private final Contacts contacts;

	private final ContactService service;

	private final ContactCsv csv;

	private final ContactImportJobs jobs;

	private final ContactImports imports;

	private final MessageSource messages;

	ContactsApiController(Contacts contacts, ContactService service, ContactCsv csv, ContactImportJobs jobs,
			ContactImports imports, MessageSource messages) {
		this.jobs = jobs;
		this.imports = imports;
		this.contacts = contacts;
		this.service = service;
		this.csv = csv;
		this.messages = messages;
	}

	@GetMapping("/api/v1/contacts")
	@Operation(summary = "Search contacts by name, company, e-mail, tag or phone digits")
	PageResult<ContactView> search(CurrentUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.contacts.search(user.tenantId(), q, page, size).map(ContactView::of);
	}

	@GetMapping("/api/v1/contacts/lookup")
	@Operation(summary = "Every contact that has this number, given in any format")
	List<ContactView> lookup(CurrentUser user, @RequestParam String number) {
		return this.service.lookup(user.tenantId(), number).stream().map(ContactView::of).toList();
	}

	@GetMapping("/api/v1/contacts/{id}")
	ContactView get(CurrentUser user, @PathVariable long id) {
		return ContactView.of(this.contacts.get(user.tenantId(), id));
	}

	@PostMapping("/api/v1/contacts")
	ResponseEntity<ContactView> create(CurrentUser user, @RequestBody ContactRequest request) {
		Contact contact = this.service.create(user.tenantId(), request.toCommand());
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.id())).body(ContactView.of(contact));
	}

	@PutMapping("/api/v1/contacts/{id}")
	ContactView update(CurrentUser user, @PathVariable long id, @RequestBody ContactRequest request) {
		return ContactView.of(this.service.update(user.tenantId(), id, request.toCommand()));
	}

	@DeleteMapping("/api/v1/contacts/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		this.service.delete(user.tenantId(), id);
	}

	@PostMapping("/api/v1/contacts/{id}/phones")
	@Operation(summary = "Add a number (any format) to a contact")
	ContactView addPhone(CurrentUser user, @PathVariable long id, @RequestBody PhoneRequest request) {
		return ContactView.of(this.service.addPhone(user.tenantId(), id, request.number()));
	}

	@PostMapping(path = "/api/v1/contacts/import", consumes = "text/csv")
	@Operation(summary = "Import contacts from CSV and wait for the outcome: all rows or none; errors per line",
			description = "The body is the file, streamed to disk (up to spring.servlet.multipart.max-request-size "
					+ "is not applied: no limit but the disk). mode=create (default) creates every row; mode=upsert "
					+ "updates the contact whose external_id a row names (columns in the file replace its values, "
					+ "others are kept) and creates the rest. The file is read as UTF-8 (a byte order mark is "
					+ "skipped) unless the charset parameter or the Content-Type's charset names another encoding; "
					+ "bytes that are not text in it are refused naming the line. Columns are separated by ',' or "
					+ "';'. For large files use POST /api/v1/contacts/imports, which answers at once with a job "
					+ "whose progress can be followed.")
	ResponseEntity<Object> importCsv(CurrentUser user, HttpServletRequest request,
			@Parameter(description = "create (default) or upsert") @RequestParam(
					required = false) @Nullable String mode,
			@Parameter(description = "the file's encoding, e.g. windows-1252; default UTF-8") @RequestParam(
					required = false) @Nullable String charset,
			Locale locale) throws IOException {
		Charset encoding = ContactCsv.charset(encoding(request, charset));
		ContactImport done = this.jobs.run(user.tenantId(), request.getInputStream(), null, encoding,
				ImportMode.of(mode));
		return report(done, locale);
	}

	@PostMapping(path = "/api/v1/contacts/import", consumes = "multipart/form-data")
	@Operation(summary = "Import contacts from a CSV file uploaded as the part 'file'; as the text/csv import")
	ResponseEntity<Object> importFile(CurrentUser user, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String mode,
			@RequestParam(required = false) @Nullable String charset, Locale locale) throws IOException {
		Charset encoding = ContactCsv.charset(charset);
		ContactImport done = this.jobs.run(user.tenantId(), file.getInputStream(), file.getOriginalFilename(), encoding,
				ImportMode.of(mode));
		return report(done, locale);
	}

	@PostMapping(path = "/api/v1/contacts/imports", consumes = "text/csv")
	@Operation(summary = "Start a contact CSV import of any size as a job; 202 with its status URL",
			description = "As POST /api/v1/contacts/import, but the answer comes as soon as the file is received: "
					+ "202 Accepted, Location /api/v1/contacts/imports/{id}. Follow it there: state QUEUED, RUNNING, "
					+ "then DONE, or REFUSED (rows with errors or an unreadable file: nothing was imported), FAILED "
					+ "or INTERRUPTED (nothing was imported).")
	ResponseEntity<ImportJobView> startImport(CurrentUser user, HttpServletRequest request,
			@RequestParam(required = false) @Nullable String mode,
			@RequestParam(required = false) @Nullable String charset, Locale locale) throws IOException {
		Charset encoding = ContactCsv.charset(encoding(request, charset));
		ImportMode chosen = ImportMode.of(mode);
		long id = this.jobs.start(user.tenantId(), request.getInputStream(), null, encoding, chosen);
		return accepted(user, id, locale);
	}

	@PostMapping(path = "/api/v1/contacts/imports", consumes = "multipart/form-data")
	@Operation(summary = "Start a contact CSV import from the part 'file'; as the text/csv job")
	ResponseEntity<ImportJobView> startImportFile(CurrentUser user, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String mode,
			@RequestParam(required = false) @Nullable String charset, Locale locale) throws IOException {
		Charset encoding = ContactCsv.charset(charset);
		ImportMode chosen = ImportMode.of(mode);
		long id = this.jobs.start(user.tenantId(), file.getInputStream(), file.getOriginalFilename(), encoding, chosen);
		return accepted(user, id, locale);
	}

	@GetMapping("/api/v1/contacts/imports/{id}")
	@Operation(summary = "Progress and outcome of a contact import (any node answers)")
	ImportJobView importStatus(CurrentUser user, @PathVariable long id, Locale locale) {
		return ImportJobView.of(this.imports.get(user.tenantId(), id), this.messages, locale);
	}

	private ResponseEntity<ImportJobView> accepted(CurrentUser user, long id, Locale locale) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/contacts/imports/" + id))
			.body(ImportJobView.of(this.imports.get(user.tenantId(), id), this.messages, locale));
	}

	private static @Nullable String encoding(HttpServletRequest request, @Nullable String charset) {
		if (charset != null || request.getContentType() == null) {
			return charset;
		}
		MediaType type = MediaType.parseMediaType(request.getContentType());
		return (type.getCharset() != null) ? type.getCharset().name() : null;
	}

	@GetMapping(path = "/api/v1/contacts/export", produces = "text/csv")
	@Operation(summary = "Export every contact as CSV (the import format)",
			description = "UTF-8 with a byte order mark. Columns are separated by ';' when the reader's language "
					+ "(Accept-Language) is Spanish, by ',' otherwise, unless separator=comma|semicolon. Cells "
					+ "starting with = + - @ get a leading apostrophe so spreadsheets do not run them, except "
					+ "numbers and phone numbers; the import removes it again.")
	void export(CurrentUser user, @RequestParam(required = false) @Nullable String separator, Locale locale,
			HttpServletResponse response) throws IOException {
		char delimiter = CsvCells.separator(separator, locale);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
		this.csv.exportCsv(user.tenantId(), delimiter, response.getWriter());
	}

	private ResponseEntity<Object> report(ContactImport done, Locale locale) {
		ImportReport report = done.report();
		List<RowErrorView> rowErrors = report.errors()
			.stream()
			.map((error) -> new RowErrorView(error.line(),
					error.messages().stream().map((text) -> text.in(this.messages, locale)).toList()))
			.toList();
		if (rowErrors.isEmpty()) {
			return ResponseEntity
				.ok(new ImportView(report.rows(), report.imported(), report.created(), report.updated(), List.of()));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				Text.of("csv.rowsWithErrors", String.valueOf(done.errorRows()), String.valueOf(report.rows()))
					.in(this.messages, locale));
		problem.setType(URI.create(Problems.TYPE_BASE + "invalid-import"));
		problem.setProperty("rows", report.rows());
		problem.setProperty("imported", 0);
		problem.setProperty("rowErrors", rowErrors);
		return ResponseEntity.unprocessableContent().body(problem);
	}

	/**
	 * The outcome of a successful import.
	 *
	 * @param rows data rows read
	 * @param imported contacts created or updated
	 * @param created contacts created
	 * @param updated existing contacts updated by external id
	 * @param errors always empty here (a failed import is a 422 problem with rowErrors)
	 */
	record ImportView(int rows, int imported, int created, int updated, List<RowErrorView> errors) {
	}

	/**
	 * The errors of one line of a refused import.
	 *
	 * @param line the line in the file (the header is line 1)
	 * @param messages what is wrong
	 */
	record RowErrorView(long line, List<String> messages) {
	}

	/**
	 * A contact as submitted; numbers in any format.
	 *
	 * @param name name
	 * @param company company
	 * @param email e-mail
	 * @param notes notes
	 * @param responsibleId responsible agent
	 * @param externalId id in an external CRM
	 * @param phones phone numbers
	 * @param tags tags
	 */
	record ContactRequest(@Nullable String name, @Nullable String company, @Nullable String email,
			@Nullable String notes, @Nullable Long responsibleId, @Nullable String externalId,
			@Nullable List<String> phones, @Nullable List<String> tags) {

		ContactCommand toCommand() {
			return new ContactCommand((this.name != null) ? this.name : "", this.company, this.email, this.notes,
					this.responsibleId, this.externalId, this.phones, this.tags);
		}

	}

	/**
	 * A number to add.
	 *
	 * @param number the number, any format
	 */
	record PhoneRequest(@NotBlank String number) {
	}

	/**
	 * A contact as shown by the API.
	 *
	 * @param id id
	 * @param name name
	 * @param company company
	 * @param email e-mail
	 * @param notes notes
	 * @param responsibleId responsible agent
	 * @param externalId id in an external CRM
	 * @param phones E.164 numbers
	 * @param tags tags
	 * @param createdAt creation time
	 * @param updatedAt last change
	 */
	record ContactView(long id, String name, @Nullable String company, @Nullable String email, @Nullable String notes,
			@Nullable Long responsibleId, @Nullable String externalId, List<String> phones, List<String> tags,
			Instant createdAt, Instant updatedAt) {

		static ContactView of(Contact c) {
			return new ContactView(c.id(), c.name(), c.company(), c.email(), c.notes(), c.responsibleId(),
					c.externalId(), c.phones(), c.tags(), c.createdAt(), c.updatedAt());
		}

	}

}
