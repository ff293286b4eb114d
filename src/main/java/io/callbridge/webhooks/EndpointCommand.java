package io.callbridge.webhooks;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An endpoint as an admin submits it; checked by {@link WebhookEndpoints} (422 naming the
 * field).
 *
 * @param kind a webhook (default) or a CRM trigger
 * @param url the target, http or https, at most 2000 characters, not resolving to a
 * refused address
 * @param method HTTP method: webhooks only POST (the default); CRM triggers POST, GET
 * (their default) or PUT
 * @param description the admin's note, at most 500 characters
 * @param eventTypes webhook filters ({@code call.*}, {@code customer.created}, {@code *})
 * or, for a CRM trigger, exact types ({@code customer.created})
 * @param signed whether to sign: webhooks always are; CRM triggers default to unsigned
 */
public record EndpointCommand(@Nullable EndpointKind kind, @Nullable String url, @Nullable EndpointMethod method,
		@Nullable String description, @Nullable List<String> eventTypes, @Nullable Boolean signed) {

	/** A webhook for these filters. */
	public static EndpointCommand webhook(String url, String... eventTypes) {
		return new EndpointCommand(EndpointKind.WEBHOOK, url, EndpointMethod.POST, null, List.of(eventTypes), true);
	}

	/** A CRM trigger for one event type. */
	public static EndpointCommand crmTrigger(String url, EndpointMethod method, String eventType) {
		return new EndpointCommand(EndpointKind.CRM_TRIGGER, url, method, null, List.of(eventType), false);
	}

}
