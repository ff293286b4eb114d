/**
 * Outbound side of the retailCRM connector: its API v5 client (the {@code X-API-KEY}
 * header, form fields holding JSON, the {@code success}/{@code errorMsg}/{@code errors}
 * envelope with every known message explained, retailCRM's request limits kept for all
 * nodes before it answers 503) and the {@code CrmConnector} built on it: the integration
 * module's registration, {@code telephony/call/event}, {@code telephony/calls/upload} and
 * {@code telephony/manager}.
 */
@NullMarked
package io.callbridge.crm.retailcrm.outbound;

import org.jspecify.annotations.NullMarked;
