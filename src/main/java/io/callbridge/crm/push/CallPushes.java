package io.callbridge.crm.push;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.push.PushMessages.CallEventData;
import io.callbridge.crm.push.PushMessages.CallUploadData;
import io.callbridge.crm.push.PushMessages.UploadReason;
import io.callbridge.shared.ConfigCache;
import io.callbridge.telephony.CallDirection;
import io.callbridge.webhooks.WebhookOutbox;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a call's facts into messages for each enabled connection serving its account, in
 * the order a CRM expects them: the live events first (INCOMING once per agent rung on an
 * inbound call, OUTGOING once per outbound call), then HANGUP once, then the uploads. The
 * facts of one call are handled on several threads (and nodes) at once, so each
 * connection's pushes of a call are planned under a lock, from what was already enqueued:
 * whichever fact comes first enqueues what the call's state implies before it (an end
 * enqueues the ringing it follows), a live event is never enqueued after the hangup or an
 * upload, and a repeated fact enqueues nothing. Internal calls are not pushed.
 */
@Service
class CallPushes {

	static final String OUTGOING = "OUTGOING";

	static final String HANGUP = "HANGUP";

	static final String ENDED = "ENDED";

	static final String UPLOAD = "UPLOAD";

	private static final String ANY_ENABLED = "crm-any-enabled";

	private final Calls calls;

	private final CrmDirectory directory;

	private final CallPushLog log;

	private final WebhookOutbox outbox;

	private final DatabaseClock clock;

	private final ConfigCache config;

	CallPushes(Calls calls, CrmDirectory directory, CallPushLog log, WebhookOutbox outbox, DatabaseClock clock,
			ConfigCache config) {
		this.config = config;
		this.calls = calls;
		this.directory = directory;
		this.log = log;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Whether the tenant may have a connection to push to, through the tenant's
	 * configuration cache: a tenant without CRM pays no read of the call and its
	 * connections per fact, and no query of its own per transaction.
	 */
	boolean mayPush(long tenantId) {
		return this.config.get(ANY_ENABLED, tenantId, tenantId, () -> this.directory.anyEnabled(tenantId));
	}

	/**
	 * An agent is rung, answers or takes over a live call (for an outbound call: the
	 * agent calling).
	 */
	@Transactional
	void live(long tenantId, long callId, @Nullable Long agentId) {
		forEachConnection(tenantId, callId, (push) -> push.start(agentId));
	}

	/** The call ended; {@code fromHistory}: known only from the provider's records. */
	@Transactional
	void ended(long tenantId, long callId, boolean fromHistory) {
		forEachConnection(tenantId, callId, (push) -> push.finish(!fromHistory, UploadReason.ENDED));
	}

	/** The finished call's outcome was corrected. */
	@Transactional
	void corrected(long tenantId, long callId, boolean fromHistory) {
		// Never live events: the call is over, and one with no hang-up sent yet predates
		// the connection (or its account joined it later).
		forEachConnection(tenantId, callId, (push) -> push.finish(false, UploadReason.CORRECTED));
	}

	/** The call's recording became available. */
	@Transactional
	void recordingAvailable(long tenantId, long callId) {
		forEachConnection(tenantId, callId, (push) -> push.finish(false, UploadReason.RECORDING));
	}

	private void forEachConnection(long tenantId, long callId, Consumer<Push> action) {
		Optional<Call> found = this.calls.find(tenantId, callId);
		if (found.isEmpty() || found.get().direction() == CallDirection.INTERNAL) {
			return;
		}
		Call call = found.get();
		// In id order, so two facts of a call lock their connections' rows in the same
		// order.
		List<CrmConnection> connections = this.directory.serving(tenantId, call.accountId())
			.stream()
			.filter((connection) -> connection.endpointId() != null)
			.sorted(Comparator.comparingLong(CrmConnection::id))
			.toList();
		for (CrmConnection connection : connections) {
			Instant now = this.clock.now();
			Set<String> pushed = this.log.lock(connection.id(), callId, tenantId, now);
			action.accept(new Push(connection, call, pushed, now));
		}
	}

	static String incoming(long agentId) {
		return "INCOMING:" + agentId;
	}

	/** One connection's pushes of one call, planned under its lock. */
	private final class Push {

		private final CrmConnection connection;

		private final Call call;

		private final Set<String> pushed;

		private final Instant now;

		Push(CrmConnection connection, Call call, Set<String> pushed, Instant now) {
			this.connection = connection;
			this.call = call;
			this.pushed = pushed;
			this.now = now;
		}

		void start(@Nullable Long agentId) {
			if (!liveOpen()) {
				return;
			}
			if (inbound()) {
				if (agentId != null) {
					incomingAt(agentId);
				}
			}
			else {
				outgoing((agentId != null) ? agentId : caller());
			}
		}

		void finish(boolean live, UploadReason reason) {
			if (live && liveOpen()) {
				startsBeforeTheEnd();
				// A hangup closes the pop-ups the CRM opened: none without them.
				if (this.pushed.stream().anyMatch((p) -> p.equals(OUTGOING) || p.startsWith("INCOMING:"))) {
					event(CrmCallEventType.HANGUP, this.call.agentId(), HANGUP);
				}
			}
			if (reason == UploadReason.ENDED && this.pushed.contains(ENDED)) {
				return;
			}
			if (enqueue(PushMessages.UPLOAD, new CallUploadData(this.connection.id(), this.call.id(), reason))) {
				note(UPLOAD);
				if (reason == UploadReason.ENDED) {
					note(ENDED);
				}
			}
		}

		// The live events the call's end follows, when their own facts have not been
		// handled yet.
		private void startsBeforeTheEnd() {
			if (!inbound()) {
				outgoing(caller());
				return;
			}
			Set<Long> agents = new LinkedHashSet<>(
					CallPushes.this.calls.rangAgents(this.call.tenantId(), List.of(this.call.id()))
						.getOrDefault(this.call.id(), List.of()));
			if (this.call.agentId() != null) {
				agents.add(this.call.agentId());
			}
			agents.forEach(this::incomingAt);
		}

		private void incomingAt(long agentId) {
			if (!this.pushed.contains(incoming(agentId))) {
				event(CrmCallEventType.INCOMING, agentId, incoming(agentId));
			}
		}

		private void outgoing(@Nullable Long agentId) {
			if (!this.pushed.contains(OUTGOING)) {
				event(CrmCallEventType.OUTGOING, agentId, OUTGOING);
			}
		}

		private void event(CrmCallEventType type, @Nullable Long agentId, String key) {
			if (enqueue(PushMessages.EVENT,
					new CallEventData(this.connection.id(), this.call.id(), type, agentId, this.now))) {
				note(key);
			}
		}

		private boolean enqueue(String type, Object data) {
			return CallPushes.this.outbox
				.enqueueToConnector(Objects.requireNonNull(this.connection.endpointId()), this.call.tenantId(), type,
						PushMessages.orderKey(this.call.id()), data, false)
				.isPresent();
		}

		private void note(String key) {
			if (this.pushed.add(key)) {
				CallPushes.this.log.add(this.connection.id(), this.call.id(), key, this.now);
			}
		}

		// Who made an outbound call: the agent who asked for it, else the one on it.
		private @Nullable Long caller() {
			return (this.call.originatedBy() != null) ? this.call.originatedBy() : this.call.agentId();
		}

		private boolean liveOpen() {
			return !this.pushed.contains(HANGUP) && !this.pushed.contains(UPLOAD);
		}

		private boolean inbound() {
			return this.call.direction() == CallDirection.INBOUND;
		}

	}

}
