package io.callbridge.omnileads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.ContactDatabases.ColumnChoice;
import io.callbridge.contacts.ContactDatabases.CsvPreview;
import io.callbridge.contacts.ContactDatabases.ImportReport;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * OMniLeads' {@code POST api/v1/crear_base_contactos/}: a new contact database from an
 * uploaded CSV file ({@code filename}), named {@code nombre}, with the phone columns
 * {@code campos_telefono} (comma list) and optionally the external-id column
 * {@code id_externo} (by name). Always answered 200, {@code {"status": "OK", "id": …}} or
 * {@code {"status": "ERROR", "message": …}} with OMniLeads' messages (untranslated, as
 * OMniLeads sends them) and Callbridge's for what the file holds wrong.
 */
@RestController
class UploadDatabaseController {

	private final ContactDatabases databases;

	private final MessageSource messages;

	UploadDatabaseController(ContactDatabases databases, MessageSource messages) {
		this.databases = databases;
		this.messages = messages;
	}

	@PostMapping({ OmlPaths.DEFAULT + "crear_base_contactos", OmlPaths.DEFAULT + "crear_base_contactos/",
			OmlPaths.TENANT + "crear_base_contactos", OmlPaths.TENANT + "crear_base_contactos/" })
	Map<String, Object> upload(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		OmlBody body = OmlBody.read(request);
		Optional<MultipartFile> file = body.file("filename");
		if (file.isEmpty()) {
			return error("falta parámetro filename en request");
		}
		Optional<String> name = body.text("nombre");
		if (name.isEmpty()) {
			return error("falta parámetro:nombre");
		}
		Optional<String> phones = body.text("campos_telefono");
		if (phones.isEmpty()) {
			return error("falta parámetro:campos_telefono");
		}
		if (!String.valueOf(file.get().getOriginalFilename()).toLowerCase(Locale.ROOT).endsWith(".csv")) {
			return error("la extensión del archivo no es .CSV");
		}
		try {
			return imported(user, file.get().getBytes(), name.get(), phones.get(), body.text("id_externo"), language);
		}
		catch (IOException ex) {
			return error("no se pudo crear la base de datos de contacto");
		}
		catch (Problems.InvalidInput invalid) {
			return error(invalid.errors().isEmpty() ? invalid.text().in(this.messages, language.locale())
					: invalid.errors().get(0).text().in(this.messages, language.locale()));
		}
		catch (Problems.Problem refused) {
			return error(refused.text().in(this.messages, language.locale()));
		}
	}

	private Map<String, Object> imported(CurrentUser user, byte[] data, String name, String phoneList,
			Optional<String> externalId, OmlLanguage language) {
		CsvPreview preview = this.databases.preview(data, StandardCharsets.UTF_8);
		List<String> phones = new ArrayList<>();
		for (String phone : phoneList.strip().replaceAll("^,+|,+$", "").split(",")) {
			if (!phone.isBlank()) {
				phones.add(ContactDatabaseApiController.sanitised(phone));
			}
		}
		if (phones.isEmpty()) {
			return error("lista de campos teléfono vacia");
		}
		if (!preview.columns().containsAll(phones)) {
			return error("campo de teléfono no coincide con nombre de columna");
		}
		String external = externalId.filter((id) -> !id.isBlank())
			.map(ContactDatabaseApiController::sanitised)
			.orElse(null);
		if (external != null && !preview.columns().contains(external)) {
			return error("campo de id externo no coincide con nombre de columna");
		}
		ImportReport report = this.databases.importCsv(user.tenantId(), null, data, StandardCharsets.UTF_8,
				new ColumnChoice(name, phones, external, null));
		if (!report.errors().isEmpty()) {
			Text first = report.errors().get(0).messages().get(0);
			return error(first.in(this.messages, language.locale()));
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "OK");
		answer.put("id", report.databaseId());
		return answer;
	}

	private static Map<String, Object> error(String message) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "ERROR");
		answer.put("message", message);
		return answer;
	}

}
