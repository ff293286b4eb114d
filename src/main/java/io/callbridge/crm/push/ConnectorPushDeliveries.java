package io.callbridge.crm.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnector;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmProperties;
import io.callbridge.crm.CrmPush;
import io.callbridge.crm.push.PushMessages.CallEventData;
import io.callbridge.crm.push.PushMessages.CallUploadData;
import io.callbridge.webhooks.ConnectorAnswer;
import io.callbridge.webhooks.ConnectorAnswer.Outcome;
import io.callbridge.webhooks.ConnectorDeliveries;
import io.callbridge.webhooks.ConnectorMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Delivers the CRM connections' outbox messages: reads the message's data, finds the
 * connection and the call, builds the push from the call as it is now, and has the
 * connection's connector send it; the CRM's answer settles the delivery (taken, to be
 * retried, or refused for good and kept replayable). An upload that says nothing new
 * since the last one the CRM took is not sent again. What the CRM said it does not know
 * (codes, users) is noted on the connection. Never throws.
 */
@Component
class ConnectorPushDeliveries implements ConnectorDeliveries {

	static final String UNCHANGED = "unchanged since the last upload; not sent again";

	static final String STALE = "held back %s and the call is over: a pop-up now would mislead; not sent";

	private static final Logger log = LoggerFactory.getLogger(ConnectorPushDeliveries.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CrmDirectory directory;

	private final Calls calls;

	private final PushBuilder builder;

	private final CallPushLog pushLog;

	private final DatabaseClock clock;

	private final CrmProperties properties;

	ConnectorPushDeliveries(CrmDirectory directory, Calls calls, PushBuilder builder, CallPushLog pushLog,
			DatabaseClock clock, CrmProperties properties) {
		this.properties = properties;
		this.directory = directory;
		this.calls = calls;
		this.builder = builder;
		this.pushLog = pushLog;
		this.clock = clock;
	}

	@Override
	public ConnectorAnswer deliver(ConnectorMessage message) {
		long start = System.nanoTime();
		try {
			return deliver(message, start);
		}
		catch (JacksonException ex) {
			return failed(null, "Not a CRM push: " + ex.getOriginalMessage(), start);
		}
		catch (RuntimeException ex) {
			// A database or connector fault: the outbox tries again by its schedule.
			log.warn("CRM push {} failed", message.messageId(), ex);
			return answer(Outcome.RETRY, null, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null, null,
					start);
		}
	}

	private ConnectorAnswer deliver(ConnectorMessage message, long start) {
		long connectionId;
		long callId;
		CallEventData event = null;
		switch (message.eventType()) {
			case PushMessages.EVENT -> {
				event = JSON.readValue(message.data(), CallEventData.class);
				connectionId = event.connectionId();
				callId = event.callId();
			}
			case PushMessages.UPLOAD -> {
				CallUploadData upload = JSON.readValue(message.data(), CallUploadData.class);
				connectionId = upload.connectionId();
				callId = upload.callId();
			}
			default -> {
				return failed(null, "Not a CRM push: " + message.eventType(), start);
			}
		}
		Optional<CrmConnection> connection = this.directory.find(message.tenantId(), connectionId);
		if (connection.isEmpty()) {
			return failed(null, "The CRM connection no longer exists", start);
		}
		if (!connection.get().enabled()) {
			// Its endpoint is disabled with it, so this waits until it is enabled again.
			return answer(Outcome.RETRY, null, "The CRM connection is disabled", null, null, start);
		}
		Optional<Call> call = this.calls.find(message.tenantId(), callId);
		if (call.isEmpty()) {
			return failed(null, "The call no longer exists", start);
		}
		return (event != null) ? sendEvent(connection.get(), call.get(), event, start)
				: sendUpload(connection.get(), call.get(), start);
	}

	private ConnectorAnswer sendEvent(CrmConnection connection, Call call, CallEventData event, long start) {
		// A pop-up (or outgoing event) held back by an outage for a call that is over by
		// now misleads; its hang-up still goes, closing a pop-up the CRM may show.
		if (event.type() != CrmCallEventType.HANGUP && call.endedAt() != null && event.plannedAt() != null) {
			Duration waited = Duration.between(event.plannedAt(), this.clock.now());
			if (waited.compareTo(this.properties.liveEventMaxAge()) > 0) {
				return answer(Outcome.DELIVERED, null, null, STALE.formatted(waited.withNanos(0)), null, start);
			}
		}
		CrmPush.CallEvent push = this.builder.event(connection, call, event);
		CrmDeliveryResult result = connector(connection).deliver(connection, this.directory.secrets(connection), push);
		return settled(connection, result, start);
	}

	private ConnectorAnswer sendUpload(CrmConnection connection, Call call, long start) {
		Optional<PushBuilder.Upload> built = this.builder.upload(connection, call);
		if (built.isEmpty()) {
			return answer(Outcome.RETRY, null, "The call has no result yet", null, null, start);
		}
		PushBuilder.Upload upload = built.get();
		if (this.pushLog.lastUpload(connection.id(), call.id()).filter(upload.fingerprint()::equals).isPresent()) {
			return answer(Outcome.DELIVERED, null, null, UNCHANGED, null, start);
		}
		CrmDeliveryResult result = connector(connection).deliver(connection, this.directory.secrets(connection),
				upload.push());
		if (result instanceof CrmDeliveryResult.Delivered delivered) {
			this.pushLog.uploaded(connection.id(), call.id(), call.tenantId(), upload.fingerprint(), this.clock.now(),
					delivered.duplicate());
		}
		return settled(connection, result, start);
	}

	private CrmConnector connector(CrmConnection connection) {
		return this.directory.connector(connection.connector());
	}

	private ConnectorAnswer settled(CrmConnection connection, CrmDeliveryResult result, long start) {
		return switch (result) {
			case CrmDeliveryResult.Delivered delivered -> {
				if (!delivered.unknownCodes().isEmpty() || !delivered.unknownUserIds().isEmpty()) {
					this.directory.reportUnknown(connection.id(), delivered.unknownCodes(), delivered.unknownUserIds());
				}
				yield answer(Outcome.DELIVERED, delivered.status(), null, excerpt(delivered), null, start);
			}
			case CrmDeliveryResult.Retry retry ->
				answer(Outcome.RETRY, retry.status(), retry.error(), null, retry.retryAfter(), start);
			case CrmDeliveryResult.Rejected rejected ->
				answer(Outcome.FAILED, rejected.status(), rejected.error(), null, null, start);
		};
	}

	// The CRM's answer with what it implies, so the delivery log tells the whole story.
	private static String excerpt(CrmDeliveryResult.Delivered delivered) {
		List<String> notes = new ArrayList<>();
		if (delivered.duplicate()) {
			notes.add("the CRM already had this call");
		}
		if (!delivered.unknownCodes().isEmpty()) {
			notes.add("unknown codes: " + String.join(", ", delivered.unknownCodes()));
		}
		if (!delivered.unknownUserIds().isEmpty()) {
			notes.add("unknown users: " + String.join(", ", delivered.unknownUserIds()));
		}
		return notes.isEmpty() ? delivered.answer() : "[" + String.join("; ", notes) + "] " + delivered.answer();
	}

	private static ConnectorAnswer failed(@Nullable Integer status, String error, long start) {
		return answer(Outcome.FAILED, status, error, null, null, start);
	}

	private static ConnectorAnswer answer(Outcome outcome, @Nullable Integer status, @Nullable String error,
			@Nullable String excerpt, @Nullable Duration retryAfter, long start) {
		return new ConnectorAnswer(outcome, status, Duration.ofNanos(System.nanoTime() - start).toMillis(), error,
				excerpt, retryAfter);
	}

}
