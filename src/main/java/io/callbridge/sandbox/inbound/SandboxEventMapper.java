package io.callbridge.sandbox.inbound;

import java.util.Optional;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.sandbox.SandboxNotification;
import org.jspecify.annotations.Nullable;

/**
 * Maps a sandbox notification to a normalized call event, exactly as a real provider's
 * webhook mapper does with its payload.
 */
final class SandboxEventMapper {

	private SandboxEventMapper() {
	}

	static Optional<ProviderCallEvent> map(long accountId, SandboxNotification n) {
		CallEventType type = switch (n.event()) {
			case "call.started" -> CallEventType.STARTED;
			case "call.ringing" -> CallEventType.RINGING;
			case "call.answered" -> CallEventType.ANSWERED;
			case "call.transferred" -> CallEventType.TRANSFERRED;
			case "call.ended" -> CallEventType.ENDED;
			default -> null;
		};
		if (type == null) {
			return Optional.empty();
		}
		CallDirection direction = direction(n);
		ProviderCallEvent.Builder event = ProviderCallEvent.of(accountId, n.callId(), type, n.at())
			.direction(direction)
			.rawPayload(n.toJson());
		switch (type) {
			case STARTED -> event.externalNumber(outside(n, direction)).ourLine(line(n, direction));
			case RINGING, ANSWERED -> event.extension(n.field("extension"));
			case TRANSFERRED -> event.extension(n.field("to_extension")).transferFrom(n.field("from_extension"));
			case ENDED -> event.result(result(n.field("disposition"), direction)).extension(n.field("last_extension"));
			case RECORDING_AVAILABLE -> {
			}
		}
		return Optional.of(event.build());
	}

	private static @Nullable CallDirection direction(SandboxNotification n) {
		String direction = n.field("direction");
		if (direction == null) {
			return n.callId().startsWith("sbx-out-") ? CallDirection.OUTBOUND : CallDirection.INBOUND;
		}
		return "outbound".equals(direction) ? CallDirection.OUTBOUND : CallDirection.INBOUND;
	}

	private static @Nullable String outside(SandboxNotification n, @Nullable CallDirection direction) {
		return (direction == CallDirection.OUTBOUND) ? n.field("to") : n.field("from");
	}

	private static @Nullable String line(SandboxNotification n, @Nullable CallDirection direction) {
		return (direction == CallDirection.OUTBOUND) ? null : n.field("to");
	}

	// For an inbound call, the caller giving up while it rings is a missed call; on an
	// outbound call it means
	// our side cancelled it.
	private static CallResult result(@Nullable String disposition, @Nullable CallDirection direction) {
		if (disposition == null) {
			return CallResult.MISSED;
		}
		return switch (disposition) {
			case "answered" -> CallResult.ANSWERED;
			case "busy", "rejected" -> CallResult.BUSY;
			case "no answer" -> CallResult.MISSED;
			case "cancel" -> (direction == CallDirection.OUTBOUND) ? CallResult.CANCELLED : CallResult.MISSED;
			default -> CallResult.FAILED;
		};
	}

}
