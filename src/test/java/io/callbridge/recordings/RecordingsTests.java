package io.callbridge.recordings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The recording fetch job and playback, against the scripted fake provider: the link is
 * fetched after the end of the call (at once when the provider says it is ready), retried
 * while not ready, given up after the last attempt, refreshed when expired, and never
 * shown across tenants.
 */
@IntegrationTest
class RecordingsTests {

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	Calls calls;

	@Autowired
	Recordings recordings;

	@Autowired
	CallRecordings table;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	ApiClient api;

	private long tenant;

	private TelephonyAccount account;

	private TestUser agent;

	@BeforeEach
	void fakeAccount() {
		this.tenant = this.data.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
	}

	@Test
	void recordingReportedAtTheEndIsFetchedAfterTheDelayAndRetriedWhileNotReady() {
		String ref = "rec-" + UUID.randomUUID();
		this.fake.answerRecording(ref, new RecordingLookup.NotReady("File is not ready"),
				FakeTelephonyProvider.found(ref, Instant.now().plus(Duration.ofHours(1))));

		Instant ended = Instant.now();
		Call call = recordedCall(ref, false);

		CallRecording recording = awaitStatus(call, RecordingStatus.AVAILABLE);
		assertThat(recording.link()).isEqualTo("https://records.example/" + ref + ".mp3");
		assertThat(recording.attempts()).isEqualTo(2);
		assertThat(recording.updatedAt()).isAfter(ended.plusSeconds(1));
		assertThat(this.fake.recordingLookups(ref)).isEqualTo(2);
		JsonNode json = this.api.as(this.agent.token()).get("/api/v1/calls/{id}/recording", call.id()).json(200);
		assertThat(json.get("status").asText()).isEqualTo("AVAILABLE");
		assertThat(json.get("link").asText()).endsWith(ref + ".mp3");
	}

	@Test
	void recordingTheProviderSaysIsReadyIsFetchedAtOnceAndRepeatsChangeNothing() {
		String ref = "rec-" + UUID.randomUUID();
		this.fake.answerRecording(ref, FakeTelephonyProvider.found(ref, Instant.now().plus(Duration.ofHours(1))));

		Call call = recordedCall(ref, true);
		awaitStatus(call, RecordingStatus.AVAILABLE);
		this.sink
			.accept(event(call.providerCallId(), CallEventType.RECORDING_AVAILABLE, Instant.now()).recordingRef(ref)
				.dedupeKey("again")
				.build());
		this.recordings.playable(this.tenant, call.id());

		assertThat(this.fake.recordingLookups(ref)).isEqualTo(1);
	}

	@Test
	void fetchIsGivenUpAfterTheLastAttemptWithTheProvidersError() {
		String ref = "rec-" + UUID.randomUUID();
		this.fake.answerRecording(ref,
				new Problems.ProviderFailure(Text.literal("Fake provider: 503 Service Unavailable")));

		Call call = recordedCall(ref, true);

		CallRecording failed = awaitStatus(call, RecordingStatus.FAILED);
		assertThat(failed.attempts()).isEqualTo(3);
		assertThat(failed.lastError()).contains("503 Service Unavailable");
		assertThat(this.fake.recordingLookups(ref)).isEqualTo(3);
	}

	@Test
	void recordingTheProviderDoesNotHaveIsMarkedMissing() {
		String ref = "rec-" + UUID.randomUUID();
		this.fake.answerRecording(ref, new RecordingLookup.Missing("Record not found"));

		Call call = recordedCall(ref, true);

		assertThat(awaitStatus(call, RecordingStatus.MISSING).lastError()).isEqualTo("Record not found");
		JsonNode json = this.api.as(this.agent.token()).get("/api/v1/calls/{id}/recording", call.id()).json(200);
		assertThat(json.get("status").asText()).isEqualTo("MISSING");
		assertThat(json.get("link").isNull()).isTrue();
	}

	@Test
	void expiredLinkIsRefreshedWhenTheRecordingIsPlayed() {
		String ref = "rec-" + UUID.randomUUID();
		this.fake.answerRecording(ref, FakeTelephonyProvider.found(ref, Instant.now().plusSeconds(30)),
				new RecordingLookup.Found(java.net.URI.create("https://records.example/fresh.mp3"),
						Instant.now().plus(Duration.ofHours(1))));
		Call call = recordedCall(ref, true);
		awaitStatus(call, RecordingStatus.AVAILABLE);

		CallRecording played = this.recordings.playable(this.tenant, call.id());

		assertThat(played.link()).isEqualTo("https://records.example/fresh.mp3");
		assertThat(this.fake.recordingLookups(ref)).isEqualTo(2);
	}

	@Test
	void callWithoutRecordingAnswersNotFoundAndOtherTenantsSeeNothing() {
		Call plain = endedCall("plain-" + UUID.randomUUID(), null);
		String ref = "rec-" + UUID.randomUUID();
		this.fake.answerRecording(ref, FakeTelephonyProvider.found(ref, Instant.now().plus(Duration.ofHours(1))));
		Call recorded = recordedCall(ref, true);
		awaitStatus(recorded, RecordingStatus.AVAILABLE);
		TestUser stranger = this.data.anyUser(this.data.anyTenant(), Role.ADMIN);

		this.api.as(this.agent.token()).get("/api/v1/calls/{id}/recording", plain.id()).problem(404, "not-found");
		this.api.as(stranger.token()).get("/api/v1/calls/{id}/recording", recorded.id()).problem(404, "not-found");
		assertThatThrownBy(() -> this.recordings.playable(this.tenant + 100_000, recorded.id()))
			.isInstanceOf(Problems.NotFound.class);
	}

	private CallRecording awaitStatus(Call call, RecordingStatus status) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> this.table.find(this.tenant, call.id()).orElse(null),
					(r) -> r != null && r.status() == status);
	}

	private Call recordedCall(String ref, boolean readyNotification) {
		String id = "call-" + UUID.randomUUID();
		Call call = endedCall(id, readyNotification ? null : ref);
		if (readyNotification) {
			this.sink.accept(event(id, CallEventType.RECORDING_AVAILABLE, Instant.now()).recordingRef(ref).build());
		}
		return call;
	}

	private Call endedCall(String id, String endRef) {
		Instant start = Instant.now().minusSeconds(60);
		this.sink.accept(event(id, CallEventType.STARTED, start).externalNumber("612555100").build());
		this.sink.accept(event(id, CallEventType.ANSWERED, start.plusSeconds(5)).extension("100").build());
		this.sink.accept(event(id, CallEventType.ENDED, start.plusSeconds(50)).result(CallResult.ANSWERED)
			.talkSeconds(45)
			.recordingRef(endRef)
			.build());
		return this.calls.search(this.tenant, io.callbridge.calls.CallFilter.none(), 0, 100)
			.items()
			.stream()
			.filter((c) -> c.providerCallId().equals(id))
			.findFirst()
			.orElseThrow();
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

}
