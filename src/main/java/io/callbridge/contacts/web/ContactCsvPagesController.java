package io.callbridge.contacts.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import io.callbridge.contacts.ContactCsv;
import io.callbridge.contacts.ContactCsv.ImportReport;
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
 * The contact CSV pages: the import form with its all-or-nothing report, and the export
 * download.
 */
@Controller
class ContactCsvPagesController {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final ContactCsv csv;

	ContactCsvPagesController(ContactCsv csv) {
		this.csv = csv;
	}

	@GetMapping(path = "/contacts/export.csv", produces = "text/csv")
	void export(CurrentUser user, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
		this.csv.exportCsv(user.tenantId(), response.getWriter());
	}

	@GetMapping("/contacts/import")
	String importForm() {
		return "contacts/import";
	}

	@PostMapping("/contacts/import")
	String importFile(CurrentUser user, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			Model model) throws IOException {
		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", "import.noFile");
			return "contacts/import";
		}
		model.addAttribute("fileName", file.getOriginalFilename());
		try (Reader reader = withoutByteOrderMark(file)) {
			ImportReport report = this.csv.importCsv(user.tenantId(), reader);
			model.addAttribute("report", report);
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("errors", invalid.errors());
		}
		return "contacts/import";
	}

	// Spreadsheet programs often save UTF-8 CSV with a byte order mark, which would
	// otherwise become part of the first column's name.
	private static Reader withoutByteOrderMark(MultipartFile file) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8));
		reader.mark(1);
		if (reader.read() != BYTE_ORDER_MARK) {
			reader.reset();
		}
		return reader;
	}

}
