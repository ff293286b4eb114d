/**
 * The CallMyWay provider: a polled provider with no webhooks. {@code outbound} is the
 * HTTP API client (Click2Dial, endpoints, CDRs) behind the telephony port;
 * {@code inbound} polls the live calls of each account, never more than once every 4
 * seconds, and turns the differences between polls into normalized call events.
 */
@ApplicationModule(displayName = "CallMyWay", allowedDependencies = { "telephony", "shared", "tenants" })
@NullMarked
package io.callbridge.callmyway;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
