package io.callbridge.uis;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.uis.UisSimulator.Received;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON-RPC 2.0 exchange with the {@link UisSimulator} (protocol notes B1, B5): the
 * {@code Content-Type}, the envelope ({@code jsonrpc} "2.0", {@code method}, an
 * {@code id}; a missing id is a notification, refused with -32099, as is a batch array),
 * then the method, and the answer as a result or an error envelope.
 */
final class UisRpcExchange {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final UisSimulator simulator;

	private final String api;

	private @Nullable Object id;

	private @Nullable String method;

	private @Nullable JsonNode params;

	UisRpcExchange(UisSimulator simulator, String api) {
		this.simulator = simulator;
		this.api = api;
	}

	Map<String, Object> answer(@Nullable String contentType, byte[] body) {
		try {
			Map<String, Object> result = this.simulator.call(this.api, envelope(contentType, body), this.params);
			this.simulator.record(new Received(this.api, this.method, this.params, null));
			return reply("result", result);
		}
		catch (UisRpcError error) {
			this.simulator.record(new Received(this.api, this.method, this.params, error.mnemonic()));
			return reply("error", error.toJson());
		}
	}

	// Returns the method once the envelope is valid; sets id and params for the answer.
	private String envelope(@Nullable String contentType, byte[] body) {
		if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
			throw rpc(-32600, "invalid_request", "Content-Type must be application/json");
		}
		JsonNode request;
		try {
			request = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw rpc(-32700, "parse_error", "Parse error");
		}
		if (request == null || request.isMissingNode()) {
			throw rpc(-32700, "parse_error", "Parse error");
		}
		if (request.isArray()) {
			throw rpc(-32099, "batch_operations_not_supported", "Batch operations are not supported");
		}
		if (!request.isObject()) {
			throw rpc(-32600, "invalid_request", "Invalid request");
		}
		JsonNode id = request.path("id");
		if (id.isString() || id.isIntegralNumber()) {
			this.id = id.isString() ? id.asString() : id.numberValue();
		}
		if (!"2.0".equals(request.path("jsonrpc").asString(null))) {
			throw rpc(-32600, "invalid_request", "Invalid request: jsonrpc must be \"2.0\"");
		}
		if (id.isMissingNode()) {
			throw rpc(-32099, "notifications_not_supported", "Notifications are not supported");
		}
		if (this.id == null) {
			throw rpc(-32600, "invalid_request", "Invalid request: id must be a string or a number");
		}
		if (!request.path("method").isString()) {
			throw rpc(-32600, "invalid_request", "Invalid request: method is required");
		}
		this.method = request.path("method").asString();
		JsonNode params = request.path("params");
		if (!params.isObject()) {
			throw rpc(-32600, "invalid_request", "Invalid request: params must be an object");
		}
		this.params = params;
		return this.method;
	}

	private Map<String, Object> reply(String member, Object value) {
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("jsonrpc", "2.0");
		reply.put("id", this.id);
		reply.put(member, value);
		return reply;
	}

	private static UisRpcError rpc(int code, String mnemonic, String message) {
		return new UisRpcError(code, mnemonic, message, null, null);
	}

}
