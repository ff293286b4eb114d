/**
 * The UIS provider (the platform also sold as CoMagic, CallGear and Novofon):
 * {@code inbound} (the HTTP notifications the admin configures in UIS, their secret,
 * their mapping to normalized events, and interactive call processing) and
 * {@code outbound} (the JSON-RPC Call API and Data API client: click-to-call, call
 * reports and legs, employees and their availability, point limits). The root holds what
 * both sides share. Protocol facts: ../shared/protocols/uis-retailcrm.md Part B.
 */
@ApplicationModule(displayName = "UIS", allowedDependencies = { "telephony", "coordination", "shared", "tenants" })
@NullMarked
package io.callbridge.uis;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
