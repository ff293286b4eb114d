package io.callbridge.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What one channel of the fuzzer (API or webhook) got back: requests sent, answers by
 * status class, and each distinct 5xx (operation, status, cause) with its count and the
 * mutation of its first occurrence.
 */
final class FuzzTally {

	private final String channel;

	private int sent;

	private int success;

	private int redirect;

	private int clientError;

	private int serverError;

	private int upstream;

	private int notSent;

	private int transportFailures;

	private final Map<String, Integer> statuses = new TreeMap<>();

	private final Map<String, int[]> serverErrors = new TreeMap<>();

	private final Map<String, String> firstMutation = new TreeMap<>();

	private final Predicate<FuzzHttp.Answer> rightFiveHundred;

	private final Map<String, Integer> upstreamCauses = new TreeMap<>();

	/** No 5xx is the right answer. */
	static final Predicate<FuzzHttp.Answer> NONE = (answer) -> false;

	/**
	 * The API's 5xx saying that a provider could not be reached
	 * ({@code provider-failure}): the API's calls to providers go to a closed port in the
	 * fuzz run.
	 */
	static final Predicate<FuzzHttp.Answer> PROVIDER_UNREACHABLE = (answer) -> answer.status() == 502
			|| answer.body().contains("/provider-failure\"");

	/**
	 * OMniLeads' own 500 with its {@code "status": "ERROR"} body, which the compatible
	 * API answers where OMniLeads does (an unknown external system); Callbridge's
	 * unexpected error there is {@code {"detail": "Server Error (500)"}}, a fault.
	 */
	static final Predicate<FuzzHttp.Answer> OMNILEADS_500 = (answer) -> answer.status() == 500
			&& answer.body().startsWith("{\"status\":\"ERROR\"");

	/**
	 * @param channel what is fuzzed
	 * @param rightFiveHundred which 5xx answers are right here, not faults: counted apart
	 */
	FuzzTally(String channel, Predicate<FuzzHttp.Answer> rightFiveHundred) {
		this.channel = channel;
		this.rightFiveHundred = rightFiveHundred;
	}

	void record(String operation, String mutation, FuzzHttp.Answer answer) {
		this.sent++;
		this.statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
		int status = answer.status();
		if (status == FuzzHttp.NOT_SENT) {
			this.notSent++;
		}
		else if (status == FuzzHttp.TRANSPORT_FAILURE) {
			this.transportFailures++;
			serverError(operation, mutation, "transport failure: " + answer.body());
		}
		else if (status >= 500 && this.rightFiveHundred.test(answer)) {
			this.upstream++;
			this.upstreamCauses.merge(operation + " → " + status + " " + answer.cause(), 1, Integer::sum);
		}
		else if (status >= 500) {
			this.serverError++;
			serverError(operation, mutation, status + " " + answer.cause());
		}
		else if (status >= 400) {
			this.clientError++;
		}
		else if (status >= 300) {
			this.redirect++;
		}
		else {
			this.success++;
		}
	}

	private void serverError(String operation, String mutation, String cause) {
		String key = operation + " → " + cause;
		this.serverErrors.computeIfAbsent(key, (k) -> new int[1])[0]++;
		this.firstMutation.putIfAbsent(key, mutation);
	}

	String channel() {
		return this.channel;
	}

	int sent() {
		return this.sent;
	}

	int success() {
		return this.success;
	}

	int redirect() {
		return this.redirect;
	}

	int clientError() {
		return this.clientError;
	}

	int serverError() {
		return this.serverError;
	}

	/** 5xx answers that are right (a provider unreachable, OMniLeads' own 500). */
	int upstream() {
		return this.upstream;
	}

	Map<String, Integer> upstreamCauses() {
		return this.upstreamCauses;
	}

	int notSent() {
		return this.notSent;
	}

	int transportFailures() {
		return this.transportFailures;
	}

	Map<String, Integer> statuses() {
		return this.statuses;
	}

	/** Each distinct 5xx or dropped connection with its count and first mutation. */
	Map<String, String> serverErrors() {
		Map<String, String> described = new TreeMap<>();
		this.serverErrors
			.forEach((key, count) -> described.put(key, count[0] + "× (first: " + this.firstMutation.get(key) + ")"));
		return described;
	}

}
