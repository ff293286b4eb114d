package io.callbridge.uis.inbound;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The UIS notification event types Callbridge receives, each with the slug of its URL
 * ({@code /webhooks/uis/{token}/{slug}}), its name in the UIS cabinet (Russian and
 * English UI), and the template variables Callbridge reads. The template to paste into
 * UIS is derived from these, so the setup page, the docs and the parser never disagree.
 */
enum UisEventType {

	CALL_INCOMING("call-incoming", "Входящий звонок на виртуальный номер", "Inbound call on a virtual phone number",
			"call_session_id", "notification_time", "virtual_phone_number", "contact_phone_number", "contact_full_name",
			"scenario_name"),

	WAITING("waiting", "Ожидание ответа", "Waiting for the answer", "call_session_id", "notification_time",
			"virtual_phone_number", "contact_phone_number", "employee_id", "employee_full_name", "direction",
			"external_id", "call_source", "leg_id"),

	CALL_OUTGOING("call-outgoing", "Исходящий звонок", "Outbound call", "call_session_id", "notification_time",
			"virtual_phone_number", "contact_phone_number", "employee_id", "employee_full_name",
			"employee_phone_number"),

	TALK_STARTED("talk-started", "Начало разговора", "Talk started", "call_session_id", "notification_time",
			"virtual_phone_number", "contact_phone_number", "employee_id", "employee_full_name", "direction",
			"external_id", "call_source", "leg_ids"),

	TALK_FINISHED("talk-finished", "Окончание разговора", "Talk finished", "call_session_id", "notification_time",
			"virtual_phone_number", "contact_phone_number", "employee_id", "employee_full_name", "direction",
			"external_id", "call_source", "leg_ids", "talk_time_duration"),

	CALL_FINISHED("call-finished", "Завершение звонка", "Call finished", "call_session_id", "notification_time",
			"virtual_phone_number", "contact_phone_number", "employee_id", "employee_full_name", "direction",
			"external_id", "call_source", "scenario_name", "talk_time_duration", "total_time_duration",
			"wait_time_duration"),

	CALL_LOST("call-lost", "Потерянный звонок", "Lost call", "call_session_id", "notification_time",
			"virtual_phone_number", "contact_phone_number", "employee_ids", "wait_time_duration", "scenario_name"),

	RECORDING("recording", "Записанный разговор", "Call recording completed", "call_session_id", "notification_time",
			"contact_phone_number", "employee_id", "employee_full_name", "file_link", "file_duration");

	private final String slug;

	private final String russianName;

	private final String englishName;

	private final List<String> variables;

	UisEventType(String slug, String russianName, String englishName, String... variables) {
		this.slug = slug;
		this.russianName = russianName;
		this.englishName = englishName;
		this.variables = List.of(variables);
	}

	String slug() {
		return this.slug;
	}

	/** The event type's name in the Russian UIS cabinet ("Тип события"). */
	String russianName() {
		return this.russianName;
	}

	/** The event type's name in the English cabinet (CallGear). */
	String englishName() {
		return this.englishName;
	}

	List<String> variables() {
		return this.variables;
	}

	/**
	 * The HTTP body template to paste into UIS: a JSON object naming the event, then one
	 * line per variable written {@code "x": {{x}}} without quotes, since UIS substitutes
	 * each variable as a JSON literal (strings quoted, {@code null} for none).
	 */
	String template() {
		String lines = this.variables.stream()
			.map((name) -> "  \"" + name + "\": {{" + name + "}}")
			.collect(Collectors.joining(",\n"));
		return "{\n  \"event\": \"" + this.slug + "\",\n" + lines + "\n}";
	}

	/** The type of a slug, if it is one. */
	static Optional<UisEventType> ofSlug(String slug) {
		return Arrays.stream(values()).filter((type) -> type.slug.equals(slug)).findFirst();
	}

	/** Every slug, for messages naming the accepted ones. */
	static String slugs() {
		return Arrays.stream(values()).map(UisEventType::slug).collect(Collectors.joining(", "));
	}

}
