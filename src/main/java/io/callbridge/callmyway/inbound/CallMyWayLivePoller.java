package io.callbridge.callmyway.inbound;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.ProviderPolls;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyFailure;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApi;
import io.callbridge.callmyway.CallMyWayCdr;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the live calls of every enabled CallMyWay account and feeds the differences to
 * the core as call events, for the agents' pop-ups. Each account is polled at most once
 * every 4 seconds across all nodes ({@link ProviderPolls}), more slowly while CallMyWay
 * is slow or failing; the previous poll's snapshot is stored with the schedule, so any
 * node can compute the next differences. Its request is urgent: it takes the account's
 * next CallMyWay turn before CDR pages, endpoint lists and checks, and the time it waits
 * for that turn does not count as CallMyWay being slow.
 */
@Component
class CallMyWayLivePoller implements DisposableBean {

	static final String KIND = "live";

	private static final String PROVIDER = "callmyway";

	static final Duration MAXIMUM = Duration.ofSeconds(60);

	private static final Logger log = LoggerFactory.getLogger(CallMyWayLivePoller.class);

	private static final TypeReference<List<LiveCall>> SNAPSHOT = new TypeReference<>() {
	};

	private final TelephonyAccounts accounts;

	private final ProviderPolls polls;

	private final CallMyWayApi api;

	private final ExtensionDirectory extensions;

	private final CallEventSink sink;

	/**
	 * CallMyWay's rule: its call lists may be read at most once every 4 seconds
	 * ({@code callbridge.callmyway.provider-spacing}).
	 */
	private final Duration minimum;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	CallMyWayLivePoller(TelephonyAccounts accounts, ProviderPolls polls, CallMyWayApi api,
			ExtensionDirectory extensions, CallEventSink sink,
			@Value("${callbridge.callmyway.provider-spacing:4s}") Duration minimum) {
		this.minimum = minimum;
		this.accounts = accounts;
		this.polls = polls;
		this.api = api;
		this.extensions = extensions;
		this.sink = sink;
	}

	// Cheap on every node every second: ids only; the account and its credentials are
	// read by the node that won the poll.
	@Scheduled(fixedDelayString = "${callbridge.callmyway.poll-tick:1s}")
	void tick() {
		for (long accountId : this.accounts.enabledIds(PROVIDER)) {
			this.polls.claimIfDue(accountId, KIND, this.minimum)
				.ifPresent((claim) -> this.executor.submit(() -> poll(accountId, claim)));
		}
	}

	void poll(long accountId, ProviderPolls.Claim claim) {
		Optional<TelephonyAccount> account = this.accounts.find(accountId)
			.filter((found) -> found.enabled() && found.hasCredentials() && PROVIDER.equals(found.provider()));
		if (account.isEmpty()) {
			// Disabled or changed since the ids were read.
			this.polls.abandon(claim);
			return;
		}
		poll(account.get(), claim);
	}

	void poll(TelephonyAccount account, ProviderPolls.Claim claim) {
		try {
			CallMyWayAccess access = this.api.access(account, this.accounts.credentials(account));
			CallMyWayApi.LivePoll live = this.api.pollLiveCalls(access);
			// Read after the request, which may have waited for its turn: an agent
			// assigned meanwhile must be recognised in the calls just read.
			Set<String> eps = endpointsOf(account);
			Map<String, LiveCall> now = new LinkedHashMap<>();
			for (CallMyWayCdr cdr : live.calls()) {
				now.put(cdr.callId(), LiveCall.of(cdr, eps, access.zone(), claim.startedAt()));
			}
			List<ProviderCallEvent> events = LiveCallDiff.between(read(claim.snapshot()), now, account.id(),
					claim.startedAt());
			// Events are applied before the snapshot moves on: if one fails, the next
			// poll
			// finds the same differences again, and repeats are ignored by the core.
			events.forEach(this.sink::accept);
			this.polls.succeeded(claim, JsonMapper.shared().writeValueAsString(List.copyOf(now.values())),
					live.answeredIn(), this.minimum, MAXIMUM);
		}
		catch (RuntimeException ex) {
			log.warn("Polling the live calls of account {} failed: {}", account.id(), ex.getMessage());
			this.polls.failed(claim, TelephonyFailure.textOf(ex), this.minimum, MAXIMUM);
		}
	}

	private Set<String> endpointsOf(TelephonyAccount account) {
		Set<String> eps = new HashSet<>(this.extensions.assignedExtensions(account.id()).keySet());
		eps.addAll(CommonSettings.of(account).callerIdentities());
		return eps;
	}

	private static Map<String, LiveCall> read(@Nullable String snapshot) {
		Map<String, LiveCall> calls = new LinkedHashMap<>();
		if (snapshot != null && !snapshot.isBlank()) {
			JsonMapper.shared().readValue(snapshot, SNAPSHOT).forEach((call) -> calls.put(call.callId(), call));
		}
		return calls;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
