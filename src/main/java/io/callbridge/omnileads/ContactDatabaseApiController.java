package io.callbridge.omnileads;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabaseCommand;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.DatabaseEntry;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' contact database API for supervisors: {@code contact_database/create/}
 * (phone, data and external-id columns) and {@code contact_database/{id}/contact/} (its
 * contacts; a batch added all or nothing, external ids unique in the batch and the
 * database), with OMniLeads' shapes and messages.
 */
@RestController
class ContactDatabaseApiController {

	// The field of one of ContactDatabases' row errors: rows[i].column.
	private static final Pattern ROW_FIELD = Pattern.compile("rows\\[(\\d+)\\]\\.?(.*)");

	private static final String DUPLICATE_EXTERNAL_ID = "El id externo debe ser único en la base de datos - ";

	private final ContactDatabases databases;

	private final MessageSource messages;

	ContactDatabaseApiController(ContactDatabases databases, MessageSource messages) {
		this.databases = databases;
		this.messages = messages;
	}

	@PostMapping({ OmlPaths.DEFAULT + "contact_database/create", OmlPaths.DEFAULT + "contact_database/create/",
			OmlPaths.TENANT + "contact_database/create", OmlPaths.TENANT + "contact_database/create/" })
	ResponseEntity<Object> create(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		OmlBody body = OmlBody.read(request);
		Map<String, List<String>> errors = new LinkedHashMap<>();
		Optional<String> name = name(user, body, errors, language);
		List<String> phones = columns(body, "phone_fields", errors, language);
		List<String> data = columns(body, "data_fields", errors, language);
		String externalId = body.filled("external_id_field").map(ContactDatabaseApiController::sanitised).orElse(null);
		if (errors.isEmpty() && repeated(phones, data, externalId)) {
			errors.put("non_field_errors", List.of(OmlTexts.FIELDS_REPEATED.in(language)));
		}
		if (!errors.isEmpty()) {
			return dataErrors(errors, language);
		}
		List<String> columns = new ArrayList<>(phones);
		columns.addAll(data);
		if (externalId != null) {
			columns.add(externalId);
		}
		try {
			ContactDatabase database = this.databases.create(user.tenantId(),
					new ContactDatabaseCommand(name.orElseThrow(), columns, phones, externalId, null));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("status", "SUCCESS");
			answer.put("data", metadata(database));
			answer.put("message", OmlTexts.DATABASE_CREATED.in(language));
			return ResponseEntity.status(201).body(answer);
		}
		catch (Problems.InvalidInput invalid) {
			for (FieldError error : invalid.errors()) {
				errors
					.computeIfAbsent("name".equals(error.field()) ? "name" : "non_field_errors",
							(key) -> new ArrayList<>())
					.add(error.text().in(this.messages, language.locale()));
			}
			return dataErrors(errors, language);
		}
	}

	@PostMapping({ OmlPaths.DEFAULT + "contact_database/{id}/contact",
			OmlPaths.DEFAULT + "contact_database/{id}/contact/", OmlPaths.TENANT + "contact_database/{id}/contact",
			OmlPaths.TENANT + "contact_database/{id}/contact/" })
	ResponseEntity<Object> addContacts(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		ContactDatabase database = database(user, id, language);
		JsonNode items = OmlBody.read(request).data();
		if (!items.isArray()) {
			return dataErrors(Map.of("non_field_errors",
					List.of(OmlTexts.NOT_A_LIST.in(language, items.isObject() ? "dict" : "str"))), language);
		}
		List<Map<String, String>> rows = new ArrayList<>();
		List<Map<String, String>> errors = new ArrayList<>();
		Set<String> batchIds = new HashSet<>();
		for (JsonNode item : items) {
			Map<String, String> row = new LinkedHashMap<>();
			errors.add(checked(user, database, item, row, batchIds, language));
			rows.add(row);
		}
		if (errors.stream().anyMatch((error) -> !error.isEmpty())) {
			return dataErrors(errors, language);
		}
		try {
			List<Map<String, Object>> created = this.databases.addRows(user.tenantId(), database.id(), rows)
				.stream()
				.map((contact) -> contactShape(user, database, contact.id()))
				.toList();
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("status", "SUCCESS");
			answer.put("data", created);
			answer.put("message", OmlTexts.CONTACTS_CREATED.in(language));
			return ResponseEntity.status(201).body(answer);
		}
		catch (Problems.InvalidInput invalid) {
			return dataErrors(rowErrors(invalid, rows.size(), language), language);
		}
	}

