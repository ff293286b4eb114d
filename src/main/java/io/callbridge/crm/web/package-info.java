/**
 * The web layer of CRM connections: the REST API ({@code /api/v1/crm/…}: admins change,
 * supervisors read; credentials are write-only) and the admin pages
 * ({@code /admin/crm/…}: settings, check, connect, the retailCRM setup, the managers'
 * mapping and the delivery log), both through {@link io.callbridge.crm.CrmConnections}
 * and, for the delivery log, the webhooks outbox of each connection's endpoint.
 */
@NullMarked
package io.callbridge.crm.web;

import org.jspecify.annotations.NullMarked;
