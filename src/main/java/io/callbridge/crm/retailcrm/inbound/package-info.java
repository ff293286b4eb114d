/**
 * What retailCRM sends Callbridge (protocol notes A6): its {@code makeCallUrl}
 * (click-to-call for a manager) and {@code changeUserStatusUrl} (a manager's status),
 * both GET with query parameters (a form POST with the same fields is taken too). Each
 * request is known by the connection's {@code clientId}, read into the core's
 * {@link io.callbridge.crm.CrmRequests} and answered in retailCRM's envelope style
 * ({@code success}, {@code errorMsg}) with problem+json for refusals.
 */
@NullMarked
package io.callbridge.crm.retailcrm.inbound;

import org.jspecify.annotations.NullMarked;
