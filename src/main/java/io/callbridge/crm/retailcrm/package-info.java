/**
 * The retailCRM (Simla) connector: {@code outbound} (its API client: the integration
 * module's registration, {@code telephony/call/event}, {@code telephony/calls/upload},
 * {@code telephony/manager}, with its key, form-encoded JSON fields and request limits)
 * and {@code inbound} (the {@code makeCallUrl} and {@code changeUserStatusUrl} requests
 * retailCRM sends). The root holds what both sides share. Protocol facts:
 * ../shared/protocols/uis-retailcrm.md Part A.
 */
@ApplicationModule(displayName = "retailCRM connector",
		allowedDependencies = { "crm", "telephony", "coordination", "shared", "tenants" })
@NullMarked
package io.callbridge.crm.retailcrm;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
