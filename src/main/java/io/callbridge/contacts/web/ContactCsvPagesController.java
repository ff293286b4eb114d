package io.callbridge.contacts.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import io.callbridge.contacts.ContactCsv;
import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactImport;
import io.callbridge.contacts.ContactImportJobs;
import io.callbridge.contacts.ContactImports;
import io.callbridge.shared.CsvCells;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * The contact CSV pages: the import form (create only, or update existing contacts by
 * external id; the file's encoding), which starts the import as a job and shows its page
 * (a progress bar, then the all-or-nothing report), and the export download for a
 * spreadsheet in the reader's language.
 */
@Controller
class ContactCsvPagesController {

	/** Encodings offered on the import form; UTF-8 first, then what spreadsheets save. */
	static final List<String> CHARSETS = List.of("UTF-8", "windows-1252", "ISO-8859-15", "UTF-16");

	private final ContactCsv csv;

	private final ContactImportJobs jobs;

	private final ContactImports imports;

	private final MessageSource messages;

	ContactCsvPagesController(ContactCsv csv, ContactImportJobs jobs, ContactImports imports, MessageSource messages) {
		this.csv = csv;
		this.jobs = jobs;
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping(path = "/contacts/export.csv", produces = "text/csv")
	void export(CurrentUser user, @RequestParam(required = false) @Nullable String separator, Locale locale,
			HttpServletResponse response) throws IOException {
		char delimiter = CsvCells.separator(separator, locale);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
		this.csv.exportCsv(user.tenantId(), delimiter, response.getWriter());
	}

	@GetMapping("/contacts/import")
	String importForm(Model model) {
		return form(model, "create", "UTF-8");
	}

	@PostMapping("/contacts/import")
	String importFile(CurrentUser user, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			@RequestParam(defaultValue = "create") String mode, @RequestParam(defaultValue = "UTF-8") String charset,
			Model model) throws IOException {
		form(model, mode, charset);
		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", "import.noFile");
			return "contacts/import";
		}
		try {
			long id = this.jobs.start(user.tenantId(), file.getInputStream(), file.getOriginalFilename(),
					ContactCsv.charset(charset), ImportMode.of(mode));
			return "redirect:/contacts/imports/" + id;
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("errors", invalid.errors());
		}
		return "contacts/import";
	}

	@GetMapping("/contacts/imports/{id}")
	String importJob(CurrentUser user, @PathVariable long id, Model model) {
		ContactImport job = this.imports.get(user.tenantId(), id);
		model.addAttribute("job", job);
		model.addAttribute("report", job.report());
		return "contacts/import-job";
	}

	@GetMapping(path = "/contacts/imports/{id}/progress", produces = "application/json")
	@ResponseBody
	ImportJobView importProgress(CurrentUser user, @PathVariable long id, Locale locale) {
		return ImportJobView.of(this.imports.get(user.tenantId(), id), this.messages, locale);
	}

	private static String form(Model model, String mode, String charset) {
		model.addAttribute("mode", mode);
		model.addAttribute("charset", charset);
		model.addAttribute("charsets", CHARSETS);
		return "contacts/import";
	}

}