	@GetMapping({ OmlPaths.DEFAULT + "contact_database/{id}/contact",
			OmlPaths.DEFAULT + "contact_database/{id}/contact/", OmlPaths.TENANT + "contact_database/{id}/contact",
			OmlPaths.TENANT + "contact_database/{id}/contact/" })
	Map<String, Object> contacts(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		ContactDatabase database = database(user, id, language);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "SUCCESS");
		answer.put("data",
				this.databases.contactsOf(user.tenantId(), database.id())
					.stream()
					.map((contact) -> contactShape(user, database, contact))
					.toList());
		answer.put("message", OmlTexts.CONTACTS_FETCHED.in(language));
		return answer;
	}

	static Map<String, Object> metadata(ContactDatabase database) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", database.id());
		data.put("name", database.name());
		data.put("main_phone", database.mainPhone());
		data.put("external_id", database.externalIdColumn());
		data.put("fields", database.columns());
		return data;
	}

	private ContactDatabase database(CurrentUser user, long id, OmlLanguage language) {
		return this.databases.find(user.tenantId(), id)
			.orElseThrow(() -> new OmlAnswer(404, Map.of("error", OmlTexts.UNKNOWN_DATABASE.in(language))));
	}

	// OMniLeads' ContactoCreateSerializer: known columns only, the main phone required,
	// external ids unique in the database and the batch; the first problem of an item is
	// its error.
	private Map<String, String> checked(CurrentUser user, ContactDatabase database, JsonNode item,
			Map<String, String> row, Set<String> batchIds, OmlLanguage language) {
		if (!item.isObject()) {
			return Map.of("non_field_errors", OmlTexts.NOT_A_LIST.in(language, "str"));
		}
		List<String> unknown = new ArrayList<>();
		item.properties().forEach((entry) -> {
			if (!database.columns().contains(entry.getKey())) {
				unknown.add(entry.getKey());
			}
			else if (!entry.getValue().isNull()) {
				row.put(entry.getKey(), entry.getValue().asString());
			}
		});
		if (!unknown.isEmpty()) {
			return Map.of("Error", "Campos invalidos: " + pythonList(unknown));
		}
		if (!item.has(database.mainPhone())) {
			return Map.of(database.mainPhone(), OmlTexts.FIELD_REQUIRED_LOWER.in(language));
		}
		String externalColumn = database.externalIdColumn();
		String externalId = (externalColumn != null) ? row.get(externalColumn) : null;
		if (externalId != null && !externalId.isBlank()) {
			boolean taken = this.databases.contactByExternalId(user.tenantId(), database.id(), externalId).isPresent();
			if (taken || !batchIds.add(externalId)) {
				return Map.of(externalColumn, DUPLICATE_EXTERNAL_ID + externalId);
			}
		}
		return Map.of();
	}

	// Callbridge's own refusals of a row (an invalid phone number, a cell too long), on
	// the column they are about.
	private List<Map<String, String>> rowErrors(Problems.InvalidInput invalid, int rows, OmlLanguage language) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			errors.add(new LinkedHashMap<>());
		}
		for (FieldError error : invalid.errors()) {
			Matcher field = ROW_FIELD.matcher(error.field());
			if (field.matches() && Integer.parseInt(field.group(1)) < rows) {
				errors.get(Integer.parseInt(field.group(1)))
					.putIfAbsent(field.group(2).isEmpty() ? "Error" : field.group(2),
							error.text().in(this.messages, language.locale()));
			}
		}
		return errors;
	}

	private Map<String, Object> contactShape(CurrentUser user, ContactDatabase database, long contactId) {
		DatabaseEntry entry = this.databases.entryOf(user.tenantId(), contactId).orElseThrow();
		List<String> data = new ArrayList<>();
		for (String column : database.columns()) {
			if (!column.equals(database.mainPhone()) && !column.equals(database.externalIdColumn())) {
				data.add(entry.values().getOrDefault(column, ""));
			}
		}
		Map<String, Object> shape = new LinkedHashMap<>();
		shape.put("id", contactId);
		shape.put("telefono", entry.values().getOrDefault(database.mainPhone(), ""));
		shape.put("datos", PythonJson.dumps(data));
		shape.put("bd_contacto", database.id());
		shape.put("id_externo", entry.externalId());
		return shape;
	}

	private Optional<String> name(CurrentUser user, OmlBody body, Map<String, List<String>> errors,
			OmlLanguage language) {
		Optional<String> name = body.filled("name");
		if (name.isEmpty()) {
			errors.put("name",
					List.of((body.node("name").isPresent() ? OmlTexts.BLANK : OmlTexts.REQUIRED).in(language)));
		}
		else if (name.get().length() > 128) {
			errors.put("name", List.of(OmlTexts.MAX_LENGTH.in(language, 128, name.get().length())));
		}
		else if (this.databases.list(user.tenantId()).stream().anyMatch((db) -> db.name().equals(name.get()))) {
			errors.put("name", List.of(OmlTexts.DATABASE_NAME_TAKEN.in(language)));
		}
		return name;
	}

	// A JSON list of names (DRF's JSONField), each trimmed, spaces made "_" and accents
	// removed, as OMniLeads sanitises them.
	private static List<String> columns(OmlBody body, String field, Map<String, List<String>> errors,
			OmlLanguage language) {
		Optional<JsonNode> node = body.node(field);
		if (node.isEmpty()) {
			errors.put(field, List.of(OmlTexts.REQUIRED.in(language)));
			return List.of();
		}
		if (!node.get().isArray()) {
			errors.put(field, List.of(OmlTexts.LIST_REQUIRED.in(language)));
			return List.of();
		}
		if (node.get().isEmpty()) {
			errors.put(field, List.of(OmlTexts.FIELD_LIST_EMPTY.in(language)));
			return List.of();
		}
		List<String> names = new ArrayList<>();
		node.get().forEach((item) -> names.add(sanitised(item.asString())));
		return names;
	}

	private static boolean repeated(List<String> phones, List<String> data, @Nullable String externalId) {
		Set<String> all = new LinkedHashSet<>(phones);
		all.addAll(data);
		return all.size() < phones.size() + data.size() || (externalId != null && all.contains(externalId));
	}

	static String sanitised(String name) {
		String spaced = name.strip().replaceAll(" +", "_");
		return Normalizer.normalize(spaced, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
	}

	private static String pythonList(List<String> names) {
		return names.stream()
			.map((name) -> "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'")
			.collect(Collectors.joining(", ", "[", "]"));
	}

	private static ResponseEntity<Object> dataErrors(Object errors, OmlLanguage language) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("message", OmlTexts.DATA_ERROR.in(language));
		answer.put("errors", errors);
		return ResponseEntity.badRequest().body(answer);
	}

}
