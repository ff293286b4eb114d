package io.callbridge.contacts.web;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.callbridge.contacts.ContactCsv;
import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.ContactDatabases.ColumnChoice;
import io.callbridge.contacts.ContactDatabases.ImportReport;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The contact database pages (supervisors and admins): the list, and uploading a CSV in
 * two steps — the file, then which columns hold phones, the external ID and the name —
 * ending in the all-or-nothing report. Adding a file to an existing database skips the
 * second step: its columns are already chosen. The file waits in the user's session
 * between the steps.
 */
@Controller
class ContactDatabasePagesController {

	private static final String PENDING = ContactDatabasePagesController.class.getName() + ".pending";

	private final ContactDatabases databases;

	ContactDatabasePagesController(ContactDatabases databases) {
		this.databases = databases;
	}

	/**
	 * A file uploaded in the first step, waiting for its columns to be chosen.
	 *
	 * @param key what the second step's form names it by
	 * @param fileName the file's name
	 * @param data its bytes
	 * @param charset its encoding
	 */
	record PendingUpload(String key, String fileName, byte[] data, String charset) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

	}

	@GetMapping("/contacts/databases")
	String list(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		model.addAttribute("databases", this.databases.list(user.tenantId()));
		model.addAttribute("counts", this.databases.contactCounts(user.tenantId()));
		return "contacts/databases";
	}

	@GetMapping("/contacts/databases/new")
	String uploadForm(CurrentUser user, @RequestParam(required = false) @Nullable Long into, Model model) {
		user.require(Role.SUPERVISOR);
		return uploadPage(user, into, "UTF-8", List.of(), model);
	}

	@PostMapping("/contacts/databases/upload")
	String upload(CurrentUser user, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable Long into, @RequestParam(defaultValue = "UTF-8") String charset,
			HttpSession session, Model model) throws IOException {
		user.require(Role.SUPERVISOR);
		if (file == null || file.isEmpty()) {
			return uploadPage(user, into, charset,
					List.of(new Problems.FieldError("file", Text.of("contactDb.noFile"))), model);
		}
		String fileName = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "contacts.csv";
		PendingUpload upload = new PendingUpload(UUID.randomUUID().toString(), fileName, file.getBytes(), charset);
		try {
			if (into != null) {
				return report(user, into, upload, this.databases.importCsv(user.tenantId(), into, upload.data(),
						ContactCsv.charset(charset), new ColumnChoice(null, List.of(), null, null)), model);
			}
			ContactDatabases.CsvPreview preview = this.databases.preview(upload.data(), ContactCsv.charset(charset));
			session.setAttribute(PENDING, upload);
			return columnsPage(upload, preview,
					new ColumnChoice(baseName(fileName), preview.phoneColumns(), null, preview.nameColumn()), List.of(),
					model);
		}
		catch (Problems.InvalidInput invalid) {
			return uploadPage(user, into, charset, invalid.errors(), model);
		}
		catch (Problems.BadRequest unreadable) {
			return uploadPage(user, into, charset, unreadable.errors(), model);
		}
	}

	@PostMapping("/contacts/databases/import")
	String importUpload(CurrentUser user, @RequestParam String upload, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable List<String> phoneColumns,
			@RequestParam(required = false) @Nullable String externalIdColumn,
			@RequestParam(required = false) @Nullable String nameColumn, HttpSession session, Model model) {
		user.require(Role.SUPERVISOR);
		if (!(session.getAttribute(PENDING) instanceof PendingUpload pending) || !pending.key().equals(upload)) {
			return uploadPage(user, null, "UTF-8",
					List.of(new Problems.FieldError("file", Text.of("contactDb.uploadGone"))), model);
		}
		ColumnChoice choice = new ColumnChoice(name, phoneColumns, externalIdColumn, nameColumn);
		try {
			ImportReport report = this.databases.importCsv(user.tenantId(), null, pending.data(),
					ContactCsv.charset(pending.charset()), choice);
			session.removeAttribute(PENDING);
			return report(user, report.databaseId(), pending, report, model);
		}
		catch (Problems.InvalidInput invalid) {
			return columnsPage(pending, this.databases.preview(pending.data(), ContactCsv.charset(pending.charset())),
					choice, invalid.errors(), model);
		}
	}

	private String uploadPage(CurrentUser user, @Nullable Long into, String charset, List<Problems.FieldError> errors,
			Model model) {
		model.addAttribute("into", (into != null) ? this.databases.get(user.tenantId(), into) : null);
		model.addAttribute("charset", charset);
		model.addAttribute("charsets", ContactCsvPagesController.CHARSETS);
		model.addAttribute("errors", errors);
		return "contacts/database-upload";
	}

	private static String columnsPage(PendingUpload upload, ContactDatabases.CsvPreview preview, ColumnChoice choice,
			List<Problems.FieldError> errors, Model model) {
		model.addAttribute("upload", upload);
		model.addAttribute("preview", preview);
		model.addAttribute("choice", choice);
		model.addAttribute("errors", errors);
		return "contacts/database-columns";
	}

	private String report(CurrentUser user, @Nullable Long databaseId, PendingUpload upload, ImportReport report,
			Model model) {
		ContactDatabase database = (databaseId != null) ? this.databases.get(user.tenantId(), databaseId) : null;
		model.addAttribute("database", database);
		model.addAttribute("fileName", upload.fileName());
		model.addAttribute("report", report);
		return "contacts/database-report";
	}

	private static String baseName(String fileName) {
		String name = fileName.replaceAll("^.*[/\\\\]", "");
		return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
	}

}
