package io.callbridge.crm.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmPush;
import io.callbridge.crm.push.PushMessages.CallEventData;
import io.callbridge.recordings.CallRecording;
import io.callbridge.recordings.Recordings;
import io.callbridge.shared.Problems;
import io.callbridge.telephony.CallDirection;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Builds a push from the call as it is when it is sent: the customer's number (E.164 when
 * valid), the managers as the connection's CRM knows them, and for an upload the result,
 * times, local zone (the connection's {@code timeZone} setting, else the tenant's) and a
 * signed link to the recording while the provider has one. An upload's fingerprint
 * (result, talk and wait times, manager, whether the recording is there) tells whether it
 * says anything the CRM was not told.
 */
@Component
class PushBuilder {

	/** The connection setting naming the zone the CRM's local times are in. */
	static final String TIME_ZONE = "timeZone";

	private final Calls calls;

	private final CrmDirectory directory;

	private final Tenants tenants;

	private final Recordings recordings;

	private final RecordingLinks links;

	PushBuilder(Calls calls, CrmDirectory directory, Tenants tenants, Recordings recordings, RecordingLinks links) {
		this.calls = calls;
		this.directory = directory;
		this.tenants = tenants;
		this.recordings = recordings;
		this.links = links;
	}

	/** A live event; a hangup is for every agent the call rang and the one who had it. */
	CrmPush.CallEvent event(CrmConnection connection, Call call, CallEventData data) {
		Set<Long> agents = new LinkedHashSet<>();
		if (data.type() == CrmCallEventType.HANGUP) {
			agents.addAll(involved(call));
		}
		else if (data.agentId() != null) {
			agents.add(data.agentId());
		}
		List<CrmManager> managers = agents.stream()
			.flatMap((agent) -> this.directory.manager(connection, agent).stream())
			.toList();
		return new CrmPush.CallEvent(call.id(), data.type(), phone(call), managers, call.ourLine(),
				Long.toString(call.id()), (data.type() == CrmCallEventType.HANGUP) ? call.result() : null);
	}

	/** The finished call for the CRM's history; empty while the call has no result. */
	Optional<Upload> upload(CrmConnection connection, Call call) {
		if (call.result() == null) {
			return Optional.empty();
		}
		Long agent = (call.agentId() != null) ? call.agentId() : call.originatedBy();
		CrmManager manager = (agent != null) ? this.directory.manager(connection, agent).orElse(null) : null;
		Recording recording = recording(call);
		String recordUrl = recording.linked() ? this.links.link(connection, call.id()) : null;
		CrmPush.CallUpload push = new CrmPush.CallUpload(call.id(), Long.toString(call.id()), call.direction(),
				call.startedAt(), zone(connection), phone(call), manager, call.result(), talkSeconds(call),
				waitSeconds(call), recordUrl, call.ourLine());
		return Optional.of(new Upload(push, fingerprint(push, recording)));
	}

	private Set<Long> involved(Call call) {
		Set<Long> agents = new LinkedHashSet<>();
		if (call.direction() == CallDirection.INBOUND) {
			agents
				.addAll(this.calls.rangAgents(call.tenantId(), List.of(call.id())).getOrDefault(call.id(), List.of()));
			if (call.agentId() != null) {
				agents.add(call.agentId());
			}
		}
		else if (call.originatedBy() != null || call.agentId() != null) {
			agents.add((call.originatedBy() != null) ? call.originatedBy() : call.agentId());
		}
		return agents;
	}

	private ZoneId zone(CrmConnection connection) {
		String setting = connection.setting(TIME_ZONE);
		if (setting != null && !setting.isBlank()) {
			try {
				return ZoneId.of(setting.strip());
			}
			catch (DateTimeException ex) {
				// An unknown zone falls back to the tenant's, like no setting at all.
			}
		}
		return this.tenants.get(connection.tenantId()).timeZone();
	}

	// A recording the provider says it has not (or cannot fetch) gets no link: it would
	// only answer 404.
	private Recording recording(Call call) {
		if (call.recordingRef() == null || call.recordingRef().isBlank()) {
			return Recording.NONE;
		}
		try {
			CallRecording recording = this.recordings.status(call.tenantId(), call.id());
			return switch (recording.status()) {
				case AVAILABLE -> Recording.AVAILABLE;
				case MISSING, UNSUPPORTED -> Recording.NONE;
				case PENDING, FAILED -> Recording.PENDING;
			};
		}
		catch (Problems.NotFound ex) {
			return Recording.NONE;
		}
	}

	static String phone(Call call) {
		if (call.externalNumber() != null) {
			return call.externalNumber();
		}
		return (call.externalNumberRaw() != null) ? call.externalNumberRaw() : "";
	}

	static int talkSeconds(Call call) {
		if (call.talkSeconds() != null) {
			return call.talkSeconds();
		}
		return seconds(call.answeredAt(), call.endedAt());
	}

	// Until it was answered, or until it ended when nobody answered.
	static int waitSeconds(Call call) {
		if (call.answeredAt() != null) {
			return (call.ringSeconds() != null) ? call.ringSeconds() : seconds(call.startedAt(), call.answeredAt());
		}
		if (call.totalSeconds() != null) {
			return call.totalSeconds();
		}
		return (call.endedAt() != null) ? seconds(call.startedAt(), call.endedAt())
				: (call.ringSeconds() != null) ? call.ringSeconds() : 0;
	}

	private static int seconds(@Nullable Instant from, @Nullable Instant to) {
		if (from == null || to == null || to.isBefore(from)) {
			return 0;
		}
		return (int) Duration.between(from, to).toSeconds();
	}

	static String fingerprint(CrmPush.CallUpload upload, Recording recording) {
		CrmManager manager = upload.manager();
		String text = String.join("|", upload.result().name(), Integer.toString(upload.talkSeconds()),
				Integer.toString(upload.waitSeconds()), (manager != null) ? String.valueOf(manager.crmUserId()) : "",
				(manager != null) ? String.valueOf(manager.code()) : "",
				// Whether a link goes, not the fetch's state: the link is the same before
				// and after the recording is fetched.
				Boolean.toString(recording.linked()));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * An upload with its fingerprint.
	 *
	 * @param push what is sent
	 * @param fingerprint what it says, for telling an unchanged upload
	 */
	record Upload(CrmPush.CallUpload push, String fingerprint) {
	}

	/** Where the call's recording stands, as far as the CRM is concerned. */
	enum Recording {

		/** None, or the provider has none. */
		NONE,
		/** Recorded, not fetched yet: the link answers 503 until it is. */
		PENDING,
		/** Playable. */
		AVAILABLE;

		boolean linked() {
			return this != NONE;
		}

	}

}
