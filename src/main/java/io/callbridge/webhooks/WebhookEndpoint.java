package io.callbridge.webhooks;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An address a tenant's changes are delivered to.
 *
 * @param id id
 * @param tenantId tenant
 * @param kind a signed webhook or a VCC CRM trigger
 * @param url where to deliver (http or https; a CRM trigger's formatted string is
 * appended)
 * @param method how it is called (webhooks: always POST)
 * @param description the admin's note
 * @param eventTypes which events it receives: for a webhook, filters such as
 * {@code call.*} or {@code customer.created}; for a CRM trigger, exact event types
 * @param signed whether requests carry a {@code webhook-signature} (webhooks: always)
 * @param enabled whether deliveries are sent; a disabled endpoint's deliveries wait
 * @param disabledAt when it was disabled
 * @param disabledReason why: {@code FAILING} (disabled after continuous failure) or
 * {@code BY_ADMIN}
 * @param failingSince the first failure since its last successful answer
 * @param createdAt creation
 * @param updatedAt last change
 */
public record WebhookEndpoint(long id, long tenantId, EndpointKind kind, String url, EndpointMethod method,
		@Nullable String description, List<String> eventTypes, boolean signed, boolean enabled,
		@Nullable Instant disabledAt, @Nullable String disabledReason, @Nullable Instant failingSince,
		Instant createdAt, Instant updatedAt) {

	/** {@link #disabledReason()} of an endpoint disabled after continuous failure. */
	public static final String DISABLED_FAILING = "FAILING";

	/** {@link #disabledReason()} of an endpoint an admin disabled. */
	public static final String DISABLED_BY_ADMIN = "BY_ADMIN";

	/** Whether it was disabled because its deliveries kept failing. */
	public boolean disabledForFailing() {
		return !this.enabled && DISABLED_FAILING.equals(this.disabledReason);
	}

}
