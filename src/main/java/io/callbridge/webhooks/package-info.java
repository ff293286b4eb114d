/**
 * Outbound webhooks and CRM triggers: signed notifications (Standard Webhooks) of call,
 * customer, case, follow-up and task changes to URLs a tenant's admin configures, and
 * VCC's CRM triggers. The facts other modules publish are written to an outbox in the
 * transaction of the change ({@link io.callbridge.webhooks.WebhookOutbox}); every node's
 * worker claims due deliveries on the database's clock and sends them, in order per
 * record, retried for more than three days, each attempt logged; targets are checked
 * against an SSRF guard when saved and on every connection. The API for the web layer:
 * {@link io.callbridge.webhooks.WebhookEndpoints} and
 * {@link io.callbridge.webhooks.WebhookDeliveries}.
 */
@NullMarked
package io.callbridge.webhooks;

import org.jspecify.annotations.NullMarked;
