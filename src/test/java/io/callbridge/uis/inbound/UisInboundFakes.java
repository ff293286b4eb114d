package io.callbridge.uis.inbound;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.callbridge.support.CallFactsRecorder;
import io.callbridge.uis.UisEmployee;
import io.callbridge.uis.UisEmployees;
import io.callbridge.uis.UisPoints;
import io.callbridge.uis.UisSessionFetches;
import io.callbridge.uis.UisUsage;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * In-memory stand-ins for the UIS ports the outbound side implements (the session fetches
 * the inbound side schedules, the employees and points it reads), so the inbound side is
 * tested on its own; and a recorder of the call facts the core publishes. Primary, so
 * they also replace the real ones once those exist.
 */
@TestConfiguration(proxyBeanMethods = false)
class UisInboundFakes {

	@Bean
	@Primary
	RecordedFetches recordedFetches() {
		return new RecordedFetches();
	}

	@Bean
	@Primary
	KnownEmployees knownEmployees() {
		return new KnownEmployees();
	}

	@Bean
	@Primary
	KnownPoints knownPoints() {
		return new KnownPoints();
	}

	// Not "callFacts": the statistics module's repository has that bean name.
	@Bean
	CallFactsRecorder uisCallFacts() {
		return new CallFactsRecorder();
	}

	/** Records every session whose details the inbound side asked for. */
	static final class RecordedFetches implements UisSessionFetches {

		private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void fetchAfterEnd(long accountId, String callSessionId) {
			this.asked.add(accountId + "/" + callSessionId);
		}

		/** The sessions asked for an account, in order, repeats included. */
		List<String> askedFor(long accountId) {
			synchronized (this.asked) {
				return this.asked.stream()
					.filter((entry) -> entry.startsWith(accountId + "/"))
					.map((entry) -> entry.substring(entry.indexOf('/') + 1))
					.toList();
			}
		}

	}

	/** The employees of each account, as a test sets them. */
	static final class KnownEmployees implements UisEmployees {

		private final Map<Long, List<UisEmployee>> byAccount = new ConcurrentHashMap<>();

		void set(long accountId, UisEmployee... employees) {
			this.byAccount.put(accountId, List.of(employees));
		}

		@Override
		public Optional<UisEmployee> find(long accountId, String employeeId) {
			return list(accountId).stream().filter((e) -> e.id().equals(employeeId)).findFirst();
		}

		@Override
		public List<UisEmployee> list(long accountId) {
			return this.byAccount.getOrDefault(accountId, List.of());
		}

	}

	/** The points of each account, as a test sets them. */
	static final class KnownPoints implements UisUsage {

		private final Map<Long, List<UisPoints>> byAccount = new ConcurrentHashMap<>();

		void set(long accountId, UisPoints... points) {
			this.byAccount.put(accountId, List.of(points));
		}

		@Override
		public List<UisPoints> points(long accountId) {
			return this.byAccount.getOrDefault(accountId, List.of());
		}

	}

}
