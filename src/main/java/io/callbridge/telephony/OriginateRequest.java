package io.callbridge.telephony;

import org.jspecify.annotations.Nullable;

/**
 * A click-to-call request as the provider sees it.
 *
 * @param agentExtension the agent's extension or endpoint, rung first
 * @param destination the number to call, in E.164
 * @param callerId an alternative caller identity (endpoint) to call from, where the
 * provider supports it
 */
public record OriginateRequest(String agentExtension, String destination, @Nullable String callerId) {
}
