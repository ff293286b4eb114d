package io.callbridge.crm.push;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmFixture;
import io.callbridge.crm.FakeCrmConnector;
import io.callbridge.crm.push.RecordingLinks.Verdict;
import io.callbridge.recordings.RecordingStatus;
import io.callbridge.recordings.Recordings;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The signed recording links given to CRMs: each names one call for one connection until
 * it expires, and any change to it is refused; played, it redirects to the provider's
 * link once the recording is fetched, says when to come back while it is not, and tells a
 * call without a recording, a bad or expired link and a gone connection apart, in English
 * and Spanish.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class RecordingLinkTests {

	@Autowired
	TenantFixture tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	Calls calls;

	@Autowired
	Recordings recordings;

	@Autowired
	FakeTelephonyProvider provider;

	@Autowired
	CrmConnections connections;

	@Autowired
	CrmDirectory directory;

	@Autowired
	RecordingLinks links;

	@Autowired
	ApiClient api;

	private long tenant;

	private TelephonyAccount account;

	private CrmConnection connection;

	@BeforeEach
	void connection() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.connection = connect();
	}

	@Test
	void aLinkNamesOneCallForOneConnectionUntilItExpires() {
		Link link = Link.of(this.links.link(this.connection, 42));

		assertThat(link.base()).isEqualTo("http://callbridge.test/webhooks/crm/recordings/42");
		assertThat(link.tenant()).isEqualTo(this.tenant);
		assertThat(link.connection()).isEqualTo(this.connection.id());
		assertThat(Instant.ofEpochSecond(link.expires())).isBetween(Instant.now().plus(Duration.ofDays(89)),
				Instant.now().plus(Duration.ofDays(91)));
		assertThat(verify(link)).isEqualTo(Verdict.VALID);
		assertThat(this.links.verify(link.tenant(), 43, link.connection(), link.expires(), link.signature()))
			.isEqualTo(Verdict.INVALID);
		assertThat(this.links.verify(link.tenant(), 42, link.connection() + 1, link.expires(), link.signature()))
			.isEqualTo(Verdict.INVALID);
		assertThat(this.links.verify(link.tenant() + 1, 42, link.connection(), link.expires(), link.signature()))
			.isEqualTo(Verdict.INVALID);
		assertThat(this.links.verify(link.tenant(), 42, link.connection(), link.expires() + 86_400, link.signature()))
			.isEqualTo(Verdict.INVALID);
		assertThat(this.links.verify(link.tenant(), 42, link.connection(), link.expires(), "not*base64"))
			.isEqualTo(Verdict.INVALID);
		long past = Instant.now().minusSeconds(5).getEpochSecond();
		assertThat(this.links.verify(this.tenant, 42, this.connection.id(), past,
				this.links.signature(this.tenant, 42, this.connection.id(), past)))
			.isEqualTo(Verdict.EXPIRED);
	}

	@Test
	void aFetchedRecordingRedirectsToTheProvidersLink() {
		String ref = "ref-" + UUID.randomUUID();
		this.provider.answerRecording(ref, FakeTelephonyProvider.found(ref, Instant.now().plus(Duration.ofHours(1))));
		Call call = endedCall(ref);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.recordings.status(this.tenant, call.id()).status() == RecordingStatus.AVAILABLE);

		ApiResponse answer = play(this.links.link(this.connection, call.id()), null);

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.headers().getLocation()).isEqualTo(URI.create("https://records.example/" + ref + ".mp3"));
	}

	@Test
	void aRecordingNotFetchedYetIsA503WithRetryAfter() {
		String ref = "ref-" + UUID.randomUUID();
		List<Object> notReady = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			notReady.add(new RecordingLookup.NotReady("File is not ready"));
		}
		this.provider.answerRecording(ref, notReady.toArray());
		Call call = endedCall(ref);

		ApiResponse answer = play(this.links.link(this.connection, call.id()), "es");

		assertThat(answer.problem(503, "unavailable").path("detail").asString())
			.isEqualTo("La grabación aún no está lista; inténtelo más tarde.");
		assertThat(Long.parseLong(answer.headers().getFirst("Retry-After"))).isPositive();
	}

	@Test
	void aCallWithoutRecordingOrWhoseRecordingIsMissingIsA404() {
		Call plain = endedCall(null);
		String ref = "ref-" + UUID.randomUUID();
		this.provider.answerRecording(ref, new RecordingLookup.Missing("Record not found"));
		Call missing = endedCall(ref);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.recordings.status(this.tenant, missing.id()).status() == RecordingStatus.MISSING);

		play(this.links.link(this.connection, plain.id()), null).problem(404, "not-found");
		assertThat(play(this.links.link(this.connection, missing.id()), null).problem(404, "not-found")
			.path("detail")
			.asString()).isEqualTo("The provider has no recording of this call.");
		play(this.links.link(this.connection, 999_999_999L), null).problem(404, "not-found");
	}

	@Test
	void aBadExpiredOrOrphanedLinkIsA403() {
		Call call = endedCall(null);
		Link link = Link.of(this.links.link(this.connection, call.id()));
		long past = Instant.now().minusSeconds(5).getEpochSecond();
		String expired = link.base() + "?t=" + this.tenant + "&c=" + this.connection.id() + "&e=" + past + "&s="
				+ this.links.signature(this.tenant, call.id(), this.connection.id(), past);
		String tampered = link.base() + "?t=" + this.tenant + "&c=" + this.connection.id() + "&e="
				+ (link.expires() + 1) + "&s=" + link.signature();

		assertThat(play(tampered, null).problem(403, "forbidden").path("detail").asString())
			.isEqualTo("This recording link is not valid.");
		assertThat(play(expired, "es").problem(403, "forbidden").path("detail").asString())
			.isEqualTo("Este enlace de grabación ha caducado.");
		play(link.base() + "?t=" + this.tenant, null).problem(403, "forbidden");
		play("http://callbridge.test/webhooks/crm/recordings/abc?t=1&c=2&e=3&s=x", null).problem(403, "forbidden");

		ConnectionView view = this.connections.get(this.tenant, this.connection.id());
		this.connections.update(this.tenant, view.id(), CrmFixture.changed(view, false, false, Map.of()));
		assertThat(play(link.url(), null).problem(403, "forbidden").path("detail").asString())
			.isEqualTo("The CRM connection of this recording link no longer exists or is disabled.");
		this.connections.delete(this.tenant, view.id());
		play(link.url(), null).problem(403, "forbidden");
	}

	private CrmConnection connect() {
		ConnectionView view = this.connections.create(this.tenant, CrmFixture.anyConnection(this.account.id()));
		return this.directory.find(this.tenant, view.id()).orElseThrow();
	}

	private Verdict verify(Link link) {
		return this.links.verify(link.tenant(), Long.parseLong(link.base().substring(link.base().lastIndexOf('/') + 1)),
				link.connection(), link.expires(), link.signature());
	}

	// The link's path and query on this server.
	private ApiResponse play(String link, @Nullable String language) {
		URI uri = URI.create(link);
		ApiClient.Caller caller = this.api.anonymous();
		if (language != null) {
			caller = caller.speaking(language);
		}
		return caller.get(uri.getRawPath() + "?" + uri.getRawQuery());
	}

	private Call endedCall(@Nullable String ref) {
		String id = "call-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(60);
		this.sink.acceptCall(List.of(event(id, CallEventType.STARTED, start).externalNumber("612555100").build(),
				event(id, CallEventType.ENDED, start.plusSeconds(50)).result(CallResult.ANSWERED)
					.talkSeconds(45)
					.recordingRef(ref)
					.build()));
		return this.calls.search(this.tenant, CallFilter.none(), 0, 100)
			.items()
			.stream()
			.filter((c) -> c.providerCallId().equals(id))
			.findFirst()
			.orElseThrow();
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at)
			.direction(CallDirection.INBOUND)
			.source(EventSource.HISTORY)
			.rawPayload("{}");
	}

	/** A link taken apart. */
	private record Link(String url, String base, long tenant, long connection, long expires, String signature) {

		static Link of(String url) {
			Map<String, List<String>> query = UriComponentsBuilder.fromUriString(url).build().getQueryParams();
			return new Link(url, url.substring(0, url.indexOf('?')), Long.parseLong(query.get("t").get(0)),
					Long.parseLong(query.get("c").get(0)), Long.parseLong(query.get("e").get(0)),
					query.get("s").get(0));
		}

	}

}
