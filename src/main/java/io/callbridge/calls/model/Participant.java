package io.callbridge.calls.model;

import org.jspecify.annotations.Nullable;

/**
 * An extension involved in a call and the agent on it, if known.
 *
 * @param extension the extension
 * @param agentId the agent
 */
public record Participant(String extension, @Nullable Long agentId) {
}
