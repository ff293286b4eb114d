package io.callbridge.crm.retailcrm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal as retailCRM answers it (protocol notes A1): an HTTP status and the error
 * envelope {@code {"success":false,"errorMsg":…,"errors":{…}}}, {@code errors} only when
 * there are field errors. Thrown inside the {@link RetailCrmSimulator} and written as the
 * answer.
 */
final class RetailCrmRefusal extends RuntimeException {

	static final String INPUT = "Errors in the input parameters";

	static final String ENTITY = "Errors in the entity format";

	private final int status;

	private final Map<String, String> errors;

	RetailCrmRefusal(int status, String errorMsg, Map<String, String> errors) {
		super(errorMsg);
		this.status = status;
		this.errors = Map.copyOf(errors);
	}

	/** A form field or query parameter is absent: {@code Parameter 'x' is missing}. */
	static RetailCrmRefusal missing(String parameter) {
		return new RetailCrmRefusal(400, "Parameter '" + parameter + "' is missing", Map.of());
	}

	/** The field's value is not JSON of the expected shape. */
	static RetailCrmRefusal input(Map<String, String> errors) {
		return new RetailCrmRefusal(400, INPUT, errors);
	}

	static RetailCrmRefusal of(int status, String errorMsg) {
		return new RetailCrmRefusal(status, errorMsg, Map.of());
	}

	int status() {
		return this.status;
	}

	Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", false);
		body.put("errorMsg", getMessage());
		if (!this.errors.isEmpty()) {
			body.put("errors", new LinkedHashMap<>(this.errors));
		}
		return body;
	}

}
