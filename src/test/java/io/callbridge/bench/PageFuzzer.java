package io.callbridge.bench;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.callbridge.shared.CurrentUser;
import io.callbridge.support.UiSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Fuzzes the server-rendered pages — the UI's links and forms — as a logged-in admin over
 * real HTTP with the session's CSRF token, as a browser would send them: every page
 * mapping of the application (the handlers that render a page or redirect, not the REST
 * API's), visited round-robin, with path ids that name something (those the API phase
 * collected) or nothing, and the handler's parameters — its {@code @RequestParam} names
 * and its form record's components (a list of records by indexed names such as
 * {@code optionRows[3].name}, a map by keyed ones, with odd indexes and keys at times) —
 * left out, valid-looking or hostile, sometimes with an unknown one added. A page must
 * answer with a readable 4xx, never a 5xx.
 */
final class PageFuzzer {

	/** Where a list component's index goes in a parameter's name. */
	private static final String INDEX = "[#]";

	/** Where a map component's key goes in a parameter's name. */
	private static final String KEY = "[@]";

	/**
	 * Paths left alone: the API and the webhooks (other phases), the login itself, the
	 * documentation, and the console's event stream (it stays open for half an hour).
	 */
	private static final List<String> SKIPPED = List.of("/api/", "/webhooks/", "/v3/", "/swagger", "/actuator",
			"/error", "/login", "/logout", "/console/events");

	private static final Set<Class<?>> NUMBERS = Set.of(int.class, long.class, Integer.class, Long.class, short.class,
			Short.class, double.class, Double.class, java.math.BigDecimal.class);

	private final FuzzValues values;

	private final Supplier<UiSession> sessions;

	private final List<String> ids;

	private UiSession session;

	private int sessionsOpened = 1;

	/**
	 * One page mapping.
	 *
	 * @param method GET or POST
	 * @param pattern its path, with {@code {variables}}
	 * @param parameters its query or form parameters, by name, with their type
	 */
	record Page(String method, String pattern, Map<String, Class<?>> parameters) {

		String name() {
			return this.method + " " + this.pattern;
		}

	}

	/**
	 * @param values the seeded values
	 * @param sessions logs a new admin in (the first, and again when a request took the
	 * session's access away)
	 * @param ids ids that name something, for the path variables
	 */
	PageFuzzer(FuzzValues values, Supplier<UiSession> sessions, List<String> ids) {
		this.values = values;
		this.sessions = sessions;
		this.ids = ids;
		this.session = sessions.get();
	}

	/** How many admins were logged in (the first included). */
	int sessionsOpened() {
		return this.sessionsOpened;
	}

	/** The page mappings of the application, in a stable order. */
	static List<Page> pages(RequestMappingHandlerMapping mapping) {
		List<Page> pages = new ArrayList<>();
		mapping.getHandlerMethods().forEach((info, handler) -> {
			if (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
					|| handler.hasMethodAnnotation(ResponseBody.class) || streams(info)) {
				return;
			}
			Map<String, Class<?>> parameters = parameters(handler);
			for (String pattern : info.getPatternValues()) {
				if (SKIPPED.stream().noneMatch(pattern::startsWith)) {
					for (String method : methods(info)) {
						pages.add(new Page(method, pattern, parameters));
					}
				}
			}
		});
		pages.sort(Comparator.comparing(Page::name));
		return pages;
	}

	private static boolean streams(RequestMappingInfo info) {
		return info.getProducesCondition()
			.getProducibleMediaTypes()
			.stream()
			.anyMatch(MediaType.TEXT_EVENT_STREAM::includes);
	}

	private static List<String> methods(RequestMappingInfo info) {
		Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
		if (declared.isEmpty()) {
			return List.of("GET");
		}
		return declared.stream()
			.filter((m) -> m == RequestMethod.GET || m == RequestMethod.POST)
			.map(RequestMethod::name)
			.sorted()
			.toList();
	}

