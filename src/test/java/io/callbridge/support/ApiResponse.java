package io.callbridge.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One answer of the HTTP API, with helpers to read it as JSON and to check problem+json
 * answers.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as text (empty when there is none)
 */
public record ApiResponse(int status, HttpHeaders headers, String body) {

	private static final String PROBLEM_TYPE_BASE = "https://callbridge.dev/problems/";

	public JsonNode json() {
		return JsonMapper.shared().readTree(this.body);
	}

	/** Asserts the status and returns the body as JSON. */
	public JsonNode json(int expectedStatus) {
		assertThat(this.status).as("status of an answer with body %s", this.body).isEqualTo(expectedStatus);
		return json();
	}

	/** Asserts the status and returns this answer. */
	public ApiResponse hasStatus(int expectedStatus) {
		assertThat(this.status).as("status of an answer with body %s", this.body).isEqualTo(expectedStatus);
		return this;
	}

	public MediaType contentType() {
		MediaType type = this.headers.getContentType();
		return (type != null) ? type : MediaType.APPLICATION_OCTET_STREAM;
	}

	/**
	 * Asserts a problem+json answer of the given status and kind with a non-blank detail,
	 * and returns it as JSON.
	 */
	public JsonNode problem(int expectedStatus, String kind) {
		JsonNode problem = problem(expectedStatus);
		assertThat(problem.path("type").asString()).isEqualTo(PROBLEM_TYPE_BASE + kind);
		return problem;
	}

	/**
	 * Asserts a problem+json answer of the given status with a non-blank detail, and
	 * returns it as JSON.
	 */
	public JsonNode problem(int expectedStatus) {
		JsonNode problem = json(expectedStatus);
		assertThat(contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as("content type %s of %s", contentType(), this.body)
			.isTrue();
		assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
		assertThat(problem.path("detail").asString()).isNotBlank();
		return problem;
	}

	/** The {@code detail} of a problem answer. */
	public String detail() {
		return json().path("detail").asString();
	}

	/** The ids of the items of a JSON array or of a page's {@code items}. */
	public List<Long> ids() {
		JsonNode root = json();
		JsonNode items = root.isArray() ? root : root.path("items");
		List<Long> ids = new ArrayList<>();
		items.forEach((item) -> ids.add(item.path("id").asLong()));
		return ids;
	}

}
