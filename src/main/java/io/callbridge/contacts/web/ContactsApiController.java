package io.callbridge.contacts.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactCsv;
import io.callbridge.contacts.ContactCsv.ImportReport;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
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

	ContactsApiController(Contacts contacts, ContactService service, ContactCsv csv) {
		this.contacts = contacts;
		this.service = service;
		this.csv = csv;
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
	@Operation(summary = "Import contacts from CSV: all rows or none; errors are reported per line")
	ResponseEntity<Object> importCsv(CurrentUser user, @RequestBody String body) {
		return report(this.csv.importCsv(user.tenantId(), new StringReader(body)));
	}

	@PostMapping(path = "/api/v1/contacts/import", consumes = "multipart/form-data")
	ResponseEntity<Object> importFile(CurrentUser user, @RequestPart("file") MultipartFile file) throws IOException {
		try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
			return report(this.csv.importCsv(user.tenantId(), reader));
		}
	}

	@GetMapping(path = "/api/v1/contacts/export", produces = "text/csv")
	@Operation(summary = "Export every contact as CSV (the import format)")
	void export(CurrentUser user, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
		this.csv.exportCsv(user.tenantId(), response.getWriter());
	}

	private static ResponseEntity<Object> report(ImportReport report) {
		if (report.errors().isEmpty()) {
			return ResponseEntity.ok(report);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				report.errors().size() + " of " + report.rows() + " rows have errors; nothing was imported.");
		problem.setType(URI.create(Problems.TYPE_BASE + "invalid-import"));
		problem.setProperty("rows", report.rows());
		problem.setProperty("imported", 0);
		problem.setProperty("rowErrors", report.errors());
		return ResponseEntity.unprocessableContent().body(problem);
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
