package io.callbridge.support;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.AccountChecker;
import io.callbridge.telephony.CallHistorySource;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.RecordingSource;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.WebhookRegistrar;

/**
 * An in-memory provider (key {@code fake}) for core tests of the port's optional
 * capabilities: tests script what it answers for recordings and call history and read
 * what was asked of it. Answers are kept per recording reference and per account, so
 * tests sharing the application context do not see each other's script.
 */
public class FakeTelephonyProvider
		implements TelephonyProvider, RecordingSource, CallHistorySource, AccountChecker, WebhookRegistrar {

	/** The provider key accounts of this fake use. */
	public static final String KEY = "fake";

	private final Map<String, Deque<Object>> recordingAnswers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> recordingAsks = new ConcurrentHashMap<>();

	private final Map<Long, List<HistoricCall>> history = new ConcurrentHashMap<>();

	private final Map<Long, List<Instant[]>> historyAsks = new ConcurrentHashMap<>();

	private final Map<Long, String> registered = new ConcurrentHashMap<>();

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public String displayName() {
		return "Fake provider";
	}

	@Override
	public Text label() {
		return Text.literal(displayName());
	}

	@Override
	public Text credentialLabel(String field) {
		return Text.literal(field);
	}

	@Override
	public List<String> credentialFields() {
		return List.of("secret");
	}

	/** One free-text setting, for tests of the settings form. */
	@Override
	public List<SettingField> settingFields() {
		return List.of(SettingField.text("custom", ""));
	}

	private final Map<Long, List<OriginateRequest>> originated = new ConcurrentHashMap<>();

	@Override
	public OriginateResult originate(TelephonyAccount account, Credentials credentials, OriginateRequest request) {
		this.originated.computeIfAbsent(account.id(), (k) -> new CopyOnWriteArrayList<>()).add(request);
		return new OriginateResult.Accepted(null);
	}

	/** The click-to-call requests the account was asked to place. */
	public List<OriginateRequest> originated(long accountId) {
		return this.originated.getOrDefault(accountId, List.of());
	}

	@Override
	public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
		return List.of(new ProviderEndpoint("100", "Fake 100"), new ProviderEndpoint("101", "Fake 101"));
	}

	/**
	 * Scripts the answers to the next lookups of {@code ref}: {@link RecordingLookup}
	 * values, or a {@link RuntimeException} to throw.
	 */
	public void answerRecording(String ref, Object... answers) {
		this.recordingAnswers.computeIfAbsent(ref, (k) -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
	}

	/** How many times {@code ref} was looked up. */
	public int recordingLookups(String ref) {
		return this.recordingAsks.computeIfAbsent(ref, (k) -> new AtomicInteger()).get();
	}

	@Override
	public RecordingLookup findRecording(TelephonyAccount account, Credentials credentials, String recordingRef) {
		this.recordingAsks.computeIfAbsent(recordingRef, (k) -> new AtomicInteger()).incrementAndGet();
		Deque<Object> answers = this.recordingAnswers.getOrDefault(recordingRef, new ConcurrentLinkedDeque<>());
		Object answer = (answers.size() > 1) ? answers.poll() : answers.peek();
		if (answer == null) {
			return new RecordingLookup.NotReady("nothing scripted");
		}
		if (answer instanceof RuntimeException ex) {
			throw ex;
		}
		return (RecordingLookup) answer;
	}

	/** Sets the calls the account's history lists. */
	public void history(long accountId, List<HistoricCall> calls) {
		this.history.put(accountId, new CopyOnWriteArrayList<>(calls));
	}

	/** The periods the account's history was asked for. */
	public List<Instant[]> historyAsks(long accountId) {
		return this.historyAsks.getOrDefault(accountId, List.of());
	}

	@Override
	public List<HistoricCall> callsBetween(TelephonyAccount account, Credentials credentials, Instant from,
			Instant to) {
		this.historyAsks.computeIfAbsent(account.id(), (k) -> new CopyOnWriteArrayList<>())
			.add(new Instant[] { from, to });
		if ("down".equals(credentials.get("secret"))) {
			throw new Problems.ProviderFailure(Text.literal("Fake provider: connection refused"));
		}
		if ("stopping".equals(credentials.get("secret"))) {
			// What an HTTP client does when the node stops during the request: the thread
			// keeps its interrupt, the request fails.
			Thread.currentThread().interrupt();
			throw new Problems.ProviderFailure(Text.literal("Fake provider: request interrupted"));
		}
		List<HistoricCall> found = new ArrayList<>();
		for (HistoricCall call : this.history.getOrDefault(account.id(), List.of())) {
			if (!call.startedAt().isBefore(from) && call.startedAt().isBefore(to)) {
				found.add(call);
			}
		}
		return found;
	}

	@Override
	public Duration reconcileEvery() {
		return Duration.ofMinutes(10);
	}

	@Override
	public CredentialsVerdict verifyCredentials(TelephonyAccount account, Credentials credentials) {
		return switch (String.valueOf(credentials.get("secret"))) {
			case "wrong" -> new CredentialsVerdict.Rejected("Not authorized");
			case "down" -> new CredentialsVerdict.Unreachable("connection refused");
			default -> new CredentialsVerdict.Accepted();
		};
	}

	@Override
	public List<AccountCheck> check(TelephonyAccount account, Credentials credentials, URI webhookUrl) {
		boolean registeredHere = webhookUrl.toString().equals(this.registered.get(account.id()));
		// Named like any provider's checks of these kinds, in both languages.
		return List.of(AccountCheck.of("generic", "credentials", true, Text.literal("Balance 10.00 USD")),
				AccountCheck.of("generic", "webhook", registeredHere,
						Text.literal(registeredHere ? webhookUrl.toString() : "No webhook URL registered")));
	}

	@Override
	public Text registerWebhook(TelephonyAccount account, Credentials credentials, URI webhookUrl) {
		this.registered.put(account.id(), webhookUrl.toString());
		return Text.literal("Registered " + webhookUrl);
	}

	/** A recording found at a fake address. */
	public static RecordingLookup found(String ref, Instant expiresAt) {
		return new RecordingLookup.Found(URI.create("https://records.example/" + ref + ".mp3"), expiresAt);
	}

}
