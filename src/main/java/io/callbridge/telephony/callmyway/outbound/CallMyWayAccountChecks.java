package io.callbridge.telephony.callmyway.outbound;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.callmyway.CallMyWayAccess;
import io.callbridge.telephony.callmyway.CallMyWayApi;
import io.callbridge.telephony.callmyway.CallMyWayApiException;

/**
 * The homologation checks of a CallMyWay account, in order: credentials (a
 * {@code getEndpoints} request), endpoints visible, every agent's EP among them, caller
 * identities among them, live calls readable, recent CDRs readable, and Click2Dial.
 * CallMyWay has no dry-run mode, so Click2Dial is only tried, with one real call, when
 * the account names a {@code homologationNumber}. The API client keeps the requests 4
 * seconds apart. When the credentials fail the rest is reported as not checked.
 */
final class CallMyWayAccountChecks {

	static final String NOT_RUN = "Not run: CallMyWay has no dry-run mode; set homologationNumber to place one real test call.";

	private final CallMyWayApi api;

	private final CallMyWayTelephonyClient dialer;

	private final ExtensionDirectory extensions;

	CallMyWayAccountChecks(CallMyWayApi api, CallMyWayTelephonyClient dialer, ExtensionDirectory extensions) {
		this.api = api;
		this.dialer = dialer;
		this.extensions = extensions;
	}

	List<AccountCheck> run(TelephonyAccount account, Supplier<CallMyWayAccess> accessOf) {
		List<AccountCheck> checks = new ArrayList<>();
		CallMyWayAccess access;
		Map<String, String> endpoints;
		try {
			access = accessOf.get();
			endpoints = this.api.endpoints(access);
			checks.add(new AccountCheck("credentials", "Username and password", true,
					"CallMyWay accepted the username " + access.username() + "."));
		}
		catch (CallMyWayApiException ex) {
			checks.add(new AccountCheck("credentials", "Username and password", false, ex.getMessage()));
			String skipped = "Not checked: CallMyWay did not accept the username and password.";
			checks.add(new AccountCheck("endpoints", "Endpoints", false, skipped));
			checks.add(new AccountCheck("agentEps", "Agents' EPs", false, skipped));
			checks.add(new AccountCheck("agents", "Caller identities", false, skipped));
			checks.add(new AccountCheck("liveCalls", "Live calls", false, skipped));
			checks.add(new AccountCheck("cdrs", "Call records (CDRs)", false, skipped));
			checks.add(new AccountCheck("click2dial", "Click2Dial", false, skipped));
			return checks;
		}
		checks.add(endpoints(endpoints));
		checks.add(agentEps(this.extensions.assignedExtensions(account.id()), endpoints));
		checks.add(identities(account, endpoints));
		checks.add(liveCalls(access));
		checks.add(cdrs(access));
		checks.add(clickToDial(account, access, endpoints));
		return checks;
	}

	/** The EPs of the {@code callerIdentities} setting, in order. */
	static List<String> identities(TelephonyAccount account) {
		String value = account.settings().getOrDefault(CallMyWayTelephonyClient.CALLER_IDENTITIES, "");
		return Arrays.stream(value.split("[,;\\s]+")).map(String::strip).filter((ep) -> !ep.isEmpty()).toList();
	}

	private static AccountCheck endpoints(Map<String, String> endpoints) {
		if (endpoints.isEmpty()) {
			return new AccountCheck("endpoints", "Endpoints", false, "CallMyWay lists no endpoints for this account.");
		}
		String list = endpoints.entrySet()
			.stream()
			.map((e) -> e.getValue() + " (ID " + e.getKey() + ")")
			.collect(Collectors.joining(", "));
		return new AccountCheck("endpoints", "Endpoints", true, endpoints.size() + " endpoints: " + list + ".");
	}

	// An EP CallMyWay does not list can neither ring the agent nor be dialled from.
	private static AccountCheck agentEps(Map<String, String> assigned, Map<String, String> endpoints) {
		if (assigned.isEmpty()) {
			return new AccountCheck("agentEps", "Agents' EPs", false,
					"No agent has an EP on this account yet: relate each agent to their EP on the Extensions page.");
		}
		List<String> unknown = assigned.entrySet()
			.stream()
			.filter((e) -> !endpoints.containsValue(e.getKey()))
			.map((e) -> e.getKey() + " (" + e.getValue() + ")")
			.toList();
		if (!unknown.isEmpty()) {
			return new AccountCheck("agentEps", "Agents' EPs", false,
					"Not among the account's endpoints: " + String.join(", ", unknown) + ".");
		}
		String list = assigned.entrySet()
			.stream()
			.map((e) -> e.getKey() + " (" + e.getValue() + ")")
			.collect(Collectors.joining(", "));
		return new AccountCheck("agentEps", "Agents' EPs", true,
				assigned.size() + " agents, each on an endpoint of the account: " + list + ".");
	}

	private static AccountCheck identities(TelephonyAccount account, Map<String, String> endpoints) {
		List<String> identities = identities(account);
		if (identities.isEmpty()) {
			return new AccountCheck("agents", "Caller identities", true,
					"No further caller identities are set; agents call from their own EP.");
		}
		List<String> unknown = identities.stream().filter((ep) -> !endpoints.containsValue(ep)).toList();
		if (!unknown.isEmpty()) {
			return new AccountCheck("agents", "Caller identities", false,
					"Not among the account's endpoints: " + String.join(", ", unknown) + ".");
		}
		return new AccountCheck("agents", "Caller identities", true,
				"All caller identities are endpoints of the account: " + String.join(", ", identities) + ".");
	}

	private AccountCheck liveCalls(CallMyWayAccess access) {
		try {
			int count = this.api.liveCalls(access, true).size();
			return new AccountCheck("liveCalls", "Live calls", true, count + " calls in progress.");
		}
		catch (CallMyWayApiException ex) {
			return new AccountCheck("liveCalls", "Live calls", false, ex.getMessage());
		}
	}

	private AccountCheck cdrs(CallMyWayAccess access) {
		try {
			int count = this.api.recentCdrs(access).size();
			return new AccountCheck("cdrs", "Call records (CDRs)", true, count + " calls in the last 24 h.");
		}
		catch (CallMyWayApiException ex) {
			return new AccountCheck("cdrs", "Call records (CDRs)", false, ex.getMessage());
		}
	}

	// The test call leaves from the first caller identity, else the account's first EP.
	private AccountCheck clickToDial(TelephonyAccount account, CallMyWayAccess access, Map<String, String> endpoints) {
		String number = account.settings().getOrDefault(CallMyWayTelephonyClient.HOMOLOGATION_NUMBER, "").strip();
		if (number.isEmpty()) {
			return new AccountCheck("click2dial", "Click2Dial", false, NOT_RUN);
		}
		List<String> identities = identities(account);
		String from = !identities.isEmpty() ? identities.get(0)
				: endpoints.values().stream().sorted().findFirst().orElse("");
		if (from.isEmpty()) {
			return new AccountCheck("click2dial", "Click2Dial", false, "Not run: the account has no EP to call from.");
		}
		try {
			this.dialer.dial(account, access, from, number);
			return new AccountCheck("click2dial", "Click2Dial", true, "CallMyWay accepted a real test call from " + from
					+ " to " + number + "; whether it connects shows in the live calls and CDRs.");
		}
		catch (CallMyWayApiException ex) {
			return new AccountCheck("click2dial", "Click2Dial", false, ex.getMessage());
		}
	}

}
