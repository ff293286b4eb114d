package io.callbridge.uis;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a method's {@code params} as UIS checks them: an unknown parameter is
 * {@code unexpected_parameters}, a missing required one
 * {@code required_parameter_missed}, a wrong JSON type {@code data_type_error}, a value
 * outside its enum {@code invalid_parameter_value}.
 */
final class UisParams {

	private final JsonNode params;

	UisParams(JsonNode params, Set<String> known) {
		this.params = params;
		for (String name : params.propertyNames()) {
			if (!known.contains(name)) {
				throw UisRpcError.unexpected(name);
			}
		}
	}

	String requiredString(String name) {
		String value = optionalString(name);
		if (value == null) {
			throw UisRpcError.missed(name);
		}
		return value;
	}

	@Nullable String optionalString(String name) {
		JsonNode value = present(name);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw UisRpcError.dataType(name, value.toString());
		}
		return value.asString();
	}

	String requiredEnum(String name, Set<String> allowed) {
		String value = requiredString(name);
		if (!allowed.contains(value)) {
			throw UisRpcError.invalid(name, value);
		}
		return value;
	}

	@Nullable String optionalEnum(String name, Set<String> allowed) {
		String value = optionalString(name);
		if (value != null && !allowed.contains(value)) {
			throw UisRpcError.invalid(name, value);
		}
		return value;
	}

	long requiredLong(String name) {
		Long value = optionalLong(name);
		if (value == null) {
			throw UisRpcError.missed(name);
		}
		return value;
	}

	@Nullable Long optionalLong(String name) {
		JsonNode value = present(name);
		if (value == null) {
			return null;
		}
		if (!value.isIntegralNumber()) {
			throw UisRpcError.dataType(name, value.toString());
		}
		return value.asLong();
	}

	boolean optionalBoolean(String name, boolean otherwise) {
		JsonNode value = present(name);
		if (value == null) {
			return otherwise;
		}
		if (!value.isBoolean()) {
			throw UisRpcError.dataType(name, value.toString());
		}
		return value.asBoolean();
	}

	JsonNode requiredObject(String name) {
		JsonNode value = optionalObject(name);
		if (value == null) {
			throw UisRpcError.missed(name);
		}
		return value;
	}

	@Nullable JsonNode optionalObject(String name) {
		JsonNode value = present(name);
		if (value != null && !value.isObject()) {
			throw UisRpcError.dataType(name, value.toString());
		}
		return value;
	}

	private @Nullable JsonNode present(String name) {
		JsonNode value = this.params.get(name);
		return (value == null || value.isNull()) ? null : value;
	}

}
