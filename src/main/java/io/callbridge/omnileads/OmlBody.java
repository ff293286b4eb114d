package io.callbridge.omnileads;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.callbridge.shared.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * A request's data as Django REST framework's {@code request.data} sees it: a JSON body,
 * or the fields of a form or multipart body (a field sent several times is a list), with
 * the uploaded files of a multipart body. Any other body type is refused 415, as DRF's
 * default parsers do. Values are read as Django reads them: a JSON number or boolean
 * becomes its text, a JSON {@code null} or an empty text counts as missing for a required
 * field.
 */
final class OmlBody {

	private final JsonNode data;

	private final Map<String, MultipartFile> files;

	private OmlBody(JsonNode data, Map<String, MultipartFile> files) {
		this.data = data;
		this.files = files;
	}

	static OmlBody read(HttpServletRequest request) {
		MediaType type = type(request);
		if (type == null) {
			return new OmlBody(JsonNodeFactory.instance.objectNode(), Map.of());
		}
		if (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json")) {
			return new OmlBody(storable(json(request)), Map.of());
		}
		if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)
				|| MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
			return new OmlBody(storable(fields(request)), files(request));
		}
		throw OmlAnswer.detail(415,
				OmlTexts.UNSUPPORTED_MEDIA_TYPE.in(OmlLanguage.of(request), request.getContentType()));
	}

	/** The whole data: an object, or whatever else a JSON body held. */
	JsonNode data() {
		return this.data;
	}

	/** Whether the data is an object (a form always is). */
	boolean isObject() {
		return this.data.isObject();
	}

	/** The field names, in the order received. */
	Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		if (this.data.isObject()) {
			this.data.properties().forEach((entry) -> names.add(entry.getKey()));
		}
		return names;
	}

	/** A field's raw value, absent when not sent. */
	Optional<JsonNode> node(String field) {
		return Optional.ofNullable(this.data.isObject() ? this.data.get(field) : null);
	}

	/**
	 * A field's text as a Django form sees it: absent when not sent, {@code null} or a
	 * list or object; a number or boolean as its text; the last value of a repeated form
	 * field.
	 */
	Optional<String> text(String field) {
		return node(field).flatMap(OmlBody::scalar);
	}

	/**
	 * A field's text, empty or blank text counting as missing (Django's required fields).
	 */
	Optional<String> filled(String field) {
		return text(field).map(String::strip).filter((value) -> !value.isEmpty());
	}

	/** An uploaded file of a multipart body. */
	Optional<MultipartFile> file(String field) {
		return Optional.ofNullable(this.files.get(field));
	}

	private static Optional<String> scalar(JsonNode node) {
		if (node.isArray() && !node.isEmpty()) {
			return scalar(node.get(node.size() - 1));
		}
		if (node.isBoolean()) {
			// Python's str(True)
			return Optional.of(node.booleanValue() ? "True" : "False");
		}
		return node.isValueNode() && !node.isNull() ? Optional.of(node.asString()) : Optional.empty();
	}

	// Read here rather than by the converters, so Callbridge's own check of JSON bodies
	// and parameters does not see it all (a PUT form body, say): the same rule, answered
	// as DRF answers it (OmlErrors).
	private static JsonNode storable(JsonNode data) {
		StorableText.check(data);
		return data;
	}

	private static @Nullable MediaType type(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || contentType.isBlank()) {
			return null;
		}
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			throw OmlAnswer.detail(415, OmlTexts.UNSUPPORTED_MEDIA_TYPE.in(OmlLanguage.of(request), contentType));
		}
	}

	private static JsonNode json(HttpServletRequest request) {
		try (InputStream body = request.getInputStream()) {
			byte[] bytes = body.readAllBytes();
			if (bytes.length == 0) {
				return JsonNodeFactory.instance.objectNode();
			}
			return JsonMapper.shared().readTree(bytes);
		}
		catch (JacksonException ex) {
			throw OmlAnswer.detail(400, "JSON parse error - " + ex.getOriginalMessage());
		}
		catch (IOException ex) {
			throw OmlAnswer.detail(400, "JSON parse error - " + ex.getMessage());
		}
	}

	private static ObjectNode fields(HttpServletRequest request) {
		ObjectNode fields = JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, String[]> parameter : parameters(request).entrySet()) {
			String[] values = parameter.getValue();
			if (values.length == 1) {
				fields.put(parameter.getKey(), values[0]);
			}
			else {
				ArrayNode list = fields.putArray(parameter.getKey());
				for (String value : values) {
					list.add(value);
				}
			}
		}
		return fields;
	}

	// The container reads form bodies of POST only (and Spring's filter for the other
	// methods is off): a PUT form body is read here.
	private static Map<String, String[]> parameters(HttpServletRequest request) {
		if ("POST".equals(request.getMethod()) || !MediaType.APPLICATION_FORM_URLENCODED
			.isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
			return request.getParameterMap();
		}
		Map<String, List<String>> read = new LinkedHashMap<>();
		try (InputStream body = request.getInputStream()) {
			String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			for (String pair : text.split("&")) {
				if (!pair.isEmpty()) {
					int equals = pair.indexOf('=');
					String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals),
							StandardCharsets.UTF_8);
					String value = (equals < 0) ? ""
							: URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
					read.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw OmlAnswer.detail(400, "Form parse error - " + ex.getMessage());
		}
		Map<String, String[]> parameters = new LinkedHashMap<>();
		read.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
		return parameters;
	}

	private static Map<String, MultipartFile> files(HttpServletRequest request) {
		return (request instanceof MultipartHttpServletRequest multipart) ? multipart.getFileMap() : Map.of();
	}

	/** The texts of a field that is a list (a JSON array or a repeated form field). */
	List<String> texts(String field) {
		List<String> texts = new ArrayList<>();
		node(field).ifPresent((node) -> {
			if (node.isArray()) {
				node.forEach((item) -> scalar(item).ifPresent(texts::add));
			}
			else {
				scalar(node).ifPresent(texts::add);
			}
		});
		return texts;
	}

}
