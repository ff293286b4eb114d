/**
 * The CallMyWay provider: a polled provider with no webhooks. {@code outbound} is the
 * HTTP API client (Click2Dial, endpoints, CDRs) behind the telephony port;
 * {@code inbound} polls the live calls of each account, never more than once every 4
 * seconds, and turns the differences between polls into normalized call events.
 */
@NullMarked
package io.callbridge.telephony.callmyway;

import org.jspecify.annotations.NullMarked;
