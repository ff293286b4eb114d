package io.callbridge.uis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP notifications an admin configures in UIS for Callbridge (design of issue 13:
 * one event slug per UIS event type, each with its variables), and UIS's textual
 * substitution of {@code {{variable}}} placeholders: into a POST body as JSON literals
 * (strings quoted and escaped, numbers bare, null as {@code null}, lists as arrays), into
 * a GET query as URL-encoded text.
 */
public final class UisNotificationTemplates {

	/** The event slugs in the order of the design's table. */
	public static final List<String> SLUGS = List.of("call-incoming", "waiting", "call-outgoing", "talk-started",
			"talk-finished", "call-finished", "call-lost", "recording");

	private static final List<String> TALK = List.of("call_session_id", "notification_time", "virtual_phone_number",
			"contact_phone_number", "employee_id", "employee_full_name", "direction", "external_id", "call_source",
			"leg_ids");

	private static final Map<String, List<String>> VARIABLES = Map.of("call-incoming", List.of("call_session_id",
			"notification_time", "virtual_phone_number", "contact_phone_number", "contact_full_name", "scenario_name"),
			"waiting",
			List.of("call_session_id", "notification_time", "virtual_phone_number", "contact_phone_number",
					"employee_id", "employee_full_name", "direction", "external_id", "call_source", "leg_id"),
			"call-outgoing",
			List.of("call_session_id", "notification_time", "virtual_phone_number", "contact_phone_number",
					"employee_id", "employee_full_name", "employee_phone_number"),
			"talk-started", TALK, "talk-finished", concat(TALK, "talk_time_duration"), "call-finished",
			List.of("call_session_id", "notification_time", "virtual_phone_number", "contact_phone_number",
					"employee_id", "employee_full_name", "direction", "external_id", "call_source", "scenario_name",
					"talk_time_duration", "total_time_duration", "wait_time_duration"),
			"call-lost",
			List.of("call_session_id", "notification_time", "virtual_phone_number", "contact_phone_number",
					"employee_ids", "wait_time_duration", "scenario_name"),
			"recording", List.of("call_session_id", "notification_time", "contact_phone_number", "employee_id",
					"employee_full_name", "file_link", "file_duration"));

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

	private static final JsonMapper JSON = JsonMapper.shared();

	private UisNotificationTemplates() {
	}

	/** The variables of one event type, as the design lists them. */
	public static List<String> variables(String slug) {
		List<String> variables = VARIABLES.get(slug);
		if (variables == null) {
			throw new IllegalArgumentException("No UIS notification " + slug);
		}
		return variables;
	}

	/**
	 * The POST body template an admin writes: {@code {"x":{{x}},...}}, unquoted
	 * placeholders.
	 */
	public static String jsonTemplate(String slug) {
		return variables(slug).stream()
			.map((v) -> "\"" + v + "\":{{" + v + "}}")
			.collect(Collectors.joining(",", "{", "}"));
	}

	/** The GET query template: {@code x={{x}}&...}. */
	public static String queryTemplate(String slug) {
		return variables(slug).stream().map((v) -> v + "={{" + v + "}}").collect(Collectors.joining("&"));
	}

	/**
	 * Substitutes JSON literals; a variable the event does not have becomes {@code null}.
	 */
	public static String renderJson(String template, Map<String, Object> values) {
		return substitute(template, (name) -> JSON.writeValueAsString(values.get(name)));
	}

	/** Substitutes URL-encoded text; null becomes empty, lists are comma-separated. */
	public static String renderQuery(String template, Map<String, Object> values) {
		return substitute(template, (name) -> {
			Object value = values.get(name);
			String text = (value == null) ? "" : (value instanceof List<?> list)
					? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(value);
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		});
	}

	private static String substitute(String template, Function<String, String> literal) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(literal.apply(matcher.group(1))));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static List<String> concat(List<String> list, String more) {
		return Stream.concat(list.stream(), Stream.of(more)).toList();
	}

}
