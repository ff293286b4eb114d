package io.callbridge.contacts.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import io.callbridge.contacts.ContactCsv;
import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactCsv.ImportReport;
import io.callbridge.shared.CsvCells;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The contact CSV pages: the import form (create only, or update existing contacts by
 * external id; the file's encoding) with its all-or-nothing report, and the export
 * download for a spreadsheet in the reader's language.
 */
@Controller
class ContactCsvPagesController {

	/** Encodings offered on the import form; UTF-8 first, then what spreadsheets save. */
	static final List<String> CHARSETS = List.of("UTF-8", "windows-1252", "ISO-8859-15", "UTF-16");

	private final ContactCsv csv;

	ContactCsvPagesController(ContactCsv csv) {
		this.csv = csv;
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
		model.addAttribute("fileName", file.getOriginalFilename());
		try {
			ImportReport report = this.csv.importCsv(user.tenantId(), file.getBytes(), ContactCsv.charset(charset),
					ImportMode.of(mode));
			model.addAttribute("report", report);
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("errors", invalid.errors());
		}
		catch (Problems.BadRequest unreadable) {
			model.addAttribute("errors", unreadable.errors());
		}
		return "contacts/import";
	}

	private static String form(Model model, String mode, String charset) {
		model.addAttribute("mode", mode);
		model.addAttribute("charset", charset);
		model.addAttribute("charsets", CHARSETS);
		return "contacts/import";
	}

}
