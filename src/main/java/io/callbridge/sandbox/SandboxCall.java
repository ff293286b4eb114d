package io.callbridge.sandbox;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A call in progress on the sandbox PBX, as its control panel shows it.
 *
 * @param id the sandbox's call id
 * @param accountId the sandbox account
 * @param direction {@code inbound} or {@code outbound}
 * @param number the outside party
 * @param line our number
 * @param ringing extensions ringing now
 * @param answeredBy the extension talking, once answered
 * @param state {@code ringing}, {@code talking} or {@code ended}
 * @param callerName the name the desk phone shows (from the call-start decision)
 * @param startedAt start
 */
public record SandboxCall(String id, long accountId, String direction, String number, String line, List<String> ringing,
		@Nullable String answeredBy, String state, @Nullable String callerName, Instant startedAt) {
}
