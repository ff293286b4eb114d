package io.callbridge.followups;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incomplete follow-up as admins see it: which listener, for which event (its ids
 * only: the event's other fields may hold personal data), and where its retries stand.
 *
 * @param id the event publication's id
 * @param listener the listener, short ({@code CallPopListener.on(CallRang)})
 * @param listenerId the listener as the registry names it
 * @param module the module the listener belongs to
 * @param eventType the event's simple class name
 * @param keys the event's identifying fields ({@code tenantId}, {@code callId} …)
 * @param tenantId the tenant the event concerns, if it says
 * @param state where it stands
 * @param publishedAt when the event was published
 * @param attempts how often the listener was started for it
 * @param lastError the last failure's error, if recorded
 * @param stalled whether the last run gave no outcome in time (its node stopped)
 * @param nextAttemptAt the next automatic retry, when one is scheduled
 */
record FollowUp(UUID id, String listener, String listenerId, String module, String eventType, Map<String, Object> keys,
		@Nullable Long tenantId, FollowUpState state, @Nullable Instant publishedAt, int attempts,
		@Nullable String lastError, boolean stalled, @Nullable Instant nextAttemptAt) {

	private static final String BASE_PACKAGE = "io.callbridge.";

	private static final Pattern PACKAGE_QUALIFIER = Pattern.compile("\\b[a-z][a-z0-9_]*\\.");

	private static final JsonMapper JSON = JsonMapper.shared();

	static FollowUp of(IncompletePublications.Row row, FollowUpRetryProperties properties) {
		Map<String, Object> keys = keys(row.serializedEvent());
		Object tenant = keys.get("tenantId");
		return new FollowUp(row.id(), shortName(row.listenerId()), row.listenerId(), module(row.listenerId()),
				shortName(row.eventType()), keys, (tenant instanceof Long id) ? id : null,
				FollowUpState.of(row.status(), row.retries(), row.claimed(), properties), row.publishedAt(), row.runs(),
				row.lastError(), row.stalled(), row.nextAttemptAt());
	}

	/** This follow-up once a retry of it has started. */
	FollowUp started() {
		return new FollowUp(this.id, this.listener, this.listenerId, this.module, this.eventType, this.keys,
				this.tenantId, FollowUpState.RUNNING, this.publishedAt, this.attempts + 1, this.lastError, this.stalled,
				null);
	}

	boolean canRetry() {
		return this.state != FollowUpState.RUNNING;
	}

	/**
	 * The event's top-level identifiers: fields named {@code id} or ending in {@code Id}
	 * with a number or short text.
	 */
	static Map<String, Object> keys(String serializedEvent) {
		JsonNode event;
		try {
			event = JSON.readTree(serializedEvent);
		}
		catch (JacksonException ex) {
			return Map.of();
		}
		if (event == null || !event.isObject()) {
			return Map.of();
		}
		Map<String, Object> keys = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : event.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (!name.equals("id") && !name.endsWith("Id")) {
				continue;
			}
			if (value.isIntegralNumber() && value.canConvertToLong()) {
				keys.put(name, value.asLong());
			}
			else if (value.isString() && value.asString().length() <= 64) {
				keys.put(name, value.asString());
			}
		}
		return Collections.unmodifiableMap(keys);
	}

	/** A class or method name without package qualifiers. */
	static String shortName(String qualified) {
		return PACKAGE_QUALIFIER.matcher(qualified).replaceAll("");
	}

	/** The module of a listener of ours ({@code screenpop}), else its package. */
	static String module(String listenerId) {
		String type = listenerId.contains("(") ? listenerId.substring(0, listenerId.indexOf('(')) : listenerId;
		if (type.startsWith(BASE_PACKAGE)) {
			String rest = type.substring(BASE_PACKAGE.length());
			return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
		}
		int lastDot = type.lastIndexOf('.', Math.max(type.lastIndexOf('.') - 1, 0));
		return (lastDot > 0) ? type.substring(0, lastDot) : type;
	}

}