	// The request parameters a handler reads: @RequestParam names, simple values bound by
	// name, and the components of a form record.
	private static Map<String, Class<?>> parameters(HandlerMethod handler) {
		Map<String, Class<?>> parameters = new LinkedHashMap<>();
		for (MethodParameter parameter : handler.getMethodParameters()) {
			Class<?> type = parameter.getParameterType();
			if (parameter.hasParameterAnnotation(PathVariable.class)) {
				continue;
			}
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null || simple(type)) {
				String name = (param != null && !param.name().isEmpty()) ? param.name()
						: (param != null && !param.value().isEmpty()) ? param.value() : parameter.getParameterName();
				if (name != null && !Map.class.isAssignableFrom(type)) {
					parameters.put(name, type);
				}
			}
			else if (type.isRecord() && type.getName().startsWith("io.callbridge.") && type != CurrentUser.class) {
				for (RecordComponent component : type.getRecordComponents()) {
					component(component, parameters);
				}
			}
		}
		return parameters;
	}

	// A list of records is bound from indexed names (optionRows[0].name), a map
	// from keyed ones (settings[key]), as the forms' own inputs name them; the
	// index or key is chosen for each request.
	private static void component(RecordComponent component, Map<String, Class<?>> parameters) {
		Class<?> element = typeArgument(component, 0);
		if (List.class.isAssignableFrom(component.getType()) && element != null && element.isRecord()) {
			for (RecordComponent sub : element.getRecordComponents()) {
				parameters.put(component.getName() + INDEX + "." + sub.getName(), sub.getType());
			}
		}
		else if (Map.class.isAssignableFrom(component.getType())) {
			Class<?> value = typeArgument(component, 1);
			parameters.put(component.getName() + KEY, (value != null && simple(value)) ? value : String.class);
		}
		else {
			parameters.put(component.getName(), component.getType());
		}
	}

	private static @Nullable Class<?> typeArgument(RecordComponent component, int index) {
		if (component.getGenericType() instanceof ParameterizedType parameterized
				&& parameterized.getActualTypeArguments().length > index
				&& parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
			return argument;
		}
		return null;
	}

	private static boolean simple(Class<?> type) {
		return type == String.class || NUMBERS.contains(type) || type == boolean.class || type == Boolean.class
				|| type.isEnum() || Temporal.class.isAssignableFrom(type);
	}

	/** Sends {@code requests} requests over the pages in turn. */
	void run(List<Page> pages, int requests, FuzzTally tally, LogCounter log) {
		for (int i = 0; i < requests; i++) {
			Page page = pages.get(i % pages.size());
			List<String> mutations = new ArrayList<>();
			String path = this.values.path(page.pattern(), this.ids, mutations);
			Map<String, String> fields = fields(page.parameters(), mutations);
			String mutation = mutations.isEmpty() ? "valid" : String.join(", ", mutations);
			log.context("page " + page.name() + " [" + mutation + "]");
			tally.record(page.name(), mutation, send(page.method(), path, fields));
			if (i % 50 == 49) {
				keepAccess();
			}
		}
	}

	private Map<String, String> fields(Map<String, Class<?>> parameters, List<String> mutations) {
		Map<String, String> fields = new LinkedHashMap<>();
		String index = index(mutations);
		String key = key(mutations);
		parameters.forEach((declared, type) -> {
			if (this.values.chance(0.2)) {
				return;
			}
			String name = declared.replace(INDEX, "[" + index + "]").replace(KEY, "[" + key + "]");
			if (this.values.chance(0.5)) {
				fields.put(name, plausible(type));
			}
			else {
				String value = hostile(type);
				fields.put(name, value);
				mutations.add(name + "=" + FuzzValues.shown(value));
			}
		});
		if (this.values.chance(0.1)) {
			fields.put("fuzz_" + this.values.between(0, 99), this.values.string());
			mutations.add("unknown parameter");
		}
		return fields;
	}

	// Mostly the first rows, or a gap; sometimes past the binder's growth limit
	// (256), huge, negative or not a number.
	private String index(List<String> mutations) {
		if (this.values.chance(0.8)) {
			return String.valueOf(this.values.chance(0.6) ? this.values.between(0, 1) : this.values.between(2, 20));
		}
		String index = this.values.pick(List.of("256", "100000", "2147483648", "-1", "x", ""));
		mutations.add("index [" + index + "]");
		return index;
	}

	private String key(List<String> mutations) {
		if (this.values.chance(0.7)) {
			return this.values.pick(List.of("timeZone", "fuzz", "a.b"));
		}
		String key = this.values.pick(List.of("", "]", "[", "a]b", "x".repeat(300), FuzzValues.NUL));
		mutations.add("key [" + FuzzValues.shown(key) + "]");
		return key;
	}

	private String plausible(Class<?> type) {
		if (NUMBERS.contains(type)) {
			return this.ids.isEmpty() ? "1" : this.values.pick(this.ids);
		}
		if (type == boolean.class || type == Boolean.class) {
			return this.values.chance(0.5) ? "true" : "false";
		}
		if (type.isEnum()) {
			Object[] constants = type.getEnumConstants();
			return ((Enum<?>) constants[this.values.between(0, constants.length - 1)]).name();
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return this.values.pick(List.of("2026-12-07", "2026-12-07T10:00", "2026-12-07T10:00:00Z"));
		}
		return this.values.pick(List.of("Fuzz", "+34 600 000 001", "fuzz@example.com", "https://crm.example.com/x"));
	}

	private String hostile(Class<?> type) {
		if (NUMBERS.contains(type)) {
			return this.values.number();
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return this.values.date();
		}
		return this.values.string();
	}

	private FuzzHttp.Answer send(String method, String path, Map<String, String> fields) {
		try {
			HttpResponse<String> response = "POST".equals(method) ? this.session.postForm(path, fields)
					: this.session.get(fields.isEmpty() ? path : path + "?" + query(fields));
			return new FuzzHttp.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IllegalArgumentException ex) {
			return new FuzzHttp.Answer(FuzzHttp.NOT_SENT, "", String.valueOf(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			return new FuzzHttp.Answer(FuzzHttp.TRANSPORT_FAILURE, "", ex.toString());
		}
	}

	private static String query(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	// A request may have taken the admin's access away (its role changed, itself
	// disabled): the run goes on as a new admin.
	private void keepAccess() {
		HttpResponse<String> console = this.session.get("/console");
		boolean toLogin = console.headers().firstValue("Location").orElse("").contains("/login");
		if (console.statusCode() == 401 || console.statusCode() == 403 || toLogin) {
			this.session = this.sessions.get();
			this.sessionsOpened++;
		}
	}

	/** Every id in the pools, once. */
	static List<String> ids(Map<String, List<String>> byResource) {
		Set<String> all = new LinkedHashSet<>();
		byResource.values().forEach(all::addAll);
		return List.copyOf(all);
	}

}
