package io.callbridge.webhooks;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The event types delivered, and how an endpoint's filters match them.
 */
public final class WebhookEventTypes {

	/** Call facts. */
	public static final List<String> CALL = List.of("call.ringing", "call.answered", "call.completed",
			"call.result_corrected", "call.disposition_saved", "call.recording_ready");

	/** Changes of built-in CRM records: what CRM triggers can be set for. */
	public static final List<String> RECORDS = List.of("customer.created", "customer.updated", "customer.deleted",
			"case.created", "case.updated", "case.deleted", "followup.created", "followup.deleted", "task.created",
			"task.updated", "task.deleted");

	/** The test event sent from the endpoint's page; only ever to that endpoint. */
	public static final String TEST = "webhook.test";

	private static final Set<String> FAMILIES = Set.of("call", "customer", "case", "followup", "task");

	private WebhookEventTypes() {
	}

	/** Every type an endpoint may subscribe to. */
	public static List<String> all() {
		return java.util.stream.Stream.concat(CALL.stream(), RECORDS.stream()).toList();
	}

	/**
	 * Whether a webhook filter is valid: {@code *}, a family ({@code call.*}) or a type.
	 */
	public static boolean isValidFilter(String filter) {
		if ("*".equals(filter)) {
			return true;
		}
		if (filter.endsWith(".*")) {
			return FAMILIES.contains(filter.substring(0, filter.length() - 2));
		}
		return CALL.contains(filter) || RECORDS.contains(filter);
	}

	/** Whether a CRM trigger may be set for this type (records only, exact). */
	public static boolean isTriggerType(String type) {
		return RECORDS.contains(type);
	}

	/** Whether an endpoint of this kind with these filters receives the type. */
	public static boolean matches(EndpointKind kind, Collection<String> filters, String type) {
		if (kind == EndpointKind.EXTERNAL_SITE || kind == EndpointKind.CONNECTOR) {
			return false;
		}
		if (kind == EndpointKind.CRM_TRIGGER) {
			return filters.contains(type);
		}
		for (String filter : filters) {
			if ("*".equals(filter) || filter.equals(type)
					|| (filter.endsWith(".*") && type.startsWith(filter.substring(0, filter.length() - 1)))) {
				return true;
			}
		}
		return false;
	}

}
