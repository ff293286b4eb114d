package io.callbridge.uis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC error as UIS answers it (protocol notes B1, B4.1, B5): a code, a mnemonic in
 * {@code error.data}, the English message, and the offending field and value when there
 * is one. Thrown inside the {@link UisSimulator} and turned into the error envelope.
 */
final class UisRpcError extends RuntimeException {

	private final int code;

	private final String mnemonic;

	private final @Nullable String field;

	private final @Nullable Object value;

	UisRpcError(int code, String mnemonic, String message, @Nullable String field, @Nullable Object value) {
		super(message);
		this.code = code;
		this.mnemonic = mnemonic;
		this.field = field;
		this.value = value;
	}

	static UisRpcError params(String mnemonic, String message, @Nullable String field, @Nullable Object value) {
		return new UisRpcError(-32602, mnemonic, message, field, value);
	}

	static UisRpcError auth(String mnemonic, String message) {
		return new UisRpcError(-32001, mnemonic, message, "access_token", null);
	}

	static UisRpcError missed(String field) {
		return params("required_parameter_missed", "Required parameter " + field + " is missed", field, null);
	}

	static UisRpcError invalid(String field, @Nullable Object value) {
		return params("invalid_parameter_value", "Invalid value of parameter " + field, field, value);
	}

	static UisRpcError dataType(String field, @Nullable Object value) {
		return params("data_type_error", "Invalid data type of parameter " + field, field, value);
	}

	static UisRpcError unexpected(String field) {
		return params("unexpected_parameters", "Unexpected parameter " + field, field, null);
	}

	int code() {
		return this.code;
	}

	String mnemonic() {
		return this.mnemonic;
	}

	/** The {@code error} member of the envelope. */
	Map<String, Object> toJson() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("mnemonic", this.mnemonic);
		data.put("field", this.field);
		data.put("value", this.value);
		data.put("params", Map.of());
		data.put("extended_helper", null);
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", this.code);
		error.put("message", getMessage());
		error.put("data", data);
		return error;
	}

}
